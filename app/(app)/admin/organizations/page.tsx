import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { DataTable } from "@/components/data-table";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { SearchForm } from "@/components/search-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { flatParams, oneOf, pageParam, PAGE_SIZE, param, type SearchParams } from "@/lib/queries/admin/params";
import { listOrganizations } from "@/lib/queries/admin/registry";
import { FilterField, NativeSelect } from "@/components/native-select";
import { StatusBadge } from "@/components/status-badge";
import { ACCOUNT_STATUS } from "@/lib/domain/statuses";

export const metadata = { title: "机构管理" };

export default async function OrganizationsPage(props: { searchParams: Promise<SearchParams> }) {
  await requireRole("admin");
  const sp = await props.searchParams;
  const filters = { q: param(sp, "q", 60) || undefined, kind: oneOf(sp, "kind", ["enterprise", "trainer"] as const), status: oneOf(sp, "status", ["active", "disabled"] as const) };
  const page = pageParam(sp);
  const { rows, total } = await listOrganizations(db, filters, page);
  return (
    <>
      <PageHeader
        title="机构管理"
        description="企业和培训机构的登记信息及其登录账号。"
        actions={
          <Button asChild>
            <Link href="/admin/organizations/new">登记机构</Link>
          </Button>
        }
      />
      <SearchForm resetHref="/admin/organizations" label="机构查询">
        <FilterField id="q" label="名称或代码">
          <Input id="q" name="q" maxLength={60} defaultValue={filters.q} />
        </FilterField>
        <FilterField id="kind" label="类型">
          <NativeSelect id="kind" name="kind" defaultValue={filters.kind ?? ""}>
            <option value="">全部</option>
            <option value="enterprise">企业</option>
            <option value="trainer">培训机构</option>
          </NativeSelect>
        </FilterField>
        <FilterField id="status" label="状态">
          <NativeSelect id="status" name="status" defaultValue={filters.status ?? ""}>
            <option value="">全部</option>
            <option value="active">正常</option>
            <option value="disabled">已停用</option>
          </NativeSelect>
        </FilterField>
      </SearchForm>
      <DataTable
        label="机构列表"
        rows={rows}
        rowKey={(o) => o.id}
        empty="没有符合条件的机构"
        columns={[
          {
            header: "机构名称",
            wrap: true,
            cell: (o) => (
              <Link href={`/admin/organizations/${o.id}`} className="font-medium text-primary underline-offset-4 hover:underline">
                {o.name}
              </Link>
            ),
          },
          { header: "类型", cell: (o) => ROLE_LABELS[o.kind] },
          { header: "统一社会信用代码", cell: (o) => o.uscc ?? "—", className: "font-mono" },
          { header: "组织机构代码", cell: (o) => o.orgCode ?? "—", className: "font-mono", wideOnly: "xl" },
          { header: "联系人", cell: (o) => `${o.contactName ?? ""} ${o.contactPhone ?? ""}`, wideOnly: "xl" },
          { header: "账号", cell: (o) => o.accounts, className: "tabular-nums md:text-right" },
          { header: "状态", cell: (o) => <StatusBadge of={ACCOUNT_STATUS} status={o.status} /> },
        ]}
        pagination={{ page, pageSize: PAGE_SIZE, total, basePath: "/admin/organizations", searchParams: flatParams(sp) }}
      />
    </>
  );
}
