"use client";

import { useEffect, useState, useTransition } from "react";
import { DownloadIcon, FilesIcon } from "lucide-react";
import { FormMessage } from "@/components/form-message";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions";

export type BulkJob = { id: number; status: "queued" | "running" | "done" | "failed"; done: number; total: number; message: string | null; ready: boolean };

type Start = (input: { planId: number }) => Promise<ActionResult<{ jobId: number }>>;
type Poll = (input: { jobId: number }) => Promise<ActionResult<Omit<BulkJob, "ready"> & { ready: boolean }>>;

const POLL_MS = 1_000;

/**
 * 下载全部准考证 of a plan: starts the background job, shows its progress (done / total, polled) and then the
 * download link. A job already running when the page opens is picked up again.
 */
export function BulkTickets({ planId, planName, seated, initial, start, poll }: { planId: number; planName: string; seated: number; initial: BulkJob | null; start: Start; poll: Poll }) {
  const [job, setJob] = useState<BulkJob | null>(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const active = job && (job.status === "queued" || job.status === "running");

  useEffect(() => {
    if (!job || !active) return;
    const t = setTimeout(async () => {
      const res = await poll({ jobId: job.id });
      if (res.ok) setJob(res.data);
      else setError(res.error);
    }, POLL_MS);
    return () => clearTimeout(t);
  }, [job, active, poll]);

  const onStart = () =>
    startTransition(async () => {
      setError(null);
      const res = await start({ planId });
      if (!res.ok) return setError(res.error);
      setJob({ id: res.data.jobId, status: "queued", done: 0, total: seated, message: null, ready: false });
    });

  const total = job?.total || seated;
  const pct = job?.status === "done" ? 100 : total ? Math.min(100, Math.round(((job?.done ?? 0) / total) * 100)) : 0;
  return (
    <section aria-labelledby="bulk-title" className="mb-6 rounded-lg border bg-card p-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="bulk-title" className="font-semibold">
            下载全部准考证
          </h2>
          <p className="text-sm text-muted-foreground">
            {planName}：本单位报名的已编排考生 {seated} 人，生成一个 PDF 文件（仅含当前可打印的准考证）。
          </p>
        </div>
        <Button type="button" onClick={onStart} disabled={pending || Boolean(active) || seated === 0}>
          <FilesIcon aria-hidden="true" />
          {active ? "正在生成…" : "生成全部准考证"}
        </Button>
      </div>
      {job ? (
        <div className="mt-4 space-y-2">
          <div
            role="progressbar"
            aria-label="准考证生成进度"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            aria-valuetext={job.status === "done" ? "已完成" : `${job.done} / ${total}`}
            className="h-2 w-full overflow-hidden rounded-full bg-muted"
          >
            <div className="h-full bg-primary transition-[width]" style={{ width: `${pct}%` }} />
          </div>
          <p className="text-sm text-muted-foreground" aria-live="polite">
            {job.status === "queued" ? "排队中…" : job.status === "running" ? `正在生成：${job.done} / ${total}` : job.status === "done" ? `已完成：共 ${job.done} 张准考证` : "生成失败"}
            {job.message ? `（${job.message}）` : ""}
          </p>
          {job.status === "done" && job.ready ? (
            <Button asChild variant="outline">
              <a href={`/api/document-jobs/${job.id}`} download>
                <DownloadIcon aria-hidden="true" />
                下载准考证（PDF）
              </a>
            </Button>
          ) : null}
        </div>
      ) : null}
      <FormMessage message={error} tone="error" className="mt-3" />
    </section>
  );
}
