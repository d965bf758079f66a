import { DataTable } from "@/components/data-table";
import { StatusBadge } from "@/components/status-badge";
import { ROLE_LABELS } from "@/lib/auth/roles";
import type { AccountRow } from "@/lib/queries/admin/registry";
import { formatDateTime } from "@/lib/time";
import { AccountRowActions } from "./account-row-actions";

export function AccountsTable({ rows, selfId, caption, showOrg = true }: { rows: AccountRow[]; selfId: number; caption: string; showOrg?: boolean }) {
  return (
    <DataTable
      label={caption}
      rows={rows}
      rowKey={(u) => u.id}
      empty="没有符合条件的账号"
      columns={[
        { header: "用户名", cell: (u) => <span className="font-mono">{u.username}</span> },
        { header: "显示名称", cell: (u) => u.displayName, wrap: true, className: "md:min-w-28" },
        { header: "角色", cell: (u) => ROLE_LABELS[u.role] },
        ...(showOrg ? [{ header: "所属机构", cell: (u: AccountRow) => u.organizationName ?? "—", wrap: true, wideOnly: "xl" as const, className: "md:min-w-32" }] : []),
        { header: "最近登录", cell: (u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt) : "从未登录"), wideOnly: "lg", className: "text-sm" },
        {
          header: "状态",
          cell: (u) =>
            u.status === "active" ? u.locked ? <StatusBadge tone="warning">已锁定</StatusBadge> : <StatusBadge tone="success">正常</StatusBadge> : <StatusBadge tone="neutral">已停用</StatusBadge>,
        },
      ]}
      actions={(u) => <AccountRowActions userId={u.id} username={u.username} status={u.status} isAdmin={u.role === "admin"} isSelf={u.id === selfId} />}
    />
  );
}
