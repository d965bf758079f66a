import { PageHeader } from "@/components/page-header";
import { FilterField, NativeSelect, SelectFilter } from "@/components/native-select";
import { SearchForm } from "@/components/search-form";
import { Input } from "@/components/ui/input";
import { db } from "@/db";
import { APPLICATION_KINDS, APPLICATION_STATUSES, SUBMITTER_KINDS } from "@/db/schema";
import { requireRole } from "@/lib/auth/guards";
import { APPLICATION_STATUS, SUBMITTER_KIND_LABELS } from "@/lib/domain/statuses";
import { flatParams, intParam, oneOf, pageParam, param, PAGE_SIZE, type SearchParams } from "@/lib/queries/admin/params";
import { tradeOptions } from "@/lib/queries/admin/plans";
import { organizationOptions } from "@/lib/queries/admin/registry";
import { APPLICATION_KIND_LABELS } from "@/lib/domain/statuses";
import { listApplications } from "@/lib/services/certificate-applications/review";
import { formatDateTime } from "@/lib/time";
import { ApplicationQueue } from "./_components/application-queue";

export const metadata = { title: "证书业务审核" };

export default async function ApplicationQueuePage(props: { searchParams: Promise<SearchParams> }) {
  const user = await requireRole("admin");
  const sp = await props.searchParams;
  // 待审核 by default: the queue is the centre's to-do list; "all" shows decided ones too.
  const statusParam = param(sp, "status", 20);
  const status = statusParam === "all" ? undefined : (oneOf(sp, "status", APPLICATION_STATUSES) ?? "applied");
  const filters = {
    kind: oneOf(sp, "kind", APPLICATION_KINDS),
    status,
    batchNo: param(sp, "batchNo", 20).toUpperCase() || undefined,
    tradeId: intParam(sp, "tradeId"),
    orgId: intParam(sp, "orgId"),
    submitterKind: oneOf(sp, "submitter", SUBMITTER_KINDS),
  };
  const page = pageParam(sp);
  const [{ rows, total }, trades, orgs] = await Promise.all([
    listApplications(db, user, { ...filters, page, pageSize: PAGE_SIZE }),
    tradeOptions(db, filters.tradeId),
    organizationOptions(db),
  ]);
  return (
    <>
      <PageHeader title="证书业务审核" description="证书续期、变更和进京申请。勾选后可批量审核；按申请批号查询后可整批审核通过。" />
      <SearchForm resetHref="/admin/applications" label="申请查询">
        <FilterField id="kind" label="业务类型">
          <NativeSelect id="kind" name="kind" defaultValue={filters.kind ?? ""}>
            <option value="">全部</option>
            {APPLICATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {APPLICATION_KIND_LABELS[k]}
              </option>
            ))}
          </NativeSelect>
        </FilterField>
        <FilterField id="status" label="状态">
          <NativeSelect id="status" name="status" defaultValue={status ?? "all"}>
            {APPLICATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {APPLICATION_STATUS[s].label}
              </option>
            ))}
            <option value="all">全部状态</option>
          </NativeSelect>
        </FilterField>
        <FilterField id="batchNo" label="申请批号">
          <Input id="batchNo" name="batchNo" maxLength={20} defaultValue={filters.batchNo} autoComplete="off" className="font-mono" />
        </FilterField>
        <SelectFilter id="tradeId" label="岗位工种" allLabel="全部岗位工种" options={trades} value={filters.tradeId || null} />
        <SelectFilter id="orgId" label="提交单位" allLabel="全部单位" options={orgs} value={filters.orgId || null} />
        <FilterField id="submitter" label="提交方">
          <NativeSelect id="submitter" name="submitter" defaultValue={filters.submitterKind ?? ""}>
            <option value="">全部</option>
            {SUBMITTER_KINDS.map((k) => (
              <option key={k} value={k}>
                {SUBMITTER_KIND_LABELS[k]}
              </option>
            ))}
          </NativeSelect>
        </FilterField>
      </SearchForm>
      <ApplicationQueue
        batchNo={filters.batchNo && rows.some((r) => r.status === "applied") ? filters.batchNo : undefined}
        empty={status === "applied" ? "没有待审核的申请" : "没有符合条件的申请"}
        pagination={{ page, pageSize: PAGE_SIZE, total, basePath: "/admin/applications", searchParams: flatParams(sp) }}
        rows={rows.map((r) => ({
          id: r.id,
          kindLabel: r.kindLabel,
          status: r.status,
          batchNo: r.batchNo,
          personName: r.personName,
          maskedId: r.maskedId,
          tradeName: r.tradeName,
          certificateNo: r.certificateNo,
          submitter: r.submitterName ? `${SUBMITTER_KIND_LABELS[r.submitterKind as "person"]}：${r.submitterName}` : SUBMITTER_KIND_LABELS[r.submitterKind as "person"],
          createdAt: formatDateTime(r.createdAt),
          rejectReason: r.rejectReason,
        }))}
      />
    </>
  );
}
