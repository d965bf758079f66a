"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { FormMessage } from "@/components/form-message";
import { ResponsiveTable } from "@/components/responsive-table";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

type Report = { totalRows: number; okRows: number; applied: boolean; errors: { row: number; column?: string; message: string }[] };
type Result = { ok: true; data: Report; message?: string } | { ok: false; error: string };

/** Uploads an .xlsx to an import action and shows the per-row report: 第 N 行 X 列 and what is wrong. */
export function ImportForm({
  action,
  fields,
  label,
  hint,
  templateHref,
}: {
  action: (fd: FormData) => Promise<Result>;
  fields: Record<string, string>;
  label: string;
  hint: React.ReactNode;
  templateHref?: string;
}) {
  const id = useId();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; text: string; report?: Report } | null>(null);

  return (
    <div className="grid [&>*]:min-w-0 gap-3">
      <form
        className="grid [&>*]:min-w-0 gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const fd = new FormData(e.currentTarget);
          for (const [k, v] of Object.entries(fields)) fd.set(k, v);
          setResult(null);
          start(async () => {
            const r = await action(fd);
            if (r.ok) {
              setResult({ ok: r.data.errors.length === 0, text: r.message ?? "导入完成", report: r.data });
              router.refresh();
            } else setResult({ ok: false, text: r.error });
          });
        }}
      >
        <div className="grid [&>*]:min-w-0 gap-1.5">
          <label htmlFor={`${id}-file`} className="text-sm font-medium">
            {label} <span className="text-destructive" aria-hidden>*</span>
          </label>
          <Input id={`${id}-file`} name="file" type="file" required accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby={`${id}-hint`} />
          <p id={`${id}-hint`} className="text-sm text-muted-foreground">
            {hint}
            {templateHref ? (
              <>
                {" "}
                <a href={templateHref} className="text-primary underline underline-offset-4">
                  下载模板
                </a>
              </>
            ) : null}
          </p>
        </div>
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? "正在导入…" : "导入"}
          </Button>
        </div>
      </form>
      <FormMessage message={result?.text} tone={result?.ok === false ? "error" : "success"} />
      {result?.report && result.report.errors.length > 0 ? (
        <ResponsiveTable label="导入错误明细">
          <Table>
            <TableCaption className="sr-only">导入错误明细</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>位置</TableHead>
                <TableHead>问题</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {result.report.errors.slice(0, 500).map((e, i) => (
                <TableRow key={i}>
                  <TableCell>{`第 ${e.row} 行${e.column ? ` ${e.column} 列` : ""}`}</TableCell>
                  <TableCell className="whitespace-normal">{e.message}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {result.report.errors.length > 500 ? <p className="p-3 text-sm text-muted-foreground">仅显示前 500 条，共 {result.report.errors.length} 条。</p> : null}
        </ResponsiveTable>
      ) : null}
    </div>
  );
}
