import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { Pagination } from "@/components/pagination";
import { ResponsiveTable } from "@/components/responsive-table";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { db } from "@/db";
import type { PlanStatus } from "@/db/schema";
import { PAGE_SIZE } from "@/lib/queries/admin/params";
import { listPlans } from "@/lib/queries/admin/plans";
import { formatDateTime } from "@/lib/time";
import { StatusBadge } from "@/components/status-badge";
import { PLAN_STATUS } from "@/lib/domain/statuses";

/** The plans a work page (考场编排 / 成绩管理 / 证书发放) can open, newest exam first. */
export async function PlanWorkList({ statuses, base, caption, page, searchParams }: { statuses: PlanStatus[]; base: string; caption: string; page: number; searchParams: Record<string, string | undefined> }) {
  const { rows, total } = await listPlans(db, { statuses }, page);
  if (rows.length === 0) return <EmptyState title="暂无可办理的考试计划" />;
  return (
    <>
      <ResponsiveTable label={caption}>
        <Table>
          <TableCaption className="sr-only">{caption}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>考试名称</TableHead>
              <TableHead>状态</TableHead>
              <TableHead className="hidden md:table-cell">岗位工种</TableHead>
              <TableHead>考试时间</TableHead>
              <TableHead className="text-right">报名人数</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((p) => (
              <TableRow key={p.id}>
                <TableCell className="whitespace-normal">
                  <Link href={`${base}/${p.id}`} className="font-medium text-primary underline-offset-4 hover:underline">
                    {p.name}
                  </Link>
                  <div className="font-mono text-xs text-muted-foreground">{p.code}</div>
                </TableCell>
                <TableCell>
                  <StatusBadge of={PLAN_STATUS} status={p.status} />
                </TableCell>
                <TableCell className="hidden md:table-cell">{p.tradeName}</TableCell>
                <TableCell className="text-sm">{formatDateTime(p.examStartAt)}</TableCell>
                <TableCell className="text-right tabular-nums">{p.registered}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ResponsiveTable>
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} basePath={base} searchParams={searchParams} />
    </>
  );
}
