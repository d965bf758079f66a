import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { SearchForm } from "@/components/search-form";
import { Input } from "@/components/ui/input";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { AUDIT_ACTION_GROUPS, AUDIT_ACTION_LABELS, ENTITY_LABELS, searchAudit } from "@/lib/queries/admin/audit";
import { flatParams, pageParam, PAGE_SIZE, param, type SearchParams } from "@/lib/queries/admin/params";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/time";
import { FilterField, NativeSelect } from "@/components/native-select";

export const metadata = { title: "操作日志" };

function Json({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <div className="min-w-0">
      <p className="text-xs font-medium text-muted-foreground">{label}</p>
      <pre className="max-h-64 overflow-auto rounded bg-muted p-2 text-xs whitespace-pre-wrap break-all">{JSON.stringify(value, null, 2)}</pre>
    </div>
  );
}

export default async function AuditPage(props: { searchParams: Promise<SearchParams> }) {
  await requireRole("admin");
  const sp = await props.searchParams;
  const filters = {
    action: param(sp, "action", 60) || undefined,
    actor: param(sp, "actor", 40) || undefined,
    entityType: param(sp, "entityType", 30) || undefined,
    entityId: param(sp, "entityId", 30) || undefined,
    from: param(sp, "from", 10) || undefined,
    to: param(sp, "to", 10) || undefined,
    q: param(sp, "q", 60) || undefined,
  };
  const page = pageParam(sp);
  const { rows, total } = await searchAudit(db, filters, page);
  return (
    <>
      <PageHeader title="操作日志" description="谁在什么时间做了什么，以及修改前后的内容。时间为北京时间。" />
      <SearchForm resetHref="/admin/audit" label="操作日志查询">
        <FilterField id="action" label="操作">
          <NativeSelect id="action" name="action" defaultValue={filters.action ?? ""}>
            <option value="">全部操作</option>
            <optgroup label="类别">
              {AUDIT_ACTION_GROUPS.map((g) => (
                <option key={g.value} value={g.value}>
                  {g.label}
                </option>
              ))}
            </optgroup>
            <optgroup label="具体操作">
              {Object.entries(AUDIT_ACTION_LABELS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </optgroup>
          </NativeSelect>
        </FilterField>
        <FilterField id="actor" label="操作人（名称或用户名）">
          <Input id="actor" name="actor" maxLength={40} defaultValue={filters.actor} />
        </FilterField>
        <FilterField id="q" label="内容包含">
          <Input id="q" name="q" maxLength={60} defaultValue={filters.q} />
        </FilterField>
        <div className="grid [&>*]:min-w-0 grid-cols-2 gap-2">
          <FilterField id="entityType" label="对象类型">
            <NativeSelect id="entityType" name="entityType" defaultValue={filters.entityType ?? ""}>
              <option value="">全部</option>
              {Object.entries(ENTITY_LABELS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </NativeSelect>
          </FilterField>
          <FilterField id="entityId" label="对象编号">
            <Input id="entityId" name="entityId" maxLength={30} defaultValue={filters.entityId} inputMode="numeric" />
          </FilterField>
        </div>
        <div className="grid [&>*]:min-w-0 grid-cols-2 gap-2">
          <FilterField id="from" label="日期从">
            <Input id="from" name="from" type="date" defaultValue={filters.from} />
          </FilterField>
          <FilterField id="to" label={<><span className="sr-only">日期</span>至</>}>
            <Input id="to" name="to" type="date" defaultValue={filters.to} />
          </FilterField>
        </div>
      </SearchForm>
      {rows.length === 0 ? (
        <EmptyState title="没有符合条件的操作记录" />
      ) : (
        <ol className="divide-y rounded-lg border bg-card" aria-label="操作日志">
          {rows.map((r) => (
            <li key={r.id} className="grid [&>*]:min-w-0 gap-2 p-4">
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
                <time dateTime={new Date(r.at).toISOString()} className="tabular-nums text-muted-foreground">
                  {formatDateTime(r.at)}
                </time>
                <span className="font-medium">{AUDIT_ACTION_LABELS[r.action] ?? r.action}</span>
                <span className="text-muted-foreground">
                  {r.actorName ?? "系统"}
                  {r.actorRole ? `（${ROLE_LABELS[r.actorRole as Role] ?? r.actorRole}）` : ""}
                  {r.ip ? `　${r.ip}` : ""}
                </span>
                {r.entityType ? (
                  <span className="text-muted-foreground">
                    {ENTITY_LABELS[r.entityType] ?? r.entityType} #{r.entityId}
                  </span>
                ) : null}
              </div>
              <p className="text-sm break-words">{r.summary}</p>
              {r.before !== null || r.after !== null ? (
                <details className="text-sm">
                  <summary className="cursor-pointer text-primary">修改前后</summary>
                  <div className="mt-2 grid gap-2 md:grid-cols-2">
                    <Json label="修改前" value={r.before} />
                    <Json label="修改后" value={r.after} />
                  </div>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} basePath="/admin/audit" searchParams={flatParams(sp)} />
    </>
  );
}
