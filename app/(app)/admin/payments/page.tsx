import { redirect } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { maskIdNumber } from "@/lib/identity/chinese-id";
import { importHistory } from "@/lib/queries/admin/exam-day";
import { flatParams, pageParam, PAGE_SIZE, type SearchParams } from "@/lib/queries/admin/params";
import { planOptions } from "@/lib/queries/admin/plans";
import { listRegistrations } from "@/lib/queries/registrations";
import { organizationOptions } from "@/lib/queries/admin/registry";
import { formatYuan } from "@/lib/format";
import { planAllows } from "@/lib/services/admin/plan-status";
import { formatDateTime } from "@/lib/time";
import { ImportForm } from "@/components/import-form";
import { ImportHistory } from "../_components/import-history";
import { QueueFilters } from "../registrations/_components/queue-filters";
import { QueueTable } from "../registrations/_components/queue-table";
import { readQueueFilters } from "../registrations/_components/read-filters";
import { importPaymentsAction } from "./actions";
import { SUBMITTER_KIND_LABELS } from "@/lib/domain/statuses";

export const metadata = { title: "缴费管理" };

export default async function PaymentsPage(props: { searchParams: Promise<SearchParams> }) {
  const user = await requireRole("admin");
  const sp = await props.searchParams;
  const { filters, values, sealedQuery } = readQueueFilters(sp, "approved");
  if (sealedQuery !== undefined) redirect(`/admin/payments?${sealedQuery}`);
  const page = pageParam(sp);
  const [{ rows, total }, plans, orgs] = await Promise.all([
    listRegistrations(db, user, { ...filters, page, pageSize: PAGE_SIZE }),
    planOptions(db, ["published", "closed", "seated", "held", "results_published", "archived"]),
    organizationOptions(db),
  ]);
  const plan = filters.planId ? plans.find((p) => p.id === filters.planId) : undefined;
  const history = plan ? await importHistory(db, plan.id, "payments") : [];
  return (
    <>
      <PageHeader title="缴费管理" description="审核通过的报名缴费后在此登记：勾选后批量登记，或导入银行对账单。已缴费的报名不能删除，也不能撤销。" />
      <QueueFilters values={values} plans={plans} orgs={orgs} resetHref="/admin/payments" />
      <Card className="mb-6">
        <CardHeader>
          <CardTitle>导入银行对账单</CardTitle>
        </CardHeader>
        <CardContent className="grid [&>*]:min-w-0 gap-4">
          {plan && planAllows(plan.status, "pay") ? (
            <>
              <p className="text-sm">考试计划：{plan.name}（{plan.code}）</p>
              <ImportForm
                action={importPaymentsAction}
                fields={{ planId: String(plan.id) }}
                label="对账单文件（.xlsx）"
                templateHref="/admin/payments/template"
                hint="列：证件号码或报名号、金额（元）、缴费日期，可加流水号。与本计划待缴费报名匹配且金额等于报名费的行登记为已缴费；其余各行逐行列出原因，不做任何修改。"
              />
              <ImportHistory batches={history} />
            </>
          ) : (
            <p className="text-sm text-muted-foreground">{plan ? "该考试计划当前状态不能登记缴费。" : "请先在上方选择考试计划并查询，再导入该计划的对账单。"}</p>
          )}
        </CardContent>
      </Card>
      <QueueTable
        emptyText={"没有符合条件的报名"}
        caption="缴费列表"
        selectable="approved"
        modes={["pay"]}
        extraHeader="缴费"
        rows={rows.map((r) => ({
          id: r.id,
          status: r.status,
          personName: r.personName,
          maskedId: maskIdNumber(r.idNumber),
          planName: r.planName,
          submitter: r.submitterName ? `${SUBMITTER_KIND_LABELS[r.submitterKind]}：${r.submitterName}` : SUBMITTER_KIND_LABELS[r.submitterKind],
          employerName: r.employerName,
          yearsOfWork: r.yearsOfWork,
          submittedAt: formatDateTime(r.submittedAt),
          extra: r.paidAt ? `已缴 ${formatDateTime(r.paidAt)}` : `应缴 ${formatYuan(r.feeCents)}`,
        }))}
      />
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} basePath="/admin/payments" searchParams={flatParams(sp)} />
    </>
  );
}
