"use client";

import { useState } from "react";
import { useFormStatus } from "react-dom";

import { FormMessage } from "@/components/form-message";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";

type ButtonVariant = React.ComponentProps<typeof Button>["variant"];
type ButtonSize = React.ComponentProps<typeof Button>["size"];

export type ConfirmButtonProps = {
  /** Text of the button that opens the dialog, e.g. "删除". */
  label: React.ReactNode;
  /** e.g. "确认删除？" */
  title: string;
  description?: React.ReactNode;
  /** A server action; it receives `fields` as FormData. */
  action: (formData: FormData) => Promise<unknown>;
  /** Hidden fields posted with the action, e.g. { id: "42" }. */
  fields: Record<string, string>;
  /** Variant of the trigger; "destructive" also makes 确定 red. */
  variant?: ButtonVariant;
  size?: ButtonSize;
  confirmLabel?: string;
  cancelLabel?: string;
  disabled?: boolean;
  className?: string;
};

/**
 * Opens an AlertDialog and, on 确定, submits the action with the hidden fields. If the action returns the
 * house result shape with `ok: false`, its error stays visible in the dialog; otherwise the dialog closes.
 * (A redirect thrown by the action simply navigates away.)
 */
export function ConfirmButton({
  label,
  title,
  description,
  action,
  fields,
  variant = "outline",
  size = "sm",
  confirmLabel = "确定",
  cancelLabel = "取消",
  disabled,
  className,
}: ConfirmButtonProps) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(formData: FormData) {
    setError(null);
    const result = await action(formData);
    const failure = failureMessage(result);
    if (failure) setError(failure);
    else setOpen(false);
  }

  return (
    <AlertDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setError(null);
      }}
    >
      <AlertDialogTrigger asChild>
        <Button type="button" variant={variant} size={size} disabled={disabled} className={className}>
          {label}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        {/* The form lives inside the dialog so Radix's focus trap and the submit button stay together. */}
        <form action={submit} className="grid gap-4">
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <AlertDialogHeader>
            <AlertDialogTitle>{title}</AlertDialogTitle>
            {description ? <AlertDialogDescription>{description}</AlertDialogDescription> : null}
          </AlertDialogHeader>
          <FormMessage tone="error" message={error} />
          <AlertDialogFooter>
            <AlertDialogCancel type="button">{cancelLabel}</AlertDialogCancel>
            <SubmitButton variant={variant === "destructive" ? "destructive" : "default"}>{confirmLabel}</SubmitButton>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}

function SubmitButton({ variant, children }: { variant: ButtonVariant; children: React.ReactNode }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant={variant} disabled={pending} aria-disabled={pending}>
      {pending ? "处理中…" : children}
    </Button>
  );
}

function failureMessage(result: unknown): string | null {
  if (typeof result !== "object" || result === null || !("ok" in result) || result.ok !== false) return null;
  const error = "error" in result ? result.error : undefined;
  return typeof error === "string" && error ? error : "操作失败，请稍后重试";
}
