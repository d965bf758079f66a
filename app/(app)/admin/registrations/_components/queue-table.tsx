"use client";

import Link from "next/link";
import { useState } from "react";
import { DataTable } from "@/components/data-table";
import type { RegistrationStatus } from "@/db/schema/exams";
import { ReviewButtons } from "./review-buttons";
import { StatusBadge } from "@/components/status-badge";
import { REGISTRATION_STATUS } from "@/lib/domain/statuses";

export type QueueItem = {
  id: number;
  status: RegistrationStatus;
  personName: string;
  maskedId: string;
  planName: string;
  submitter: string;
  employerName: string;
  yearsOfWork: number;
  submittedAt: string;
  extra?: string;
  /** Shown as 无照片 beside the name, so a photo-less registration is not approved unawares. */
  noPhoto?: boolean;
};

/**
 * The queue with a tick box per actionable row and the bulk buttons above it. `selectable` says which status
 * can be ticked (待审核 for review, 待缴费 for payment).
 */
export function QueueTable({
  rows,
  selectable,
  modes,
  caption,
  extraHeader,
  emptyText,
}: {
  rows: QueueItem[];
  selectable: RegistrationStatus;
  modes: ("approve" | "reject" | "pay")[];
  caption: string;
  extraHeader?: string;
  /** Shown instead of the table when nothing matches; the buttons stay, so their last result stays on screen. */
  emptyText: string;
}) {
  const [ticked, setTicked] = useState<number[]>([]);
  return (
    <div className="grid [&>*]:min-w-0 gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted-foreground" aria-live="polite">
          已勾选 {ticked.length} 条
        </p>
        <ReviewButtons ids={ticked} modes={modes} onDone={() => setTicked([])} />
      </div>
      <div>
        <DataTable
          label={caption}
          rows={rows}
          rowKey={(r) => r.id}
          empty={emptyText}
          selection={{
            selected: ticked,
            onChange: (keys) => setTicked(keys.map(Number)),
            canSelect: (r) => r.status === selectable,
            rowLabel: (r) => `勾选 ${r.personName}`,
          }}
          columns={[
            {
              header: "姓名",
              cell: (r) => (
                <span>
                  {r.personName}
                  {r.noPhoto ? (
                    <span className="ml-2 inline-block rounded border md:ml-0 md:block md:w-fit border-amber-500 px-1 text-xs font-normal whitespace-nowrap text-amber-700 dark:text-amber-400">无照片</span>
                  ) : null}
                </span>
              ),
            },
            { header: "证件号码", cell: (r) => <span className="font-mono text-xs">{r.maskedId}</span> },
            { header: "状态", cell: (r) => <StatusBadge of={REGISTRATION_STATUS} status={r.status} /> },
            { header: "考试计划", cell: (r) => r.planName, wrap: true, className: "md:min-w-32" },
            { header: "提交方", cell: (r) => r.submitter, wideOnly: "xl", wrap: true, className: "md:min-w-28" },
            { header: "工作单位", cell: (r) => r.employerName, wideOnly: "xl", wrap: true, className: "md:min-w-32" },
            { header: "从事年限", cell: (r) => `${r.yearsOfWork} 年`, wideOnly: "lg", className: "tabular-nums" },
            { header: extraHeader ?? "提交时间", cell: (r) => r.extra ?? r.submittedAt, className: "text-sm" },
          ]}
          actions={(r) => (
            <Link href={`/admin/registrations/${r.id}`} className="inline-flex min-h-11 items-center text-primary underline underline-offset-4 md:min-h-0" aria-label={`查看 ${r.personName} 的报名详细`}>
              详细
            </Link>
          )}
        />
      </div>
    </div>
  );
}
