import { ID_TYPE_LABELS, type IdType } from "@/lib/identity/chinese-id";

/** Row titles of a 变更, in the order of the form. */
export const CHANGE_ROWS = [
  ["employerName", "工作单位"],
  ["employerCode", "单位组织机构代码"],
  ["holderName", "姓名"],
  ["idType", "证件类型"],
  ["idNumber", "证件号码"],
] as const;

type Diff = { before: Record<string, unknown>; after: Record<string, unknown> };

export function changeValue(field: string, v: unknown) {
  if (v == null || v === "") return "（空）";
  return field === "idType" ? (ID_TYPE_LABELS[v as IdType] ?? String(v)) : String(v);
}

/** “工作单位：甲 → 乙” per changed field, for a list cell. */
export function ChangeDiffText({ diff }: { diff?: Diff }) {
  if (!diff) return null;
  const rows = CHANGE_ROWS.filter(([k]) => k in diff.after);
  return (
    <ul className="space-y-0.5 text-sm">
      {rows.map(([k, label]) => (
        <li key={k}>
          {label}：<span className="text-muted-foreground line-through decoration-1">{changeValue(k, diff.before[k])}</span> → <span className="font-medium">{changeValue(k, diff.after[k])}</span>
        </li>
      ))}
    </ul>
  );
}
