import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { PlanPickerField } from "@/components/plan-picker/plan-picker";
import { ResponsiveTable } from "@/components/responsive-table";
import { SearchForm } from "@/components/search-form";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { listTrades, planNames } from "@/lib/queries/plans";
import { listRegistrations } from "@/lib/queries/registrations";
import { ticketAvailability } from "@/lib/services/tickets";
import { formatDateTime } from "@/lib/time";
import { searchPlansAction } from "../_shared/plan-actions";
import { StatusBadge } from "@/components/status-badge";
import { REGISTRATION_STATUS } from "@/lib/domain/statuses";

export const metadata = { title: "打印准考证" };

export default async function TicketsPage(props: { searchParams: Promise<{ planId?: string; page?: string }> }) {
  const user = await requireRole("person");
  const sp = await props.searchParams;
  const planId = Number(sp.planId) || 0;
  const page = Math.max(1, Number(sp.page) || 1);
  const [trades, names, list] = await Promise.all([
    listTrades(db),
    planNames(db, planId ? [planId] : []),
    listRegistrations(db, user, { planId: planId || undefined, statuses: ["approved", "paid", "seated"], page }),
  ]);
  const now = new Date();

  return (
    <>
      <PageHeader title="打印准考证" description="点击“考试名称”选择考试计划，点击【查询】列出考生，点击【详细】核对准考证后打印。" />
      <SearchForm resetHref="/person/tickets" label="准考证查询">
        <PlanPickerField name="planId" search={searchPlansAction} trades={trades} initial={planId && names.get(planId) ? { id: planId, name: names.get(planId)! } : null} />
      </SearchForm>
      {list.rows.length === 0 ? (
        <EmptyState title="没有可查询的考生" description="审核通过的报名会列在这里；编排考场后即可在打印时间内打印准考证。" />
      ) : (
        <ResponsiveTable label="考生列表">
          <Table>
            <TableCaption className="sr-only">考生列表</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>姓名</TableHead>
                <TableHead>准考证号</TableHead>
                <TableHead className="hidden md:table-cell">证件号码</TableHead>
                <TableHead className="hidden md:table-cell">考试名称</TableHead>
                <TableHead className="hidden lg:table-cell">打印时间</TableHead>
                <TableHead>状态</TableHead>
                <TableHead>操作</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.rows.map((r) => {
                const gate = ticketAvailability(r, now);
                return (
                  <TableRow key={r.id}>
                    <TableCell>{r.personName}</TableCell>
                    <TableCell className="font-mono">{r.ticketNo ?? "—"}</TableCell>
                    <TableCell className="hidden font-mono md:table-cell">{r.idNumber}</TableCell>
                    <TableCell className="hidden min-w-40 whitespace-normal md:table-cell">{r.planName}</TableCell>
                    <TableCell className="hidden lg:table-cell">
                      {formatDateTime(r.ticketStartAt)}
                      <br />至 {formatDateTime(r.ticketEndAt)}
                    </TableCell>
                    <TableCell className="whitespace-normal">
                      <StatusBadge of={REGISTRATION_STATUS} status={r.status} />
                      {r.status === "seated" && !gate.ok ? <p className="mt-1 max-w-56 text-xs text-muted-foreground">{gate.reason}</p> : null}
                      {r.ticketPrintedAt ? <p className="mt-1 text-xs text-muted-foreground">已打印</p> : null}
                    </TableCell>
                    <TableCell>
                      <Button asChild size="sm" variant={gate.ok ? "default" : "outline"}>
                        <Link href={`/person/tickets/${r.id}`} aria-label={`详细：${r.planName}`}>
                          详细
                        </Link>
                      </Button>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </ResponsiveTable>
      )}
      <Pagination page={page} pageSize={10} total={list.total} basePath="/person/tickets" searchParams={{ planId: planId ? String(planId) : undefined }} />
    </>
  );
}
