"use client";

import { useId, useState, useTransition } from "react";
import { FormMessage } from "@/components/form-message";
import { NativeSelect } from "@/components/native-select";
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
import { Textarea } from "@/components/ui/textarea";
import type { ActionResult } from "@/lib/actions";

type Values = { reason: string; reasonClass: string };
type Props = {
  label: string;
  title: string;
  description?: React.ReactNode;
  confirmLabel?: string;
  variant?: "default" | "outline" | "destructive";
  disabled?: boolean;
  /** Whether the dialog asks for a reason (审核不通过, 注销, 恢复) or only confirms (审核通过). */
  reasonLabel?: string;
  /** A choice shown above the reason, e.g. 注销类别. */
  reasonClasses?: { label: string; options: { value: string; label: string }[] };
  run: (v: Values) => Promise<ActionResult<unknown>>;
  /** Called with the success message; the caller shows it where it stays after the button goes. */
  onDone: (message: string) => void;
};

/**
 * A button that opens a confirmation, optionally asking for a reason, and runs an action. The server's field
 * errors (e.g. 请填写审核不通过的原因) are shown beside their fields; other errors under the form.
 */
export function ReasonDialog({ label, title, description, confirmLabel, variant = "default", disabled, reasonLabel, reasonClasses, run, onDone }: Props) {
  const uid = useId();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Values>({ reason: "", reasonClass: "" });
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[] | undefined>>({});
  const [pending, start] = useTransition();

  function submit() {
    setError(null);
    setFieldErrors({});
    start(async () => {
      const r = await run(values);
      if (!r.ok) {
        setFieldErrors(r.fieldErrors ?? {});
        // A message already shown beside its field is not repeated underneath.
        if (!Object.values(r.fieldErrors ?? {}).some((m) => m?.includes(r.error))) setError(r.error);
        return;
      }
      setOpen(false);
      setValues({ reason: "", reasonClass: "" });
      onDone(r.message ?? "操作成功");
    });
  }

  const reasonError = fieldErrors.reason?.[0];
  const classError = fieldErrors.reasonClass?.[0];
  return (
    <AlertDialog open={open} onOpenChange={(o) => setOpen(o)}>
      <Button type="button" variant={variant} disabled={disabled || pending} onClick={() => { setError(null); setFieldErrors({}); setOpen(true); }}>
        {pending ? "处理中…" : label}
      </Button>
      <AlertDialogContent>
        <form
          noValidate
          className="grid [&>*]:min-w-0 gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <AlertDialogHeader>
            <AlertDialogTitle>{title}</AlertDialogTitle>
            {description ? <AlertDialogDescription>{description}</AlertDialogDescription> : null}
          </AlertDialogHeader>
          {reasonClasses ? (
            <div className="grid [&>*]:min-w-0 gap-1.5" data-invalid={classError ? true : undefined}>
              <label htmlFor={`${uid}-class`} className="text-sm font-medium">
                {reasonClasses.label} <span className="text-destructive" aria-hidden>*</span>
              </label>
              <NativeSelect
                id={`${uid}-class`}
                value={values.reasonClass}
                onChange={(e) => setValues((v) => ({ ...v, reasonClass: e.target.value }))}
                aria-required
                aria-invalid={classError ? true : undefined}
                aria-describedby={classError ? `${uid}-class-error` : undefined}
              >
                <option value="">请选择</option>
                {reasonClasses.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </NativeSelect>
              {classError ? (
                <p id={`${uid}-class-error`} role="alert" className="text-sm text-destructive">
                  {classError}
                </p>
              ) : null}
            </div>
          ) : null}
          {reasonLabel ? (
            <div className="grid [&>*]:min-w-0 gap-1.5">
              <label htmlFor={`${uid}-reason`} className="text-sm font-medium">
                {reasonLabel} <span className="text-destructive" aria-hidden>*</span>
              </label>
              <Textarea
                id={`${uid}-reason`}
                value={values.reason}
                onChange={(e) => setValues((v) => ({ ...v, reason: e.target.value }))}
                aria-required
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={reasonError ? `${uid}-reason-error` : undefined}
                maxLength={500}
                rows={3}
              />
              {reasonError ? (
                <p id={`${uid}-reason-error`} role="alert" className="text-sm text-destructive">
                  {reasonError}
                </p>
              ) : null}
            </div>
          ) : null}
          <FormMessage tone="error" message={error} />
          <AlertDialogFooter>
            <AlertDialogCancel type="button">取消</AlertDialogCancel>
            <Button type="submit" variant={variant === "destructive" ? "destructive" : "default"} disabled={pending}>
              {pending ? "处理中…" : (confirmLabel ?? label)}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
