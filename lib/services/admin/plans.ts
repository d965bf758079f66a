import "server-only";
import { and, count, eq, inArray, ne } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { examPlans, examPlanVenues, registrations, trades, venues, type ExamPlan } from "@/db/schema";
import { ActionError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/roles";
import { formatDateTime, parseBeijingDateTime } from "@/lib/time";
import type { PlanValues } from "@/lib/validations/admin/plan";
import { assertAdmin, assertExamOver, assertPlanAllows, lockPlan, movePlan } from "./common";
import { canTransition, planAllows, PLAN_TRANSITIONS, transitionRefusal, type PlanTransition } from "./plan-status";
import { PLAN_STATUS_LABELS } from "@/lib/domain/statuses";

/** The form's strings as the row's columns: instants from Beijing wall-clock times, money in fen. */
export function planColumns(v: PlanValues) {
  return {
    code: v.code,
    name: v.name,
    tradeId: v.tradeId,
    registrationStartAt: parseBeijingDateTime(v.registrationStartAt)!,
    registrationEndAt: parseBeijingDateTime(v.registrationEndAt)!,
    ticketStartAt: parseBeijingDateTime(v.ticketStartAt)!,
    ticketEndAt: parseBeijingDateTime(v.ticketEndAt)!,
    examStartAt: parseBeijingDateTime(`${v.examDate}T${v.examStartTime}`)!,
    examEndAt: parseBeijingDateTime(`${v.examDate}T${v.examEndTime}`)!,
    feeCents: Math.round(Number(v.fee) * 100),
    minWorkYears: v.minWorkYears,
    capacity: v.capacity,
    passMark: Number(v.passMark),
    notes: v.notes,
    candidateNotes: v.candidateNotes,
  };
}

/** What the audit log keeps of a plan: readable times, not instants. */
export function planSnapshot(p: ReturnType<typeof planColumns> | ExamPlan, venueIds?: number[]) {
  return {
    code: p.code,
    name: p.name,
    tradeId: p.tradeId,
    registration: `${formatDateTime(p.registrationStartAt)} 至 ${formatDateTime(p.registrationEndAt)}`,
    ticket: `${formatDateTime(p.ticketStartAt)} 至 ${formatDateTime(p.ticketEndAt)}`,
    exam: `${formatDateTime(p.examStartAt)} 至 ${formatDateTime(p.examEndAt)}`,
    feeCents: p.feeCents,
    minWorkYears: p.minWorkYears,
    capacity: p.capacity,
    passMark: p.passMark,
    notes: p.notes,
    candidateNotes: p.candidateNotes,
    ...(venueIds ? { venueIds } : {}),
    ...("status" in p ? { status: p.status } : {}),
  };
}

async function checkRefs(tx: Tx, v: PlanValues, currentTradeId?: number) {
  const [trade] = await tx.select({ status: trades.status }).from(trades).where(eq(trades.id, v.tradeId)).limit(1);
  if (!trade) throw new ActionError("岗位工种不存在", { tradeId: ["请选择岗位工种"] });
  if (trade.status !== "active" && v.tradeId !== currentTradeId) throw new ActionError("该岗位工种已停用", { tradeId: ["该岗位工种已停用，不能用于新的考试计划"] });
  const found = await tx.select({ id: venues.id, status: venues.status }).from(venues).where(inArray(venues.id, v.venueIds));
  if (found.length !== new Set(v.venueIds).size) throw new ActionError("考点不存在", { venueIds: ["请重新选择考点"] });
  return found;
}

async function assertCodeFree(tx: Tx, code: string, exceptId?: number) {
  const [dup] = await tx
    .select({ id: examPlans.id })
    .from(examPlans)
    .where(and(eq(examPlans.code, code), exceptId ? ne(examPlans.id, exceptId) : undefined))
    .limit(1);
  if (dup) throw new ActionError("计划编号已存在", { code: ["计划编号已存在"] });
}

function sameValue(a: unknown, b: unknown) {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (typeof a === "number" || typeof b === "number") return Number(a) === Number(b);
  return a === b;
}

async function planVenueIds(tx: Tx, planId: number) {
  const rows = await tx.select({ id: examPlanVenues.venueId }).from(examPlanVenues).where(eq(examPlanVenues.planId, planId));
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

export async function createPlan(db: Db, user: SessionUser, v: PlanValues, ip: string | null) {
  assertAdmin(user);
  return db.transaction(async (tx) => {
    await assertCodeFree(tx, v.code);
    const found = await checkRefs(tx, v);
    if (found.some((f) => f.status !== "active")) throw new ActionError("所选考点已停用", { venueIds: ["所选考点已停用"] });
    const cols = planColumns(v);
    const [row] = await tx.insert(examPlans).values({ ...cols, status: "draft", createdByUserId: user.id }).returning({ id: examPlans.id });
    const venueIds = [...new Set(v.venueIds)].sort((a, b) => a - b);
    await tx.insert(examPlanVenues).values(venueIds.map((venueId) => ({ planId: row.id, venueId })));
    await writeAudit(tx, { actor: user, ip, action: "plan.created", entityType: "exam_plan", entityId: row.id, summary: `新建考试计划 ${v.name}（${v.code}）`, after: planSnapshot(cols, venueIds) });
    return row.id;
  });
}

/**
 * Edits what the plan's status allows: everything in draft; not the code or trade once published; only the
 * notes from seating on. Fields that may not change must arrive unchanged, so nobody believes an edit took.
 */
export async function updatePlan(db: Db, user: SessionUser, id: number, v: PlanValues, ip: string | null) {
  assertAdmin(user);
  await db.transaction(async (tx) => {
    const plan = await lockPlan(tx, id);
    assertPlanAllows(plan, "edit_notes");
    const beforeVenues = await planVenueIds(tx, id);
    const cols = planColumns(v);
    const venueIds = [...new Set(v.venueIds)].sort((a, b) => a - b);
    const locked = planAllows(plan.status, "edit_all")
      ? []
      : planAllows(plan.status, "edit_schedule")
        ? (["code", "tradeId"] as const)
        : ([
            "code", "name", "tradeId", "registrationStartAt", "registrationEndAt", "ticketStartAt", "ticketEndAt",
            "examStartAt", "examEndAt", "feeCents", "minWorkYears", "capacity", "passMark",
          ] as const);
    const changed = locked.filter((k) => !sameValue(plan[k], cols[k]));
    const venuesChanged = venueIds.join(",") !== beforeVenues.join(",");
    if (changed.length > 0 || (venuesChanged && !planAllows(plan.status, "edit_schedule"))) {
      throw new ActionError(
        planAllows(plan.status, "edit_schedule")
          ? `考试计划已发布（${PLAN_STATUS_LABELS[plan.status]}），计划编号和岗位工种不能修改`
          : `考试计划${PLAN_STATUS_LABELS[plan.status]}，只能修改报名须知和考生须知`,
      );
    }
    if (cols.code !== plan.code) await assertCodeFree(tx, cols.code, id);
    const found = await checkRefs(tx, v, plan.tradeId);
    if (venuesChanged && found.some((f) => f.status !== "active" && !beforeVenues.includes(f.id))) {
      throw new ActionError("所选考点已停用", { venueIds: ["所选考点已停用"] });
    }
    if (cols.capacity < plan.capacity) {
      const [{ n }] = await tx
        .select({ n: count() })
        .from(registrations)
        .where(and(eq(registrations.planId, id), inArray(registrations.status, ["submitted", "approved", "paid", "seated"])));
      if (cols.capacity < n) throw new ActionError(`计划人数不能少于已报名人数（${n} 人）`, { capacity: [`不能少于已报名人数 ${n}`] });
    }
    await tx.update(examPlans).set(cols).where(eq(examPlans.id, id));
    if (venuesChanged) {
      await tx.delete(examPlanVenues).where(eq(examPlanVenues.planId, id));
      await tx.insert(examPlanVenues).values(venueIds.map((venueId) => ({ planId: id, venueId })));
    }
    await writeAudit(tx, {
      actor: user,
      ip,
      action: "plan.updated",
      entityType: "exam_plan",
      entityId: id,
      summary: `修改考试计划 ${cols.name}（${cols.code}）`,
      before: planSnapshot(plan, beforeVenues),
      after: planSnapshot(cols, venueIds),
    });
  });
}

/** Only a draft can be deleted; nothing refers to it yet. */
export async function deletePlan(db: Db, user: SessionUser, id: number, ip: string | null) {
  assertAdmin(user);
  await db.transaction(async (tx) => {
    const plan = await lockPlan(tx, id);
    assertPlanAllows(plan, "delete");
    const [{ n }] = await tx.select({ n: count() }).from(registrations).where(eq(registrations.planId, id));
    if (n > 0) throw new ActionError("该考试计划已有报名，不能删除");
    const venueIds = await planVenueIds(tx, id);
    await tx.delete(examPlans).where(eq(examPlans.id, id));
    await writeAudit(tx, { actor: user, ip, action: "plan.deleted", entityType: "exam_plan", entityId: id, summary: `删除考试计划 ${plan.name}（${plan.code}）`, before: planSnapshot(plan, venueIds) });
  });
}

const AUDIT_ACTIONS: Record<Exclude<PlanTransition, "seat" | "publish_results">, string> = {
  publish: "plan.published",
  close: "plan.closed",
  hold: "plan.held",
  archive: "plan.archived",
};

/**
 * 发布 / 结束报名 / 确认考试结束 / 归档. Publishing results has its own service (it judges and notifies);
 * seating happens by arranging the rooms.
 */
export async function transitionPlan(db: Db, user: SessionUser, id: number, t: Exclude<PlanTransition, "seat" | "publish_results">, ip: string | null) {
  assertAdmin(user);
  return db.transaction(async (tx) => {
    const plan = await lockPlan(tx, id);
    const extra: Partial<typeof examPlans.$inferInsert> = {};
    if (t === "publish") {
      const [trade] = await tx.select({ status: trades.status }).from(trades).where(eq(trades.id, plan.tradeId));
      if (trade?.status !== "active") throw new ActionError("该考试计划的岗位工种已停用，不能发布");
      const venueIds = await planVenueIds(tx, id);
      if (venueIds.length === 0) throw new ActionError("请先为考试计划选择考点");
      if (plan.registrationEndAt.getTime() <= Date.now()) throw new ActionError("报名结束时间已过，请先修改报名时间再发布");
      extra.publishedAt = new Date();
    }
    if (t === "hold") {
      // The status refusal first: it says what to do next, the time only matters once the status allows it.
      if (!canTransition(plan.status, t)) throw new ActionError(transitionRefusal(plan.status, t));
      assertExamOver(plan, "确认考试结束");
      const [{ n }] = await tx.select({ n: count() }).from(registrations).where(and(eq(registrations.planId, id), eq(registrations.status, "paid")));
      if (n > 0) throw new ActionError(`还有 ${n} 名已缴费考生未编排考场，请先重新编排`);
    }
    const to = await movePlan(tx, plan, t, extra);
    await writeAudit(tx, {
      actor: user,
      ip,
      action: AUDIT_ACTIONS[t],
      entityType: "exam_plan",
      entityId: id,
      summary: `${PLAN_TRANSITIONS[t].label}：${plan.name}（${plan.code}）`,
      before: { status: plan.status },
      after: { status: to },
    });
    return to;
  });
}
