import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { SearchForm } from "@/components/search-form";
import { Input } from "@/components/ui/input";
import { db } from "@/db";
import { ROLES } from "@/db/schema";
import { requireRole } from "@/lib/auth/guards";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { flatParams, oneOf, pageParam, PAGE_SIZE, param, type SearchParams } from "@/lib/queries/admin/params";
import { listAccounts } from "@/lib/queries/admin/registry";
import { FilterField, NativeSelect } from "@/components/native-select";
import { AccountsTable } from "./_components/accounts-table";

export const metadata = { title: "账号管理" };

export default async function AccountsPage(props: { searchParams: Promise<SearchParams> }) {
  const user = await requireRole("admin");
  const sp = await props.searchParams;
  const filters = { q: param(sp, "q", 40) || undefined, role: oneOf(sp, "role", ROLES), status: oneOf(sp, "status", ["active", "disabled"] as const) };
  const page = pageParam(sp);
  const { rows, total } = await listAccounts(db, filters, page);
  return (
    <>
      <PageHeader title="账号管理" description="重置密码或停用账号后，该账号已有的登录立即失效。机构账号在“机构管理”中新建。" />
      <SearchForm resetHref="/admin/accounts" label="账号查询">
        <FilterField id="q" label="用户名或名称">
          <Input id="q" name="q" maxLength={40} defaultValue={filters.q} />
        </FilterField>
        <FilterField id="role" label="角色">
          <NativeSelect id="role" name="role" defaultValue={filters.role ?? ""}>
            <option value="">全部</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
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
      {rows.length === 0 ? <EmptyState title="没有符合条件的账号" /> : <AccountsTable rows={rows} selfId={user.id} caption="账号列表" />}
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} basePath="/admin/accounts" searchParams={flatParams(sp)} />
    </>
  );
}
