import { StatusBadge } from "@/components/status-badge";
import { CERTIFICATE_STATE_LABELS, CERTIFICATE_STATE_TONES, type CertificateState } from "@/lib/services/certificates";

/** 有效 / 即将到期 / 已过期 / 已注销 / 已变更 (server components only: the labels live with the rule). */
export function CertificateStateBadge({ state }: { state: CertificateState }) {
  return <StatusBadge tone={CERTIFICATE_STATE_TONES[state]}>{CERTIFICATE_STATE_LABELS[state]}</StatusBadge>;
}
