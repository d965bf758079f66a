"use client";

import Link from "next/link";
import { useState } from "react";
import { EmptyState } from "@/components/empty-state";
import { ResponsiveTable } from "@/components/responsive-table";
import { Checkbox } from "@/components/ui/checkbox";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
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
  const actionable = rows.filter((r) => r.status === selectable).map((r) => r.id);
  const all = actionable.length > 0 && actionable.every((id) => ticked.includes(id));
  const toggle = (id: number, on: boolean) => setTicked((t) => (on ? [...new Set([...t, id])] : t.filter((x) => x !== id)));
  return (
    <div className="grid [&>*]:min-w-0 gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted-foreground" aria-live="polite">
          已勾选 {ticked.length} 条
        </p>
        <ReviewButtons ids={ticked} modes={modes} onDone={() => setTicked([])} />
      </div>
      {rows.length === 0 ? (
        <EmptyState title={emptyText} />
      ) : (
        <ResponsiveTable label={caption}>
          <Table>
            <TableCaption className="sr-only">{caption}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead className="w-10">
                  <Checkbox aria-label="全选本页" checked={all} disabled={actionable.length === 0} onCheckedChange={(on) => setTicked(on ? actionable : [])} />
                </TableHead>
                <TableHead>姓名</TableHead>
                <TableHead>证件号码</TableHead>
                <TableHead>状态</TableHead>
                <TableHead className="hidden md:table-cell">考试计划</TableHead>
                <TableHead className="hidden lg:table-cell">提交方</TableHead>
                <TableHead className="hidden xl:table-cell">工作单位</TableHead>
                <TableHead className="hidden lg:table-cell">从事年限</TableHead>
                <TableHead className="hidden md:table-cell">{extraHeader ?? "提交时间"}</TableHead>
                <TableHead>操作</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.id} data-state={ticked.includes(r.id) ? "selected" : undefined}>
                  <TableCell>
                    {r.status === selectable ? (
                      <Checkbox aria-label={`勾选 ${r.personName}`} checked={ticked.includes(r.id)} onCheckedChange={(on) => toggle(r.id, on === true)} />
                    ) : null}
                  </TableCell>
                  <TableCell className="font-medium">
                    {r.personName}
                    {r.noPhoto ? (
                      <span className="ml-2 inline-block rounded border border-amber-500 px-1 text-xs font-normal whitespace-nowrap text-amber-700 dark:text-amber-400">无照片</span>
                    ) : null}
                  </TableCell>
                  <TableCell className="font-mono text-xs">{r.maskedId}</TableCell>
                  <TableCell>
                    <StatusBadge of={REGISTRATION_STATUS} status={r.status} />
                  </TableCell>
                  <TableCell className="hidden max-w-56 truncate md:table-cell" title={r.planName}>
                    {r.planName}
                  </TableCell>
                  <TableCell className="hidden lg:table-cell">{r.submitter}</TableCell>
                  <TableCell className="hidden max-w-56 truncate xl:table-cell" title={r.employerName}>
                    {r.employerName}
                  </TableCell>
                  <TableCell className="hidden lg:table-cell tabular-nums">{r.yearsOfWork} 年</TableCell>
                  <TableCell className="hidden md:table-cell text-sm">{r.extra ?? r.submittedAt}</TableCell>
                  <TableCell>
                    <Link href={`/admin/registrations/${r.id}`} className="text-primary underline underline-offset-4" aria-label={`查看 ${r.personName} 的报名详细`}>
                      详细
                    </Link>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ResponsiveTable>
      )}
    </div>
  );
}
