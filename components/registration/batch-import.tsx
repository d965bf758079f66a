"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { DownloadIcon, Trash2Icon, UploadIcon } from "lucide-react";
import { FormMessage } from "@/components/form-message";
import { ResponsiveTable } from "@/components/responsive-table";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ActionResult } from "@/lib/actions";

export type BatchView = {
  id: number;
  status: "checking" | "checked" | "applying" | "applied" | "rejected" | "failed";
  originalName: string | null;
  totalRows: number;
  processedRows: number;
  okRows: number;
  errorRows: number;
  errors: { row: number; column?: string; message: string }[];
  allOrNothing: boolean;
  message: string | null;
  photoCount: number;
  /** 照片批量上传 of many photos, done in the background. */
  photoJob?: { status: "queued" | "running" | "done" | "failed"; done: number; total: number; result: PhotoMatch | null; error: string | null; message: string | null } | null;
};
type PhotoMatch = {
  matched: { idNumber: string; fileName: string; row: number }[];
  rowsWithoutPhoto: { row: number; idNumber: string; name: string }[];
  photosWithoutRow: string[];
  unreadable: { fileName: string; error: string }[];
  duplicates: string[];
};

export type BatchImportActions = {
  upload: (fd: FormData) => Promise<ActionResult<BatchView & { reused: boolean }>>;
  progress: (input: { batchId: number }) => Promise<ActionResult<BatchView>>;
  /** The match table, or null when the photos went to a background job (then poll progress for photoJob). */
  uploadPhotos: (fd: FormData) => Promise<ActionResult<PhotoMatch | null>>;
  removePhoto: (input: { batchId: number; idNumber: string }) => Promise<ActionResult<null>>;
  confirm: (input: { batchId: number }) => Promise<ActionResult<BatchView>>;
};

const RUNNING = new Set(["checking", "applying"]);
const SHOWN_ERRORS = 500;

/**
 * 批量报名 (manual 2.2.1, 2.3.1): 上传 the filled template → a progress bar while the background job checks
 * every row → the row errors (and the file with the bad cells marked) or the count of good rows → 照片批量上传
 * (JPG files or a ZIP) → 确认导入, saved in the background with progress.
 */
export function BatchImport({ planId, basePath, initial, actions }: { planId: number; basePath: string; initial: BatchView | null; actions: BatchImportActions }) {
  const router = useRouter();
  const [batch, setBatch] = useState<BatchView | null>(initial);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const [confirming, setConfirming] = useState(false);
  // Set from 确认导入 until the save job ends: the batch reads "checked" until a worker picks the job up.
  const confirmingRef = useRef(false);
  const [watching, setWatching] = useState<number | null>(initial && RUNNING.has(initial.status) ? initial.id : null);

  // Polls the batch while its background job runs: counts on the progress bar, never a frozen page.
  useEffect(() => {
    if (watching == null) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      const res = await actions.progress({ batchId: watching });
      if (stopped) return;
      if (!res.ok) {
        setMessage({ ok: false, text: res.error });
        setWatching(null);
        return;
      }
      setBatch(res.data);
      if (RUNNING.has(res.data.status) || (confirmingRef.current && res.data.status === "checked")) {
        timer = setTimeout(tick, 600);
        return;
      }
      if (confirmingRef.current) {
        confirmingRef.current = false;
        setConfirming(false);
        if (res.data.status === "applied") setMessage({ ok: true, text: `导入成功：已报名 ${res.data.okRows} 人，等待注册中心审核。${res.data.message ?? ""}` });
        else setMessage({ ok: false, text: res.data.message ?? "导入失败" });
      }
      setWatching(null);
      router.refresh();
    };
    timer = setTimeout(tick, 600);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [watching, actions, router]);
  const poll = setWatching;

  const running = batch ? RUNNING.has(batch.status) || confirming : false;

  return (
    <div className="grid gap-8">
      <section aria-labelledby="upload-title" className="grid gap-3 rounded-lg border p-4">
        <h2 id="upload-title" className="font-semibold">
          上传报名表
        </h2>
        <form
          className="grid gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            const fd = new FormData(e.currentTarget);
            fd.set("planId", String(planId));
            setMessage(null);
            start(async () => {
              const res = await actions.upload(fd);
              if (!res.ok) {
                setMessage({ ok: false, text: res.fieldErrors?.file?.[0] ?? res.error });
                return;
              }
              setBatch(res.data);
              if (res.data.reused) setMessage({ ok: true, text: "该文件已上传过，显示上次的检查结果；同一文件不会重复报名。" });
              router.replace(`${basePath}/registrations/batch?planId=${planId}&batchId=${res.data.id}`, { scroll: false });
              if (RUNNING.has(res.data.status)) poll(res.data.id);
            });
          }}
        >
          <Field>
            <FieldLabel htmlFor="batch-file">报名表文件（.xlsx）</FieldLabel>
            <Input id="batch-file" name="file" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
          </Field>
          <div className="flex items-center gap-2">
            <Checkbox id="batch-all" name="allOrNothing" defaultChecked={initial?.allOrNothing} />
            <Label htmlFor="batch-all">全部正确才导入（有任何一行错误则不导入）</Label>
          </div>
          <div>
            <Button type="submit" disabled={pending || running}>
              <UploadIcon aria-hidden="true" />
              {pending ? "正在上传…" : "上传"}
            </Button>
          </div>
        </form>
        <FormMessage message={message?.text} tone={message?.ok === false ? "error" : "success"} />
      </section>

      {batch ? <BatchStatus batch={batch} confirming={confirming} /> : null}

      {batch && batch.status === "checked" && !confirming ? (
        <>
          <Photos batch={batch} actions={actions} onChange={(photoCount) => setBatch((b) => (b ? { ...b, photoCount } : b))} />
          <section aria-labelledby="confirm-title" className="grid gap-3 rounded-lg border p-4">
            <h2 id="confirm-title" className="font-semibold">
              确认导入
            </h2>
            <p className="text-sm">
              {batch.errorRows > 0 && batch.allOrNothing
                ? "已选择“全部正确才导入”：请改正错误后重新上传报名表。"
                : `将保存 ${batch.okRows} 行正确的报名信息${batch.errorRows ? `，有错误的 ${batch.errorRows} 行不导入` : ""}；每一行都需要照片。`}
            </p>
            <div>
              <Button
                type="button"
                disabled={pending || batch.okRows === 0 || (batch.allOrNothing && batch.errorRows > 0)}
                onClick={() => {
                  setMessage(null);
                  start(async () => {
                    const res = await actions.confirm({ batchId: batch.id });
                    if (!res.ok) {
                      setMessage({ ok: false, text: res.error });
                      return;
                    }
                    confirmingRef.current = true;
                    setConfirming(true);
                    setBatch(res.data);
                    poll(batch.id);
                  });
                }}
              >
                确认导入
              </Button>
            </div>
          </section>
        </>
      ) : null}
    </div>
  );
}

function BatchStatus({ batch, confirming }: { batch: BatchView; confirming: boolean }) {
  const checking = batch.status === "checking";
  const saving = batch.status === "applying" || confirming;
  const total = Math.max(batch.totalRows, 1);
  const done = saving ? (batch.status === "applying" ? batch.processedRows : 0) : batch.processedRows;
  return (
    <section aria-labelledby="check-title" className="grid gap-3 rounded-lg border p-4">
      <h2 id="check-title" className="font-semibold">
        {saving ? "正在导入" : checking ? "正在检查" : "检查结果"}：{batch.originalName ?? "报名表"}
      </h2>
      {checking || saving ? (
        <div className="grid gap-1" aria-live="polite">
          <progress className="h-3 w-full accent-primary" max={total} value={Math.min(done, total)} aria-label={saving ? "导入进度" : "检查进度"} />
          <p className="text-sm">
            {saving ? `正在保存，请稍候…（${done} / ${batch.okRows || batch.totalRows} 行）` : `已检查 ${batch.processedRows} / ${batch.totalRows || "…"} 行`}
          </p>
        </div>
      ) : null}
      {batch.status === "failed" || batch.status === "rejected" ? <p className="text-sm text-destructive">{batch.message ?? "该批次未能导入"}</p> : null}
      {batch.status === "applied" ? (
        <p className="text-sm" role="status">
          已导入 {batch.okRows} 人，等待注册中心审核。{batch.message ?? ""}
        </p>
      ) : null}
      {!checking && batch.status !== "failed" ? (
        <p className="text-sm" aria-live="polite">
          共 {batch.totalRows} 行：正确 {batch.okRows} 行{batch.errorRows ? `，有错误 ${batch.errorRows} 行` : ""}。
        </p>
      ) : null}
      {!checking && batch.errors.length > 0 ? (
        <>
          <div>
            <Button asChild variant="outline" size="sm">
              <a href={`/api/registration-batches/${batch.id}/errors`} download>
                <DownloadIcon aria-hidden="true" />
                下载标记错误的报名表
              </a>
            </Button>
          </div>
          <ResponsiveTable label="报名表错误">
            <Table>
              <TableCaption className="sr-only">报名表错误</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead>行号</TableHead>
                  <TableHead>列</TableHead>
                  <TableHead>错误说明</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {batch.errors.slice(0, SHOWN_ERRORS).map((e, i) => (
                  <TableRow key={i}>
                    <TableCell>第 {e.row} 行</TableCell>
                    <TableCell>{e.column}</TableCell>
                    <TableCell className="whitespace-normal">{e.message}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ResponsiveTable>
          {batch.errors.length > SHOWN_ERRORS ? <p className="text-sm text-muted-foreground">只显示前 {SHOWN_ERRORS} 条，全部错误见下载的报名表。</p> : null}
        </>
      ) : null}
    </section>
  );
}

function Photos({ batch, actions, onChange }: { batch: BatchView; actions: BatchImportActions; onChange: (photoCount: number) => void }) {
  const [chosen, setChosen] = useState<File[]>([]);
  const [match, setMatch] = useState<PhotoMatch | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const input = useRef<HTMLInputElement>(null);
  const jobRunning = (j: BatchView["photoJob"]) => j?.status === "queued" || j?.status === "running";
  const [job, setJob] = useState<BatchView["photoJob"]>(jobRunning(batch.photoJob) ? batch.photoJob : null);

  // Many photos are normalised by a background job: poll the batch until it is done, like the row check.
  const waiting = jobRunning(job);
  useEffect(() => {
    if (!waiting) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      const res = await actions.progress({ batchId: batch.id });
      if (stopped) return;
      if (!res.ok) {
        setJob(null);
        setMessage({ ok: false, text: res.error });
        return;
      }
      const j = res.data.photoJob ?? null;
      setJob(j);
      if (jobRunning(j)) {
        timer = setTimeout(tick, 600);
        return;
      }
      if (j?.status === "done" && j.result) {
        setMatch(j.result);
        onChange(res.data.photoCount);
        setMessage({ ok: true, text: j.message ?? "照片上传成功" });
      } else setMessage({ ok: false, text: j?.error ?? "照片处理失败，请重新上传" });
    };
    timer = setTimeout(tick, 600);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [waiting, batch.id, actions, onChange]);

  return (
    <section aria-labelledby="photos-title" className="grid gap-3 rounded-lg border p-4">
      <h2 id="photos-title" className="font-semibold">
        照片批量上传
      </h2>
      <p className="text-sm text-muted-foreground">
        照片文件以证件号码命名（如 110101199003071234.jpg），可选择多个 JPG 文件或一个 ZIP 压缩包；系统自动裁剪为一寸照片。已上传 {batch.photoCount} 张。
      </p>
      <Field>
        <FieldLabel htmlFor="batch-photos">选择照片</FieldLabel>
        <Input
          ref={input}
          id="batch-photos"
          type="file"
          multiple
          accept=".jpg,.jpeg,.png,.zip,image/jpeg,image/png,application/zip"
          onChange={(e) => {
            setChosen(Array.from(e.target.files ?? []));
            setMessage(null);
          }}
        />
      </Field>
      {chosen.length ? (
        <ul className="grid max-h-64 gap-1 overflow-auto text-sm" aria-label="已选择的照片">
          {chosen.map((f, i) => (
            <li key={`${f.name}-${i}`} className="flex items-center justify-between gap-2 rounded border px-2 py-1">
              <span className="truncate font-mono">{f.name}</span>
              <Button type="button" size="sm" variant="ghost" aria-label={`删除 ${f.name}`} onClick={() => setChosen((c) => c.filter((_, j) => j !== i))}>
                <Trash2Icon aria-hidden="true" />
                删除
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <div>
        <Button
          type="button"
          disabled={pending || waiting || chosen.length === 0}
          onClick={() => {
            const fd = new FormData();
            fd.set("batchId", String(batch.id));
            for (const f of chosen) fd.append("files", f);
            setMessage(null);
            start(async () => {
              const res = await actions.uploadPhotos(fd);
              if (!res.ok) {
                setMessage({ ok: false, text: res.fieldErrors?.files?.[0] ?? res.error });
                return;
              }
              setChosen([]);
              if (input.current) input.current.value = "";
              if (!res.data) {
                setMatch(null);
                setJob({ status: "queued", done: 0, total: 0, result: null, error: null, message: null });
                return;
              }
              setMatch(res.data);
              onChange(batch.totalRows - res.data.rowsWithoutPhoto.length);
              setMessage({ ok: true, text: res.message ?? "照片上传成功" });
            });
          }}
        >
          <UploadIcon aria-hidden="true" />
          {pending ? "正在上传…" : "上传"}
        </Button>
      </div>
      {waiting && job ? (
        <div className="grid gap-1" aria-live="polite">
          <p className="text-sm">{job.total ? `正在处理照片：${job.done} / ${job.total} 张` : "照片正在处理，请稍候…"}</p>
          <progress className="h-3 w-full accent-primary" max={job.total || 1} value={job.done} aria-label="照片处理进度" />
        </div>
      ) : null}
      <FormMessage message={message?.text} tone={message?.ok === false ? "error" : "success"} />
      {match ? (
        <div className="grid gap-3">
          <p className="text-sm" aria-live="polite">
            已对应 {match.matched.length} 张；无照片的行 {match.rowsWithoutPhoto.length} 行；无对应行的照片 {match.photosWithoutRow.length} 张；无法读取 {match.unreadable.length} 张；重复 {match.duplicates.length} 张。
          </p>
          {match.rowsWithoutPhoto.length + match.photosWithoutRow.length + match.unreadable.length + match.duplicates.length > 0 ? (
            <ResponsiveTable label="照片问题">
              <Table>
                <TableCaption className="sr-only">照片问题</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHead>照片或行</TableHead>
                    <TableHead>问题</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {match.rowsWithoutPhoto.map((r) => (
                    <TableRow key={`r-${r.row}`}>
                      <TableCell>
                        第 {r.row} 行 {r.name} <span className="font-mono">{r.idNumber}</span>
                      </TableCell>
                      <TableCell className="text-destructive">无照片</TableCell>
                    </TableRow>
                  ))}
                  {match.photosWithoutRow.map((n) => (
                    <TableRow key={`p-${n}`}>
                      <TableCell className="font-mono">{n}</TableCell>
                      <TableCell className="text-destructive">无对应的报名行</TableCell>
                    </TableRow>
                  ))}
                  {match.unreadable.map((u) => (
                    <TableRow key={`u-${u.fileName}`}>
                      <TableCell className="font-mono">{u.fileName}</TableCell>
                      <TableCell className="whitespace-normal text-destructive">无法读取：{u.error}</TableCell>
                    </TableRow>
                  ))}
                  {match.duplicates.map((n) => (
                    <TableRow key={`d-${n}`}>
                      <TableCell className="font-mono">{n}</TableCell>
                      <TableCell className="text-destructive">重复：同一证件号码已有照片，未使用</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </ResponsiveTable>
          ) : null}
          {match.matched.length ? (
            <details className="rounded-md border p-3">
              <summary className="cursor-pointer text-sm font-medium">已对应的照片（{match.matched.length} 张，可删除）</summary>
              <ul className="mt-2 grid max-h-96 gap-1 overflow-auto text-sm">
                {match.matched.map((m) => (
                  <li key={`m-${m.fileName}`} className="flex flex-wrap items-center justify-between gap-2 rounded border px-2 py-1">
                    <span>
                      <span className="font-mono">{m.fileName}</span> → 第 {m.row} 行
                    </span>
                    <Button
                      type="button"
                      size="sm"
                      variant="ghost"
                      aria-label={`删除照片 ${m.fileName}`}
                      onClick={() =>
                        start(async () => {
                          const res = await actions.removePhoto({ batchId: batch.id, idNumber: m.fileName.replace(/\.[^.]+$/, "") });
                          if (!res.ok) return setMessage({ ok: false, text: res.error });
                          setMatch((x) => (x ? { ...x, matched: x.matched.filter((y) => y !== m), rowsWithoutPhoto: [...x.rowsWithoutPhoto, { row: m.row, idNumber: m.idNumber, name: "" }] } : x));
                          onChange(Math.max(0, batch.photoCount - 1));
                          setMessage({ ok: true, text: `已删除照片 ${m.fileName}` });
                        })
                      }
                    >
                      <Trash2Icon aria-hidden="true" />
                      删除
                    </Button>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
