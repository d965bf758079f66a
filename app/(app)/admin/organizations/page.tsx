import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { ResponsiveTable } from "@/components/responsive-table";
import { SearchForm } from "@/components/search-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
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
          <Input id="q" name="q" defaultValue={filters.q} />
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
      {rows.length === 0 ? (
        <EmptyState title="没有符合条件的机构" />
      ) : (
        <ResponsiveTable label="机构列表">
          <Table>
            <TableCaption className="sr-only">机构列表</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>机构名称</TableHead>
                <TableHead>类型</TableHead>
                <TableHead className="hidden md:table-cell">统一社会信用代码</TableHead>
                <TableHead className="hidden lg:table-cell">组织机构代码</TableHead>
                <TableHead className="hidden lg:table-cell">联系人</TableHead>
                <TableHead className="text-right">账号</TableHead>
                <TableHead>状态</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((o) => (
                <TableRow key={o.id}>
                  <TableCell className="whitespace-normal">
                    <Link href={`/admin/organizations/${o.id}`} className="font-medium text-primary underline-offset-4 hover:underline">
                      {o.name}
                    </Link>
                  </TableCell>
                  <TableCell>{o.kind === "enterprise" ? "企业" : "培训机构"}</TableCell>
                  <TableCell className="hidden font-mono md:table-cell">{o.uscc ?? "—"}</TableCell>
                  <TableCell className="hidden font-mono lg:table-cell">{o.orgCode ?? "—"}</TableCell>
                  <TableCell className="hidden lg:table-cell">
                    {o.contactName} {o.contactPhone}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{o.accounts}</TableCell>
                  <TableCell>
                    <StatusBadge of={ACCOUNT_STATUS} status={o.status} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ResponsiveTable>
      )}
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} basePath="/admin/organizations" searchParams={flatParams(sp)} />
    </>
  );
}
