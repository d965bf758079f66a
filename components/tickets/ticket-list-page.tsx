import "server-only";
import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { PlanPickerField, type PlanSearch } from "@/components/plan-picker/plan-picker";
import { SearchForm } from "@/components/search-form";
import { StatusBadge } from "@/components/status-badge";
import { Button } from "@/components/ui/button";
import { db } from "@/db";
import type { SessionUser } from "@/lib/auth/roles";
import { REGISTRATION_STATUS } from "@/lib/domain/statuses";
import { listTrades, planNames } from "@/lib/queries/plans";
import { listRegistrations } from "@/lib/queries/registrations";
import { ticketAvailability } from "@/lib/services/tickets";
import { formatDateTime } from "@/lib/time";

export type TicketListSearch = { planId?: string; page?: string };

/**
 * 打印准考证 for whoever signs in: the candidates in the user's scope (a person: themself; an enterprise: its
 * employees and submissions; a trainer: its submissions), by plan, with 详细 per candidate. `bulk` is the
 * organisations' 下载全部准考证 of the chosen plan.
 */
export async function TicketListPage({
  user,
  basePath,
  searchParams,
  searchPlans,
  bulk,
}: {
  user: SessionUser;
  basePath: string;
  searchParams: TicketListSearch;
  searchPlans: PlanSearch;
  bulk?: (planId: number) => React.ReactNode;
}) {
  const planId = Number(searchParams.planId) || 0;
  const page = Math.max(1, Number(searchParams.page) || 1);
  const [trades, names, list] = await Promise.all([
    listTrades(db),
    planNames(db, planId ? [planId] : []),
    listRegistrations(db, user, { planId: planId || undefined, statuses: ["approved", "paid", "seated"], page }),
  ]);
  const now = new Date();
  const planName = planId ? names.get(planId) : undefined;

  return (
    <>
      <PageHeader title="打印准考证" description="点击“考试名称”选择考试计划，点击【查询】列出考生，点击【详细】核对准考证后打印。" />
      <SearchForm resetHref={basePath} label="准考证查询">
        <PlanPickerField name="planId" search={searchPlans} trades={trades} initial={planId && planName ? { id: planId, name: planName } : null} />
      </SearchForm>
      {bulk && planId && planName ? bulk(planId) : null}
      <DataTable
        label="考生列表"
        rows={list.rows.map((r) => ({ ...r, gate: ticketAvailability(r, now) }))}
        rowKey={(r) => r.id}
        empty={<EmptyState title="没有可查询的考生" description="审核通过的报名会列在这里；编排考场后即可在打印时间内打印准考证。" />}
        columns={[
          { header: "姓名", cell: (r) => r.personName },
          { header: "准考证号", cell: (r) => r.ticketNo ?? "—", className: "font-mono" },
          { header: "证件号码", cell: (r) => r.idNumber, className: "font-mono", wideOnly: "lg" },
          { header: "考试名称", cell: (r) => r.planName, wrap: true, className: "md:min-w-40" },
          {
            header: "打印时间",
            wideOnly: "xl",
            cell: (r) => (
              <span>
                {formatDateTime(r.ticketStartAt)}
                <br />至 {formatDateTime(r.ticketEndAt)}
              </span>
            ),
          },
          {
            header: "状态",
            wrap: true,
            cell: (r) => (
              <span>
                <StatusBadge of={REGISTRATION_STATUS} status={r.status} />
                {r.status === "seated" && !r.gate.ok ? <span className="mt-1 block max-w-56 text-xs text-muted-foreground">{r.gate.reason}</span> : null}
                {r.ticketPrintedAt ? <span className="mt-1 block text-xs text-muted-foreground">已打印</span> : null}
              </span>
            ),
          },
        ]}
        actions={(r) => (
          <Button asChild size="sm" variant={r.gate.ok ? "default" : "outline"}>
            <Link href={`${basePath}/${r.id}`} aria-label={user.role === "person" ? `详细：${r.planName}` : `详细：${r.personName}（${r.planName}）`}>
              详细
            </Link>
          </Button>
        )}
        pagination={{ page, pageSize: 10, total: list.total, basePath, searchParams: { planId: planId ? String(planId) : undefined } }}
      />
    </>
  );
}
