import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { examPlans, type ExamPlan } from "@/db/schema";
import { AccessDenied, ActionError } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/time";
import {
  canTransition,
  operationRefusal,
  PLAN_TRANSITIONS,
  planAllows,
  transitionRefusal,
  type PlanOperation,
  type PlanTransition,
} from "./plan-status";

/** Actions check the role already; services check again so no other caller can skip it. */
export function assertAdmin(user: SessionUser | null | undefined): asserts user is SessionUser {
  if (!user || user.role !== "admin") throw new AccessDenied("无权执行此操作");
}

/** Reads a plan and locks its row for the rest of the transaction, so plan-wide steps run one at a time. */
export async function lockPlan(tx: Tx, planId: number): Promise<ExamPlan> {
  const [plan] = await tx.select().from(examPlans).where(eq(examPlans.id, planId)).for("update").limit(1);
  if (!plan) throw new ActionError("考试计划不存在");
  return plan;
}

export function assertPlanAllows(plan: Pick<ExamPlan, "status">, op: PlanOperation) {
  if (!planAllows(plan.status, op)) throw new ActionError(operationRefusal(plan.status, op));
}

/**
 * 确认考试结束, score entry, score import and publishing results only once the exam is over: before the plan's
 * exam end time nobody has sat it, whatever its status says. The refusal names the time in Beijing.
 */
export function assertExamOver(plan: Pick<ExamPlan, "examEndAt">, what: string, now: Date = new Date()) {
  if (plan.examEndAt.getTime() > now.getTime()) {
    throw new ActionError(`考试结束时间为 ${formatDateTime(plan.examEndAt)}（北京时间），考试结束前不能${what}`);
  }
}

/** Moves a locked plan along one legal transition. */
export async function movePlan(tx: Tx, plan: ExamPlan, t: PlanTransition, extra: Partial<typeof examPlans.$inferInsert> = {}) {
  if (!canTransition(plan.status, t)) throw new ActionError(transitionRefusal(plan.status, t));
  const to = PLAN_TRANSITIONS[t].to;
  const [row] = await tx
    .update(examPlans)
    .set({ status: to, ...extra })
    .where(sql`${examPlans.id} = ${plan.id} and ${examPlans.status} = ${plan.status}`)
    .returning({ id: examPlans.id });
  if (!row) throw new ActionError("考试计划状态已变化，请刷新后重试");
  return to;
}




/**
 * One in-app message per registration, to the person and (when someone submitted for them) to that
 * organisation, in a single INSERT … SELECT: batch steps notify 20,000 people without a round trip each.
 * `source` is a FROM … WHERE over registrations aliased `r`; `body` an expression over its columns; `link`
 * one naming the record the message is about (a notificationLinkPattern through format()).
 */
export async function notifyRegistrations(
  db: DbOrTx,
  opts: { kind: "ticket_ready" | "result_published" | "certificate_issued"; title: string; source: SQL; body: SQL; link: SQL },
) {
  const rows = await db.execute(sql`
    insert into notifications (person_id, organization_id, kind, title, body, link)
    select t.person_id, t.org_id, ${opts.kind}, ${opts.title}, t.body, t.link
    from (
      select r.person_id, null::int as org_id, ${opts.body} as body, ${opts.link} as link ${opts.source}
      union all
      select null::int, r.submitter_org_id, ${opts.body}, ${opts.link} ${opts.source} and r.submitter_org_id is not null
    ) t
    returning id`);
  return rows.length;
}

export { yuan } from "@/lib/format";
