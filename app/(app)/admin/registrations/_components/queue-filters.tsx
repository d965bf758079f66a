import { SearchForm } from "@/components/search-form";
import { Input } from "@/components/ui/input";
import { REGISTRATION_STATUSES } from "@/db/schema";
import { FilterField, NativeSelect } from "@/components/native-select";
import { REGISTRATION_STATUS_LABELS, SUBMITTER_KIND_LABELS } from "@/lib/domain/statuses";

export type QueueFilterValues = { planId?: number; status: string; orgId?: number; kind?: string; name?: string; nameMode?: string; idNumber?: string };

/** The review and payment queues' filters (a GET form). */
export function QueueFilters({
  values,
  plans,
  orgs,
  resetHref,
  statusChoice = true,
}: {
  values: QueueFilterValues;
  plans: { id: number; code: string; name: string }[];
  orgs: { id: number; kind: string; name: string }[];
  resetHref: string;
  statusChoice?: boolean;
}) {
  return (
    <SearchForm resetHref={resetHref} label="报名查询">
      <FilterField id="planId" label="考试计划">
        <NativeSelect id="planId" name="planId" defaultValue={values.planId ? String(values.planId) : ""}>
          <option value="">全部考试计划</option>
          {plans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}（{p.code}）
            </option>
          ))}
        </NativeSelect>
      </FilterField>
      {statusChoice ? (
        <FilterField id="status" label="状态">
          <NativeSelect id="status" name="status" defaultValue={values.status}>
            {REGISTRATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {REGISTRATION_STATUS_LABELS[s]}
              </option>
            ))}
            <option value="all">全部状态</option>
          </NativeSelect>
        </FilterField>
      ) : null}
      <FilterField id="orgId" label="单位">
        <NativeSelect id="orgId" name="orgId" defaultValue={values.orgId ? String(values.orgId) : ""}>
          <option value="">全部单位</option>
          {orgs.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </NativeSelect>
      </FilterField>
      <FilterField id="kind" label="提交方">
        <NativeSelect id="kind" name="kind" defaultValue={values.kind ?? ""}>
          <option value="">全部</option>
          {Object.entries(SUBMITTER_KIND_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </NativeSelect>
      </FilterField>
      <div className="grid [&>*]:min-w-0 grid-cols-[1fr_auto] gap-2">
        <FilterField id="name" label="姓名">
          <Input id="name" name="name" maxLength={30} defaultValue={values.name} autoComplete="off" />
        </FilterField>
        <FilterField id="nameMode" label="匹配">
          <NativeSelect id="nameMode" name="nameMode" defaultValue={values.nameMode ?? "prefix"}>
            <option value="prefix">开头是</option>
            <option value="contains">包含</option>
          </NativeSelect>
        </FilterField>
      </div>
      <FilterField id="idNumber" label="证件号码（完整或前几位）">
        <Input id="idNumber" name="idNumber" maxLength={18} defaultValue={values.idNumber} autoComplete="off" inputMode="text" />
      </FilterField>
    </SearchForm>
  );
}
