"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormMessage } from "@/components/form-message";
import { Button } from "@/components/ui/button";

type Result = { ok: true; message?: string } | { ok: false; error: string; fieldErrors?: Record<string, string[] | undefined> };

/**
 * A small form posted as FormData to a server action (rooms, scores, passwords): the result and any field
 * errors are announced beside it; on success the page refreshes (or the form resets).
 */
export function InlineForm({
  action,
  fields = {},
  submitLabel,
  children,
  className,
  resetOnSuccess,
  successHref,
  label,
}: {
  action: (fd: FormData) => Promise<Result>;
  fields?: Record<string, string>;
  submitLabel: string;
  children: React.ReactNode;
  className?: string;
  resetOnSuccess?: boolean;
  successHref?: string;
  label?: string;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <form
      aria-label={label}
      className={className}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const fd = new FormData(form);
        for (const [k, v] of Object.entries(fields)) fd.set(k, v);
        setResult(null);
        start(async () => {
          const r = await action(fd);
          if (r.ok) {
            setResult({ ok: true, text: r.message ?? "保存成功" });
            if (resetOnSuccess) form.reset();
            if (successHref) router.push(successHref);
            else router.refresh();
          } else {
            const details = Object.values(r.fieldErrors ?? {}).flat().filter(Boolean);
            setResult({ ok: false, text: details.length && !details.includes(r.error) ? `${r.error}：${details.join("；")}` : r.error });
          }
        });
      }}
    >
      {children}
      <div className="flex items-end">
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? "处理中…" : submitLabel}
        </Button>
      </div>
      <FormMessage className="col-span-full" message={result?.text} tone={result?.ok === false ? "error" : "success"} />
    </form>
  );
}
