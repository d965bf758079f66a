"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { DataTable } from "@/components/data-table";
import { FormMessage } from "@/components/form-message";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import type { ActionResult } from "@/lib/actions";

/** A certificate found by the search, with why it cannot be ticked (null when it can). */
export type PickRow = {
  id: number;
  certificateNo: string;
  holderName: string;
  maskedId: string;
  tradeName: string;
  employerName: string | null;
  validUntil: string;
  blocked: string | null;
};

type RenewalData = { batchNo: string | null; refused: { certificateId?: number; certificateNo?: string; reason: string }[] };

/**
 * The found certificates with a checkbox per row; a row that cannot be chosen says why instead. 申请 either runs
 * the renewal action on the ticked rows, or (变更) opens the 证书变更申请表 for them.
 */
export function CertificatePicker({
  rows,
  label,
  renew,
  changeHref,
  single,
  pagination,
}: {
  rows: PickRow[];
  label: string;
  renew?: (input: { certificateIds: number[] }) => Promise<ActionResult<RenewalData>>;
  /** The 证书变更申请表's address; the ticked ids go along as `?ids=1,2`. */
  changeHref?: string;
  /** A person files one certificate per 变更 form: ticking one clears the others. */
  single?: boolean;
  pagination?: React.ComponentProps<typeof DataTable<PickRow>>["pagination"];
}) {
  const router = useRouter();
  const [ticked, setTicked] = useState<Set<number>>(new Set());
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; text: string; refused?: RenewalData["refused"] } | null>(null);
  const selectable = rows.filter((r) => !r.blocked);
  const allTicked = selectable.length > 0 && selectable.every((r) => ticked.has(r.id));
  const byId = new Map(rows.map((r) => [r.id, r]));

  function toggle(id: number, on: boolean) {
    setTicked((prev) => {
      const next = new Set(single ? [] : prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function apply() {
    const ids = [...ticked];
    if (ids.length === 0) {
      setResult({ ok: false, text: "请先勾选证书" });
      return;
    }
    if (changeHref) {
      router.push(`${changeHref}?ids=${ids.join(",")}`);
      return;
    }
    if (!renew) return;
    setResult(null);
    start(async () => {
      const r = await renew({ certificateIds: ids });
      if (r.ok) {
        setResult({ ok: true, text: r.message ?? "申请成功", refused: r.data.refused });
        setTicked(new Set());
        router.refresh();
      } else setResult({ ok: false, text: r.error });
    });
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        {single ? null : (
          <label className="flex min-h-11 items-center gap-2 text-sm">
            <Checkbox
              checked={allTicked}
              disabled={selectable.length === 0}
              onCheckedChange={(v) => setTicked(v === true ? new Set(selectable.map((r) => r.id)) : new Set())}
              aria-label="全选本页可申请的证书"
            />
            全选
          </label>
        )}
        <span className="text-sm text-muted-foreground" aria-live="polite">
          已勾选 {ticked.size} 本
        </span>
        <Button type="button" onClick={apply} disabled={pending} className="ml-auto">
          {pending ? "处理中…" : "申请"}
        </Button>
      </div>
      <div role="status" aria-live="polite">
        <FormMessage message={result?.text} tone={result?.ok === false ? "error" : "success"} />
        {result?.refused?.length ? (
          <div className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            <p className="font-medium">以下 {result.refused.length} 本证书未能申请：</p>
            <ul className="mt-1 list-disc pl-5">
              {result.refused.map((x, i) => (
                <li key={`${x.certificateId}-${i}`}>
                  {x.certificateNo ?? (x.certificateId ? byId.get(x.certificateId)?.certificateNo : null) ?? "证书"}：{x.reason}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      <DataTable
        label={label}
        rows={rows}
        rowKey={(r) => r.id}
        empty="没有符合条件的证书"
        columns={[
          {
            header: "选择",
            className: "w-12",
            cell: (r) =>
              r.blocked ? (
                <span className="text-xs whitespace-nowrap text-muted-foreground">不可选</span>
              ) : (
                <Checkbox
                  className="size-5"
                  checked={ticked.has(r.id)}
                  onCheckedChange={(v) => toggle(r.id, v === true)}
                  aria-label={`选择 ${r.certificateNo}`}
                />
              ),
          },
          { header: "证书编号", cell: (r) => r.certificateNo, className: "font-mono" },
          { header: "姓名", cell: (r) => r.holderName },
          { header: "证件号码", cell: (r) => r.maskedId, className: "font-mono", wideOnly: "xl" },
          { header: "岗位工种", cell: (r) => r.tradeName },
          { header: "工作单位", cell: (r) => r.employerName ?? "", wrap: true, wideOnly: "lg" },
          { header: "有效期至", cell: (r) => r.validUntil },
          { header: "说明", cell: (r) => (r.blocked ? <span className="text-amber-800">{r.blocked}</span> : <span className="text-green-800">可申请</span>), wrap: true },
        ]}
        pagination={pagination}
      />
    </div>
  );
}
