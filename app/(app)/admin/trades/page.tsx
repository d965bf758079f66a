import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { DataTable } from "@/components/data-table";
import { Button } from "@/components/ui/button";
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
      <DataTable
        label="岗位工种列表"
        rows={rows}
        rowKey={(t) => t.id}
        empty="还没有岗位工种"
        columns={[
          { header: "岗位工种", cell: (t) => t.name },
          { header: "代码", cell: (t) => t.code, className: "font-mono" },
          { header: "类别", cell: (t) => t.category, wideOnly: "lg" },
          { header: "证书有效期", cell: (t) => `${t.validityYears} 年` },
          { header: "考试计划", cell: (t) => t.plans, wideOnly: "lg", className: "tabular-nums" },
          { header: "状态", cell: (t) => <StatusBadge of={CATALOGUE_STATUS} status={t.status} /> },
        ]}
        actions={(t) => (
          <>
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
          </>
        )}
      />
    </>
  );
}
