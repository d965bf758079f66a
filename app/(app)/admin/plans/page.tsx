import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { DataTable } from "@/components/data-table";
import { SearchForm } from "@/components/search-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { db } from "@/db";
import { PLAN_STATUSES } from "@/db/schema";
import { requireRole } from "@/lib/auth/guards";
import { flatParams, intParam, oneOf, pageParam, PAGE_SIZE, param, type SearchParams } from "@/lib/queries/admin/params";
import { listPlans, tradeOptions } from "@/lib/queries/admin/plans";
import { formatDate, formatDateTime } from "@/lib/time";
import { FilterField, NativeSelect } from "@/components/native-select";
import { PLAN_STATUS, PLAN_STATUS_LABELS } from "@/lib/domain/statuses";
import { StatusBadge } from "@/components/status-badge";

export const metadata = { title: "考试计划" };

export default async function PlansPage(props: { searchParams: Promise<SearchParams> }) {
  await requireRole("admin");
  const sp = await props.searchParams;
  const filters = {
    q: param(sp, "q", 60) || undefined,
    tradeId: intParam(sp, "tradeId"),
    status: oneOf(sp, "status", PLAN_STATUSES),
    from: param(sp, "from", 10) || undefined,
    to: param(sp, "to", 10) || undefined,
  };
  const page = pageParam(sp);
  const [{ rows, total }, trades] = await Promise.all([listPlans(db, filters, page), tradeOptions(db)]);
  return (
    <>
      <PageHeader
        title="考试计划"
        description="新建、发布、结束报名和归档考试计划。时间均为北京时间。"
        actions={
          <Button asChild>
            <Link href="/admin/plans/new">新建考试计划</Link>
          </Button>
        }
      />
      <SearchForm resetHref="/admin/plans" label="考试计划查询">
        <FilterField id="q" label="考试名称或计划编号">
          <Input id="q" name="q" maxLength={60} defaultValue={filters.q} />
        </FilterField>
        <FilterField id="tradeId" label="岗位工种">
          <NativeSelect id="tradeId" name="tradeId" defaultValue={filters.tradeId ? String(filters.tradeId) : ""}>
            <option value="">全部</option>
            {trades.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </NativeSelect>
        </FilterField>
        <FilterField id="status" label="状态">
          <NativeSelect id="status" name="status" defaultValue={filters.status ?? ""}>
            <option value="">全部</option>
            {PLAN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {PLAN_STATUS_LABELS[s]}
              </option>
            ))}
          </NativeSelect>
        </FilterField>
        <div className="grid [&>*]:min-w-0 grid-cols-2 gap-2">
          <FilterField id="from" label="考试日期从">
            <Input id="from" name="from" type="date" defaultValue={filters.from} />
          </FilterField>
          <FilterField id="to" label={<><span className="sr-only">考试日期</span>至</>}>
            <Input id="to" name="to" type="date" defaultValue={filters.to} />
          </FilterField>
        </div>
      </SearchForm>
      <DataTable
        label="考试计划列表"
        rows={rows}
        rowKey={(p) => p.id}
        empty="没有符合条件的考试计划"
        columns={[
          {
            header: "考试名称",
            wrap: true,
            cell: (p) => (
              <span>
                <Link href={`/admin/plans/${p.id}`} className="font-medium text-primary underline-offset-4 hover:underline">
                  {p.name}
                </Link>
                <span className="block font-mono text-xs font-normal text-muted-foreground">{p.code}</span>
              </span>
            ),
          },
          { header: "状态", cell: (p) => <StatusBadge of={PLAN_STATUS} status={p.status} /> },
          { header: "岗位工种", cell: (p) => p.tradeName, wideOnly: "lg" },
          { header: "报名时间", cell: (p) => `${formatDate(p.registrationStartAt)} 至 ${formatDate(p.registrationEndAt)}`, wideOnly: "xl", className: "text-sm" },
          { header: "考试时间", cell: (p) => formatDateTime(p.examStartAt), className: "text-sm" },
          { header: "报名/计划", cell: (p) => `${p.registered}/${p.capacity}`, className: "tabular-nums md:text-right" },
          {
            header: "待审核",
            className: "tabular-nums md:text-right",
            cell: (p) =>
              p.pending > 0 ? (
                <Link href={`/admin/registrations?planId=${p.id}`} className="text-primary underline underline-offset-4">
                  {p.pending}
                </Link>
              ) : (
                0
              ),
          },
        ]}
        pagination={{ page, pageSize: PAGE_SIZE, total, basePath: "/admin/plans", searchParams: flatParams(sp) }}
      />
    </>
  );
}
