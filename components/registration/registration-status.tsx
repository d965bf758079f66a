import { StatusBadge } from "@/components/status-badge";
import type { RegistrationStatus } from "@/db/schema/exams";
import { REGISTRATION_STATUS_LABELS, REGISTRATION_STATUS_TONES } from "@/lib/validations/registration";

/** 待审核 / 审核通过/待缴费 / 未通过 / 已撤回 / 已缴费 / 已编排, the word carrying the meaning and colour supporting it. */
export function RegistrationStatusBadge({ status }: { status: RegistrationStatus }) {
  return <StatusBadge tone={REGISTRATION_STATUS_TONES[status]}>{REGISTRATION_STATUS_LABELS[status]}</StatusBadge>;
}
