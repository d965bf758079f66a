import Link from "next/link";
import { redirect } from "next/navigation";
import { DataTable } from "@/components/data-table";
import { FilterField, NativeSelect, SelectFilter } from "@/components/native-select";
import { PageHeader } from "@/components/page-header";
import { SearchForm } from "@/components/search-form";
import { StatusBadge } from "@/components/status-badge";
import { Input } from "@/components/ui/input";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { CERTIFICATE_STATE } from "@/lib/domain/statuses";
import { CERTIFICATE_SEARCH_STATES, searchCertificates } from "@/lib/queries/admin/certificate-search";
import { flatParams, intParam, oneOf, pageParam, param, PAGE_SIZE, type SearchParams } from "@/lib/queries/admin/params";
import { tradeOptions } from "@/lib/queries/admin/plans";
import { sealParam, unsealParam } from "@/lib/url-seal";

export const metadata = { title: "证书查询" };

/**
 * An ID number never stays in the URL: the form sends it as `idNumber`, and the page redirects to the same query
 * with it sealed as `idq` (lib/url-seal.ts), so history, logs and Referer headers carry an opaque token.
 */
function readFilters(sp: SearchParams) {
  const typedId = param(sp, "idNumber", 18).toUpperCase();
  const sealed = param(sp, "idq", 200);
  let sealedQuery: string | undefined;
  if (typedId) {
    const rest = Object.entries(flatParams(sp)).filter(([k, v]) => k !== "idNumber" && k !== "page" && v);
    sealedQuery = new URLSearchParams([...(rest as [string, string][]), ["idq", sealParam(typedId)]]).toString();
  }
  return {
    sealedQuery,
    filters: {
      certificateNo: param(sp, "certificateNo", 40) || undefined,
      name: param(sp, "name", 30) || undefined,
      idNumber: typedId || (sealed ? unsealParam(sealed)?.slice(0, 18) : undefined) || undefined,
      tradeId: intParam(sp, "tradeId"),
      state: oneOf(sp, "state", CERTIFICATE_SEARCH_STATES),
    },
  };
}

export default async function CertificateSearchPage(props: { searchParams: Promise<SearchParams> }) {
  const user = await requireRole("admin");
  const sp = await props.searchParams;
  const { filters, sealedQuery } = readFilters(sp);
  if (sealedQuery !== undefined) redirect(`/admin/certificate-search?${sealedQuery}`);
  const page = pageParam(sp);
  const [{ rows, total }, trades] = await Promise.all([
    searchCertificates(db, user, filters, page),
    tradeOptions(db, filters.tradeId),
  ]);
  return (
    <>
      <PageHeader title="证书查询" description="按证书编号、持证人姓名、证件号码（完整）、岗位工种或状态查询证书；详细中可查看各版本、注销和恢复。" />
      <SearchForm resetHref="/admin/certificate-search" label="证书查询条件">
        <FilterField id="certificateNo" label="证书编号">
          <Input id="certificateNo" name="certificateNo" maxLength={40} defaultValue={filters.certificateNo} autoComplete="off" className="font-mono" />
        </FilterField>
        <FilterField id="name" label="持证人姓名（开头是）">
          <Input id="name" name="name" maxLength={30} defaultValue={filters.name} autoComplete="off" />
        </FilterField>
        <FilterField id="idNumber" label="证件号码（完整）">
          <Input id="idNumber" name="idNumber" maxLength={18} defaultValue={filters.idNumber} autoComplete="off" />
        </FilterField>
        <SelectFilter id="tradeId" label="岗位工种" allLabel="全部岗位工种" options={trades} value={filters.tradeId || null} />
        <FilterField id="state" label="证书状态">
          <NativeSelect id="state" name="state" defaultValue={filters.state ?? ""}>
            <option value="">全部（当前版本）</option>
            {CERTIFICATE_SEARCH_STATES.map((s) => (
              <option key={s} value={s}>
                {CERTIFICATE_STATE[s].label}
              </option>
            ))}
          </NativeSelect>
        </FilterField>
      </SearchForm>
      <DataTable
        label="证书查询结果"
        rows={rows}
        rowKey={(r) => r.id}
        empty="没有符合条件的证书"
        pagination={{ page, pageSize: PAGE_SIZE, total, basePath: "/admin/certificate-search", searchParams: flatParams(sp) }}
        columns={[
          { header: "证书编号", cell: (r) => <span className="font-mono">{r.certificateNo}</span> },
          { header: "持证人", cell: (r) => r.holderName },
          { header: "证件号码", cell: (r) => <span className="font-mono text-xs">{r.maskedId}</span>, wideOnly: "lg" },
          { header: "岗位工种", cell: (r) => r.tradeName },
          { header: "版本", cell: (r) => `第 ${r.version} 版`, wideOnly: "xl" },
          { header: "有效期至", cell: (r) => r.validUntil },
          { header: "状态", cell: (r) => <StatusBadge of={CERTIFICATE_STATE} status={r.state} /> },
        ]}
        actions={(r) => (
          <Link href={`/admin/certificate-search/${r.id}`} className="text-primary underline underline-offset-4" aria-label={`查看证书 ${r.certificateNo} 的详细`}>
            详细
          </Link>
        )}
      />
    </>
  );
}
