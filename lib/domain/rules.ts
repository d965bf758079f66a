/**
 * The registration rules in one place: pages ask them to decide which buttons to show, services ask them
 * before they write, and tests call them directly. Pure functions of the record and the signed-in user.
 */
import type { CertificateStatus } from "@/db/schema/certificates";
import type { PlanStatus, RegistrationStatus, SubmitterKind } from "@/db/schema/exams";
import type { SessionUser } from "@/lib/auth/roles";

/** A registration is open for changes by its submitter only while it waits for review. */
export const EDITABLE_STATUSES = ["submitted"] as const satisfies readonly RegistrationStatus[];
/** A registration in one of these may be submitted again in place (same number, status back to 待审核). */
export const RESUBMITTABLE_STATUSES = ["withdrawn", "rejected"] as const satisfies readonly RegistrationStatus[];
/** Plans whose results (成绩、合格名单) everyone concerned may see. */
export const RESULT_PLAN_STATUSES = ["results_published", "archived"] as const satisfies readonly PlanStatus[];

type Submitted = { submitterKind: SubmitterKind; submitterOrgId: number | null; personId: number };

function among<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** Whether the actor is the one who submitted this registration (only they may change or withdraw it). */
export function isSubmitter(actor: SessionUser, r: Submitted) {
  if (actor.role === "person") return r.submitterKind === "person" && r.personId === actor.personId;
  if (actor.role === "enterprise" || actor.role === "trainer") return r.submitterKind === actor.role && r.submitterOrgId === actor.organizationId;
  return false;
}

/** The status still allows 修改 / 撤回 (by whoever submitted it). */
export function isEditableStatus(status: RegistrationStatus) {
  return among(EDITABLE_STATUSES, status);
}

/** 修改: the submitter, while the registration waits for review. */
export function canEdit(actor: SessionUser, r: Submitted & { status: RegistrationStatus }) {
  return isEditableStatus(r.status) && isSubmitter(actor, r);
}

/** 撤回: the same rule as 修改. */
export const canWithdraw = canEdit;

/** 重新报名: a withdrawn or rejected registration may be submitted again; any other one holds the place. */
export function canResubmit(status: RegistrationStatus) {
  return among(RESUBMITTABLE_STATUSES, status);
}

/** Whether the plan's results (score, 合格/不合格) may be shown. */
export function resultsVisible(planStatus: PlanStatus) {
  return among(RESULT_PLAN_STATUSES, planStatus);
}

/** A certificate can be downloaded (printed as valid) unless it is a superseded version or revoked. */
export function certificateDownloadable(status: CertificateStatus) {
  return status !== "superseded" && status !== "revoked";
}
