import { StatusBadge } from "@/components/status-badge";

export function ResultBadge({ passed, recorded, absent }: { passed: boolean | null; recorded: boolean; absent: boolean }) {
  if (!recorded) return <StatusBadge tone="neutral">未录入</StatusBadge>;
  if (absent) return <StatusBadge tone="warning">缺考</StatusBadge>;
  return passed ? <StatusBadge tone="success">合格</StatusBadge> : <StatusBadge tone="danger">不合格</StatusBadge>;
}
