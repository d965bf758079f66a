import { ResponsiveTable } from "@/components/responsive-table";
import { StatusBadge } from "@/components/status-badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ROLE_LABELS } from "@/lib/auth/roles";
import type { AccountRow } from "@/lib/queries/admin/registry";
import { formatDateTime } from "@/lib/time";
import { AccountRowActions } from "./account-row-actions";

export function AccountsTable({ rows, selfId, caption, showOrg = true }: { rows: AccountRow[]; selfId: number; caption: string; showOrg?: boolean }) {
  return (
    <ResponsiveTable label={caption}>
      <Table>
        <TableCaption className="sr-only">{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>用户名</TableHead>
            <TableHead>显示名称</TableHead>
            <TableHead>角色</TableHead>
            {showOrg ? <TableHead className="hidden lg:table-cell">所属机构</TableHead> : null}
            <TableHead className="hidden md:table-cell">最近登录</TableHead>
            <TableHead>状态</TableHead>
            <TableHead>操作</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((u) => {
            const locked = u.locked;
            return (
              <TableRow key={u.id}>
                <TableCell className="font-mono">{u.username}</TableCell>
                <TableCell className="max-w-48 truncate" title={u.displayName}>
                  {u.displayName}
                </TableCell>
                <TableCell>{ROLE_LABELS[u.role]}</TableCell>
                {showOrg ? (
                  <TableCell className="hidden max-w-56 truncate lg:table-cell" title={u.organizationName ?? ""}>
                    {u.organizationName ?? "—"}
                  </TableCell>
                ) : null}
                <TableCell className="hidden text-sm md:table-cell">{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : "从未登录"}</TableCell>
                <TableCell>
                  {u.status === "active" ? locked ? <StatusBadge tone="warning">已锁定</StatusBadge> : <StatusBadge tone="success">正常</StatusBadge> : <StatusBadge tone="neutral">已停用</StatusBadge>}
                </TableCell>
                <TableCell>
                  <AccountRowActions userId={u.id} username={u.username} status={u.status} isAdmin={u.role === "admin"} isSelf={u.id === selfId} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </ResponsiveTable>
  );
}
