/**
 * The exam plan's life as a small explicit state machine (草稿 → 报名中 → 报名结束 → 已编排 → 已考试 → 成绩已发布 → 已归档). Every admin service asks this
 * module whether a plan in its current status allows what it is about to do, and moves plans only along the
 * transitions listed here. Pure: the pages use the same tables to show only the buttons that can work.
 */
import type { PlanStatus, RegistrationStatus } from "@/db/schema/exams";
import { PLAN_STATUS_LABELS, REGISTRATION_STATUS_LABELS } from "@/lib/domain/statuses";

export const PLAN_STATUS_ORDER: readonly PlanStatus[] = ["draft", "published", "closed", "seated", "held", "results_published", "archived"];

/** What can be done to a plan (or to its registrations) while it is in a status. */
export type PlanOperation =
  | "edit_all" // every field, including code and trade
  | "edit_schedule" // times, venues, fee, capacity, notes; not code or trade
  | "edit_notes" // notes and candidate notes only
  | "delete"
  | "register" // practitioners, enterprises and trainers submit registrations
  | "review" // 报名审核
  | "pay" // 缴费
  | "arrange" // 考场编排
  | "score" // 成绩录入 / 导入
  | "pass_mark" // 合格分数线; changing it in "held" re-judges every recorded score
  | "issue"; // 发证

export const PLAN_ALLOWS: Record<PlanStatus, readonly PlanOperation[]> = {
  draft: ["edit_all", "edit_schedule", "edit_notes", "delete", "pass_mark"],
  published: ["edit_schedule", "edit_notes", "register", "review", "pay", "pass_mark"],
  closed: ["edit_schedule", "edit_notes", "review", "pay", "arrange", "pass_mark"],
  // Someone who pays late can still be seated by arranging again; printed tickets keep their seats.
  seated: ["edit_notes", "pay", "arrange", "pass_mark"],
  held: ["edit_notes", "score", "pass_mark"],
  results_published: ["issue"],
  archived: [],
};

export const OPERATION_LABELS: Record<PlanOperation, string> = {
  edit_all: "修改考试计划",
  edit_schedule: "修改考试安排",
  edit_notes: "修改说明",
  delete: "删除考试计划",
  register: "报名",
  review: "审核报名",
  pay: "登记缴费",
  arrange: "考场编排",
  score: "录入成绩",
  pass_mark: "修改合格分数线",
  issue: "发证",
};

export type PlanTransition = "publish" | "close" | "seat" | "hold" | "publish_results" | "archive";

/** The only moves a plan can make. "seat" happens by arranging the rooms, not by a button of its own. */
export const PLAN_TRANSITIONS: Record<PlanTransition, { from: readonly PlanStatus[]; to: PlanStatus; label: string }> = {
  publish: { from: ["draft"], to: "published", label: "发布" },
  close: { from: ["published"], to: "closed", label: "结束报名" },
  seat: { from: ["closed"], to: "seated", label: "考场编排" },
  hold: { from: ["seated"], to: "held", label: "确认考试结束" },
  publish_results: { from: ["held"], to: "results_published", label: "发布成绩" },
  archive: { from: ["results_published"], to: "archived", label: "归档" },
};

export function planAllows(status: PlanStatus, op: PlanOperation): boolean {
  return PLAN_ALLOWS[status].includes(op);
}

export function canTransition(status: PlanStatus, t: PlanTransition): boolean {
  return PLAN_TRANSITIONS[t].from.includes(status);
}

/** The transitions a plan in `status` can take by a button (everything but "seat"). */
export function availableTransitions(status: PlanStatus): PlanTransition[] {
  return (Object.keys(PLAN_TRANSITIONS) as PlanTransition[]).filter((t) => t !== "seat" && canTransition(status, t));
}

export function operationRefusal(status: PlanStatus, op: PlanOperation): string {
  return `考试计划当前状态为“${PLAN_STATUS_LABELS[status]}”，不能${OPERATION_LABELS[op]}`;
}

export function transitionRefusal(status: PlanStatus, t: PlanTransition): string {
  const from = PLAN_TRANSITIONS[t].from.map((s) => `“${PLAN_STATUS_LABELS[s]}”`).join("、");
  return `考试计划当前状态为“${PLAN_STATUS_LABELS[status]}”，不能${PLAN_TRANSITIONS[t].label}（只有${from}的计划可以）`;
}

// ---------------------------------------------------------------------------------------------------------
// Registrations, as far as the registration centre moves them.

export type RegistrationMove = "approve" | "reject" | "pay" | "seat";

/** Paid and seated are final for payment: nothing moves a registration back before "paid". */
export const REGISTRATION_MOVES: Record<RegistrationMove, { from: RegistrationStatus; to: RegistrationStatus; label: string }> = {
  approve: { from: "submitted", to: "approved", label: "审核通过" },
  reject: { from: "submitted", to: "rejected", label: "审核不通过" },
  pay: { from: "approved", to: "paid", label: "登记缴费" },
  seat: { from: "paid", to: "seated", label: "编排考场" },
};

export function registrationRefusal(status: RegistrationStatus, move: RegistrationMove): string {
  const m = REGISTRATION_MOVES[move];
  return `报名状态为“${REGISTRATION_STATUS_LABELS[status]}”，不能${m.label}（只有“${REGISTRATION_STATUS_LABELS[m.from]}”的报名可以）`;
}
