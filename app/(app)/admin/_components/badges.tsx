import { StatusBadge, type StatusTone } from "@/components/status-badge";
import type { PlanStatus, RegistrationStatus } from "@/db/schema/exams";
import { PLAN_STATUS_LABELS, REGISTRATION_STATUS_LABELS } from "@/lib/services/admin/plan-status";

const PLAN_TONES: Record<PlanStatus, StatusTone> = {
  draft: "neutral",
  published: "info",
  closed: "warning",
  seated: "info",
  held: "warning",
  results_published: "success",
  archived: "neutral",
};

const REGISTRATION_TONES: Record<RegistrationStatus, StatusTone> = {
  submitted: "warning",
  approved: "info",
  rejected: "danger",
  withdrawn: "neutral",
  paid: "success",
  seated: "success",
};

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  return <StatusBadge tone={PLAN_TONES[status]}>{PLAN_STATUS_LABELS[status]}</StatusBadge>;
}

export function RegistrationStatusBadge({ status }: { status: RegistrationStatus }) {
  return <StatusBadge tone={REGISTRATION_TONES[status]}>{REGISTRATION_STATUS_LABELS[status]}</StatusBadge>;
}

export function ActiveBadge({ active, on = "使用中", off = "已停用" }: { active: boolean; on?: string; off?: string }) {
  return <StatusBadge tone={active ? "success" : "neutral"}>{active ? on : off}</StatusBadge>;
}

export function ResultBadge({ passed, recorded, absent }: { passed: boolean | null; recorded: boolean; absent: boolean }) {
  if (!recorded) return <StatusBadge tone="neutral">未录入</StatusBadge>;
  if (absent) return <StatusBadge tone="warning">缺考</StatusBadge>;
  return passed ? <StatusBadge tone="success">合格</StatusBadge> : <StatusBadge tone="danger">不合格</StatusBadge>;
}
