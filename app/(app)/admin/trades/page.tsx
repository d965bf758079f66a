import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { ResponsiveTable } from "@/components/responsive-table";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { listTrades } from "@/lib/queries/admin/registry";
import { ActionButton } from "@/components/action-button";
import { restoreTradeAction, retireTradeAction } from "./actions";
import { StatusBadge } from "@/components/status-badge";
import { CATALOGUE_STATUS } from "@/lib/domain/statuses";

export const metadata = { title: "岗位工种" };

export default async function TradesPage() {
  await requireRole("admin");
  const rows = await listTrades(db);
  return (
    <>
      <PageHeader
        title="岗位工种"
        description="考试计划和证书所属的岗位工种。停用后不能用于新的考试计划，已有计划和证书不受影响。"
        actions={
          <Button asChild>
            <Link href="/admin/trades/new">新增岗位工种</Link>
          </Button>
        }
      />
      <ResponsiveTable label="岗位工种列表">
        <Table>
          <TableCaption className="sr-only">岗位工种列表</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>岗位工种</TableHead>
              <TableHead>代码</TableHead>
              <TableHead className="hidden md:table-cell">类别</TableHead>
              <TableHead>证书有效期</TableHead>
              <TableHead className="hidden md:table-cell">考试计划</TableHead>
              <TableHead>状态</TableHead>
              <TableHead>操作</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((t) => (
              <TableRow key={t.id}>
                <TableCell className="font-medium">{t.name}</TableCell>
                <TableCell className="font-mono">{t.code}</TableCell>
                <TableCell className="hidden md:table-cell">{t.category}</TableCell>
                <TableCell>{t.validityYears} 年</TableCell>
                <TableCell className="hidden md:table-cell tabular-nums">{t.plans}</TableCell>
                <TableCell>
                  <StatusBadge of={CATALOGUE_STATUS} status={t.status} />
                </TableCell>
                <TableCell>
                  <div className="flex items-start gap-2">
                    <Button asChild variant="outline" size="sm">
                      <Link href={`/admin/trades/${t.id}`} aria-label={`修改 ${t.name}`}>
                        修改
                      </Link>
                    </Button>
                    {t.status === "active" ? (
                      <ActionButton
                        action={retireTradeAction}
                        fields={{ id: String(t.id) }}
                        label="停用"
                        size="sm"
                        variant="outline"
                        confirm={{ title: `停用岗位工种“${t.name}”？`, description: "停用后不能再用于新的考试计划，可随时恢复。", confirmLabel: "停用" }}
                      />
                    ) : (
                      <ActionButton action={restoreTradeAction} fields={{ id: String(t.id) }} label="恢复" size="sm" variant="outline" />
                    )}
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ResponsiveTable>
    </>
  );
}
