import { redirect } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { maskIdNumber } from "@/lib/identity/chinese-id";
import { flatParams, pageParam, PAGE_SIZE, type SearchParams } from "@/lib/queries/admin/params";
import { planOptions } from "@/lib/queries/admin/plans";
import { listRegistrations } from "@/lib/queries/registrations";
import { organizationOptions } from "@/lib/queries/admin/registry";
import { formatDateTime } from "@/lib/time";
import { QueueFilters } from "./_components/queue-filters";
import { QueueTable } from "./_components/queue-table";
import { readQueueFilters } from "./_components/read-filters";
import { SUBMITTER_KIND_LABELS } from "@/lib/domain/statuses";

export const metadata = { title: "报名审核" };

export default async function ReviewQueuePage(props: { searchParams: Promise<SearchParams> }) {
  const user = await requireRole("admin");
  const sp = await props.searchParams;
  const { filters, values, sealedQuery } = readQueueFilters(sp, "submitted");
  if (sealedQuery !== undefined) redirect(`/admin/registrations?${sealedQuery}`);
  const page = pageParam(sp);
  const [{ rows, total }, plans, orgs] = await Promise.all([listRegistrations(db, user, { ...filters, page, pageSize: PAGE_SIZE }), planOptions(db), organizationOptions(db)]);
  return (
    <>
      <PageHeader title="报名审核" description="先提交的排在前面。勾选后可批量审核；审核通过即向报名人和提交单位发送缴费通知。" />
      <QueueFilters values={values} plans={plans} orgs={orgs} resetHref="/admin/registrations" />
      <QueueTable
        emptyText={filters.statuses?.[0] === "submitted" ? "没有待审核的报名" : "没有符合条件的报名"}
        caption="报名审核列表"
        selectable="submitted"
        modes={["approve", "reject"]}
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
          noPhoto: r.noPhoto,
        }))}
      />
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} basePath="/admin/registrations" searchParams={flatParams(sp)} />
    </>
  );
}
