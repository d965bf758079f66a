"use client";

import { useRouter } from "next/navigation";
import { createContext, useContext, useState, useTransition } from "react";
import { FormMessage } from "@/components/form-message";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";

type Result = { ok: true; message?: string } | { ok: false; error: string };
type ButtonProps = React.ComponentProps<typeof Button>;
type Shown = { ok: boolean; text: string } | null;

const Results = createContext<((r: Shown) => void) | null>(null);

/**
 * Holds the result of the action buttons inside it, so the message stays on screen when the button that
 * produced it disappears (a plan that was just published shows 结束报名 instead of 发布).
 */
export function ActionResults({ children, className }: { children: React.ReactNode; className?: string }) {
  const [result, setResult] = useState<Shown>(null);
  return (
    <Results.Provider value={setResult}>
      <div className={className ?? "flex flex-wrap items-start gap-2"}>{children}</div>
      <FormMessage className="mt-2 w-full empty:mt-0" message={result?.text} tone={result?.ok === false ? "error" : "success"} />
    </Results.Provider>
  );
}

/**
 * One button that runs a server action with fixed fields, optionally after a confirmation dialog, and shows
 * the result beside it in a live region. The page refreshes on success so the new state shows.
 */
export function ActionButton({
  action,
  fields,
  label,
  confirm,
  variant = "default",
  size = "default",
  className,
  extra,
  successHref,
}: {
  action: (fd: FormData) => Promise<Result>;
  fields: Record<string, string>;
  label: string;
  confirm?: { title: string; description?: React.ReactNode; confirmLabel?: string };
  variant?: ButtonProps["variant"];
  size?: ButtonProps["size"];
  className?: string;
  /** Extra form controls shown inside the confirmation dialog (e.g. a checkbox); they are posted too. */
  extra?: React.ReactNode;
  /** Where to go after success (e.g. the list, after deleting); otherwise the page refreshes. */
  successHref?: string;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [open, setOpen] = useState(false);
  const [local, setLocal] = useState<Shown>(null);
  const shared = useContext(Results);
  const setResult = shared ?? setLocal;

  function run(form?: HTMLFormElement) {
    const fd = form ? new FormData(form) : new FormData();
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    setResult(null);
    start(async () => {
      const r = await action(fd);
      setResult(r.ok ? { ok: true, text: r.message ?? "操作成功" } : { ok: false, text: r.error });
      setOpen(false);
      if (r.ok && successHref) router.push(successHref);
      else if (r.ok) router.refresh();
    });
  }

  return (
    <div className={className}>
      {confirm ? (
        <AlertDialog open={open} onOpenChange={setOpen}>
          <Button type="button" variant={variant} size={size} disabled={pending} onClick={() => setOpen(true)}>
            {pending ? "处理中…" : label}
          </Button>
          <AlertDialogContent>
            <form
              className="grid [&>*]:min-w-0 gap-4"
              onSubmit={(e) => {
                e.preventDefault();
                run(e.currentTarget);
              }}
            >
              <AlertDialogHeader>
                <AlertDialogTitle>{confirm.title}</AlertDialogTitle>
                {confirm.description ? <AlertDialogDescription>{confirm.description}</AlertDialogDescription> : null}
              </AlertDialogHeader>
              {extra}
              <AlertDialogFooter>
                <AlertDialogCancel type="button">取消</AlertDialogCancel>
                <Button type="submit" variant={variant === "destructive" ? "destructive" : "default"} disabled={pending}>
                  {pending ? "处理中…" : (confirm.confirmLabel ?? "确定")}
                </Button>
              </AlertDialogFooter>
            </form>
          </AlertDialogContent>
        </AlertDialog>
      ) : (
        <Button type="button" variant={variant} size={size} disabled={pending} onClick={() => run()}>
          {pending ? "处理中…" : label}
        </Button>
      )}
      {shared ? null : <FormMessage className="mt-2 empty:mt-0" message={local?.text} tone={local?.ok === false ? "error" : "success"} />}
    </div>
  );
}
