import "server-only";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { ActionError } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { asSentence } from "@/lib/sentence";
import { notificationLink } from "@/lib/services/notification-links";
import { notifyMany } from "@/lib/services/notify";
import { formatYuan } from "@/lib/format";
import { writeAuditMany } from "@/lib/audit";
import { assertAdmin } from "./common";
import { operationRefusal, planAllows, REGISTRATION_MOVES, registrationRefusal, type PlanOperation, type RegistrationMove } from "./plan-status";
import type { PlanStatus, RegistrationStatus } from "@/db/schema";

export type LockedRegistration = {
  id: number;
  registrationNo: string;
  status: RegistrationStatus;
  personId: number;
  personName: string;
  submitterOrgId: number | null;
  planId: number;
  planName: string;
  planCode: string;
  planStatus: PlanStatus;
  feeCents: number;
  /** No photo on the registration: its ticket and certificate would print an empty photo box. */
  noPhoto: boolean;
};

/**
 * Locks the ticked registrations (and, shared, their plans) and checks that every one may make `move` in a
 * plan that allows `op`. One bad row refuses the whole batch, naming it, so nothing is half done.
 */
export async function lockForMove(tx: Tx, ids: number[], move: RegistrationMove, op: PlanOperation): Promise<LockedRegistration[]> {
  const unique = [...new Set(ids)];
  const rows = await tx.execute<LockedRegistration>(sql`
    select r.id, r.registration_no as "registrationNo", r.status, r.person_id as "personId", p.name as "personName",
           r.submitter_org_id as "submitterOrgId", r.plan_id as "planId", ep.name as "planName", ep.code as "planCode",
           ep.status as "planStatus", ep.fee_cents as "feeCents", r.photo_file_id is null as "noPhoto"
    from registrations r
    join persons p on p.id = r.person_id
    join exam_plans ep on ep.id = r.plan_id
    where r.id = any(${sql.param(unique)}::int[])
    order by r.id
    for update of r for share of ep`);
  if (rows.length !== unique.length) throw new ActionError("所选报名不存在或已被删除，请刷新后重试");
  const from = REGISTRATION_MOVES[move].from;
  const wrong = rows.filter((r) => r.status !== from);
  if (wrong.length > 0) {
    const named = wrong.slice(0, 3).map((r) => `${r.personName}（${r.registrationNo}）`).join("、");
    const more = wrong.length > 3 ? ` 等 ${wrong.length} 条` : "";
    throw new ActionError(`${named}${more}：${registrationRefusal(wrong[0].status, move)}`);
  }
  const plansWrong = rows.filter((r) => !planAllows(r.planStatus, op));
  if (plansWrong.length > 0) throw new ActionError(`${plansWrong[0].planName}：${operationRefusal(plansWrong[0].planStatus, op)}`);
  return rows;
}

export type ApproveResult = { approved: number; withoutPhoto: number };

/**
 * 审核通过: each person, and whoever submitted for them, gets the 缴费通知. Registrations without a photo can
 * be approved (the photo may come later by other means), but the count is returned so the reviewer is told.
 */
export async function approveRegistrations(db: Db, user: SessionUser, ids: number[], ip: string | null): Promise<ApproveResult> {
  assertAdmin(user);
  return db.transaction(async (tx) => {
    const rows = await lockForMove(tx, ids, "approve", "review");
    await tx.execute(sql`
      update registrations set status = 'approved', reviewed_by_user_id = ${user.id}, reviewed_at = now(), reject_reason = null, updated_at = now()
      where id = any(${sql.param(rows.map((r) => r.id))}::int[]) and status = 'submitted'`);
    await notifyMany(
      tx,
      rows.map((r) => ({
        personId: r.personId,
        submitterOrgId: r.submitterOrgId,
        message: {
          kind: "payment_notice" as const,
          title: "缴费通知",
          body: `${r.personName}报名的“${r.planName}”（报名号 ${r.registrationNo}）已审核通过，请按规定缴纳考试费 ${formatYuan(r.feeCents)}。缴费后由注册中心登记，考前可打印准考证。`,
          link: notificationLink.registration(r.id),
        },
      })),
    );
    await writeAuditMany(
      tx,
      rows.map((r) => ({
        actor: user,
        ip,
        action: "registration.approved",
        entityType: "registration",
        entityId: r.id,
        summary: `审核通过：${r.personName} 报名 ${r.planName}（${r.registrationNo}）`,
        before: { status: r.status },
        after: { status: "approved" },
      })),
    );
    return { approved: rows.length, withoutPhoto: rows.filter((r) => r.noPhoto).length };
  });
}

/** 审核不通过, with the reason; the submitter may correct the registration and submit it again. */
export async function rejectRegistrations(db: Db, user: SessionUser, ids: number[], reason: string, ip: string | null) {
  assertAdmin(user);
  const why = reason.trim();
  if (why.length < 2) throw new ActionError("请填写不通过的原因", { reason: ["请填写不通过的原因"] });
  return db.transaction(async (tx) => {
    const rows = await lockForMove(tx, ids, "reject", "review");
    await tx.execute(sql`
      update registrations set status = 'rejected', reject_reason = ${why}, reviewed_by_user_id = ${user.id}, reviewed_at = now(), updated_at = now()
      where id = any(${sql.param(rows.map((r) => r.id))}::int[]) and status = 'submitted'`);
    await notifyMany(
      tx,
      rows.map((r) => ({
        personId: r.personId,
        submitterOrgId: r.submitterOrgId,
        message: {
          kind: "rejected" as const,
          title: "报名审核未通过",
          body: `${r.personName}报名的“${r.planName}”（报名号 ${r.registrationNo}）未通过审核。原因：${asSentence(why)}请修改后重新提交。`,
          link: notificationLink.registration(r.id),
        },
      })),
    );
    await writeAuditMany(
      tx,
      rows.map((r) => ({
        actor: user,
        ip,
        action: "registration.rejected",
        entityType: "registration",
        entityId: r.id,
        summary: `审核不通过：${r.personName} 报名 ${r.planName}（${r.registrationNo}），原因：${why}`,
        before: { status: r.status },
        after: { status: "rejected", rejectReason: why },
      })),
    );
    return rows.length;
  });
}
