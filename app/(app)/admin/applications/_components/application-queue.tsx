"use client";

import Link from "next/link";
import { useState } from "react";
import { DataTable, type DataColumn } from "@/components/data-table";
import type { PaginationProps } from "@/components/pagination";
import { StatusBadge } from "@/components/status-badge";
import { Checkbox } from "@/components/ui/checkbox";
import { APPLICATION_STATUS, type ApplicationStatus } from "@/lib/domain/statuses";
import { ReviewActions } from "./review-actions";

export type QueueRow = {
  id: number;
  kindLabel: string;
  status: ApplicationStatus;
  batchNo: string;
  personName: string;
  maskedId: string;
  tradeName: string;
  certificateNo: string | null;
  submitter: string;
  createdAt: string;
  rejectReason: string | null;
};

/** 证书业务审核 list: a tick box per 已申请 row, the bulk buttons above, and 整批 when a 申请批号 is chosen. */
export function ApplicationQueue({ rows, batchNo, empty, pagination }: { rows: QueueRow[]; batchNo?: string; empty: string; pagination: Omit<PaginationProps, "className"> }) {
  const [ticked, setTicked] = useState<number[]>([]);
  const open = rows.filter((r) => r.status === "applied").map((r) => r.id);
  const all = open.length > 0 && open.every((id) => ticked.includes(id));
  const toggle = (id: number, on: boolean) => setTicked((t) => (on ? [...new Set([...t, id])] : t.filter((x) => x !== id)));
  const columns: DataColumn<QueueRow>[] = [
    {
      header: "姓名",
      cell: (r) => (
        <span className="flex items-center gap-2">
          {r.status === "applied" ? <Checkbox aria-label={`勾选 ${r.personName}（${r.kindLabel}）`} checked={ticked.includes(r.id)} onCheckedChange={(on) => toggle(r.id, on === true)} /> : null}
          {r.personName}
        </span>
      ),
    },
    { header: "业务类型", cell: (r) => r.kindLabel },
    { header: "状态", cell: (r) => <StatusBadge of={APPLICATION_STATUS} status={r.status} /> },
    { header: "证书编号", cell: (r) => <span className="font-mono text-xs">{r.certificateNo ?? "—"}</span> },
    { header: "申请批号", cell: (r) => <span className="font-mono text-xs">{r.batchNo}</span>, wideOnly: "lg" },
    { header: "证件号码", cell: (r) => <span className="font-mono text-xs">{r.maskedId}</span>, wideOnly: "xl" },
    { header: "岗位工种", cell: (r) => r.tradeName, wideOnly: "lg" },
    { header: "提交方", cell: (r) => r.submitter, wideOnly: "xl" },
    { header: "申请时间", cell: (r) => r.createdAt, wideOnly: "xl" },
  ];
  // Only when decided applications are listed: why each was refused.
  if (rows.some((r) => r.rejectReason)) columns.push({ header: "不通过原因", cell: (r) => r.rejectReason ?? "—", wrap: true, wideOnly: "xl" });
  return (
    <div className="grid [&>*]:min-w-0 gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <label className="flex items-center gap-2 text-sm text-muted-foreground">
          <Checkbox aria-label="全选本页待审核申请" checked={all} disabled={open.length === 0} onCheckedChange={(on) => setTicked(on ? open : [])} />
          <span aria-live="polite">全选本页（已勾选 {ticked.length} 条）</span>
        </label>
        <ReviewActions ids={ticked} batchNo={batchNo} onDone={() => setTicked([])} />
      </div>
      <DataTable
        label="证书业务审核列表"
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        empty={empty}
        pagination={pagination}
        actions={(r) => (
          <Link href={`/admin/applications/${r.id}`} className="text-primary underline underline-offset-4" aria-label={`查看 ${r.personName} 的${r.kindLabel}申请详细`}>
            详细
          </Link>
        )}
      />
    </div>
  );
}
