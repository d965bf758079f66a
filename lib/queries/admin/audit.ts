import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { parseBeijingDateTime } from "@/lib/time";
import { likeEscape } from "../like";
import { PAGE_SIZE } from "./params";

export type AuditFilters = { action?: string; actor?: string; entityType?: string; entityId?: string; from?: string; to?: string; q?: string };

type AuditRow = {
  id: number;
  at: string;
  actorName: string | null;
  actorRole: string | null;
  ip: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  summary: string;
  before: unknown;
  after: unknown;
};

/** 操作日志 search. Dates are Beijing days, both ends inclusive. An action ending in "." matches its group. */
export async function searchAudit(db: DbOrTx, f: AuditFilters, page: number, pageSize = PAGE_SIZE) {
  const c: SQL[] = [sql`true`];
  if (f.action) c.push(f.action.endsWith(".") ? sql`a.action like ${`${likeEscape(f.action)}%`}` : sql`a.action = ${f.action}`);
  if (f.actor) c.push(sql`(a.actor_name like ${`%${likeEscape(f.actor)}%`} or exists (select 1 from users u where u.id = a.actor_user_id and lower(u.username) = ${f.actor.toLowerCase()}))`);
  if (f.entityType) c.push(sql`a.entity_type = ${f.entityType}`);
  if (f.entityId) c.push(sql`a.entity_id = ${f.entityId}`);
  if (f.q) c.push(sql`a.summary like ${`%${likeEscape(f.q)}%`}`);
  const from = f.from ? parseBeijingDateTime(f.from) : null;
  const to = f.to ? parseBeijingDateTime(f.to) : null;
  if (from) c.push(sql`a.at >= ${from.toISOString()}::timestamptz`);
  if (to) c.push(sql`a.at < ${new Date(to.getTime() + 86_400_000).toISOString()}::timestamptz`);
  const where = sql.join(c, sql` and `);
  const [rows, [{ total }]] = await Promise.all([
    db.execute<AuditRow>(sql`
      select a.id, a.at, a.actor_name as "actorName", a.actor_role as "actorRole", host(a.ip) as ip, a.action,
             a.entity_type as "entityType", a.entity_id as "entityId", a.summary, a.before, a.after
      from audit_logs a where ${where}
      order by a.id desc limit ${pageSize} offset ${(page - 1) * pageSize}`),
    db.execute<{ total: number }>(sql`select count(*)::int as total from audit_logs a where ${where}`),
  ]);
  return {
    rows: [...rows],
    total: Number(total),
  };
}

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "auth.sign_in": "登录",
  "trade.created": "新增岗位工种",
  "trade.updated": "修改岗位工种",
  "trade.retired": "停用岗位工种",
  "trade.restored": "恢复岗位工种",
  "plan.created": "新建考试计划",
  "plan.updated": "修改考试计划",
  "plan.deleted": "删除考试计划",
  "plan.published": "发布考试计划",
  "plan.closed": "结束报名",
  "plan.held": "确认考试结束",
  "plan.results_published": "发布成绩",
  "plan.archived": "归档考试计划",
  "plan.pass_mark_changed": "修改合格分数线",
  "registration.approved": "审核通过",
  "registration.rejected": "审核不通过",
  "registration.paid": "登记缴费",
  "payment.imported": "导入缴费对账单",
  "seating.arranged": "考场编排",
  "score.recorded": "录入成绩",
  "score.imported": "导入成绩",
  "score.import_rejected": "导入成绩（未导入）",
  "certificate.issued": "发证",
  "venue.created": "新增考点",
  "venue.updated": "修改考点",
  "venue.retired": "停用考点",
  "venue.restored": "恢复考点",
  "room.created": "新增考场",
  "room.updated": "修改考场",
  "room.deleted": "删除考场",
  "organization.created": "登记机构",
  "organization.updated": "修改机构信息",
  "organization.disabled": "停用机构",
  "organization.enabled": "启用机构",
  "account.created": "新建账号",
  "account.password_reset": "重置密码",
  "account.password_changed": "修改密码",
  "account.disabled": "停用账号",
  "account.enabled": "启用账号",
  "file.orphans_removed": "清理孤立文件",
};

/** Action groups for the filter: "plan." matches every plan action. */
export const AUDIT_ACTION_GROUPS: { value: string; label: string }[] = [
  { value: "plan.", label: "考试计划（全部）" },
  { value: "registration.", label: "报名审核与缴费（全部）" },
  { value: "seating.", label: "考场编排" },
  { value: "score.", label: "成绩（全部）" },
  { value: "certificate.", label: "发证" },
  { value: "trade.", label: "岗位工种（全部）" },
  { value: "venue.", label: "考点（全部）" },
  { value: "room.", label: "考场（全部）" },
  { value: "organization.", label: "机构（全部）" },
  { value: "account.", label: "账号（全部）" },
  { value: "auth.", label: "登录" },
  { value: "file.", label: "清理孤立文件" },
];

export const ENTITY_LABELS: Record<string, string> = {
  exam_plan: "考试计划",
  registration: "报名",
  trade: "岗位工种",
  venue: "考点",
  room: "考场",
  organization: "机构",
  user: "账号",
  person: "从业人员",
  certificate: "证书",
};
