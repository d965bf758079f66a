"use client";

import { useEffect } from "react";
import { Controller, useWatch, type Control, type FieldValues, type Path, type PathValue, type UseFormReturn } from "react-hook-form";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { ActionResult } from "@/lib/actions";
import { NativeSelect } from "@/components/native-select";

export function Required() {
  return (
    <span className="text-destructive" aria-hidden>
      *
    </span>
  );
}

type Common<T extends FieldValues, O extends FieldValues> = {
  control: Control<T, unknown, O>;
  name: Path<T>;
  label: string;
  required?: boolean;
  hint?: string;
  disabled?: boolean;
  className?: string;
};

function describedBy(name: string, hint?: string, error?: unknown) {
  return [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined;
}

/** Label, input, hint and the error beside it, wired for screen readers. */
export function TextField<T extends FieldValues, O extends FieldValues>({ control, name, label, required, hint, disabled, className, type = "text", ...rest }: Common<T, O> & Omit<React.ComponentProps<"input">, "name">) {
  // Field-array names ("resume.0.period") become ids without dots, which CSS selectors can use as they are.
  const id = String(name).replaceAll(".", "-");
  return (
    <Controller
      name={name}
      control={control}
      render={({ field, fieldState }) => (
        <Field data-invalid={fieldState.invalid || undefined} className={className}>
          <FieldLabel htmlFor={id}>
            {label} {required ? <Required /> : null}
          </FieldLabel>
          <Input
            {...rest}
            {...field}
            value={(field.value as string | number | undefined) ?? ""}
            id={id}
            type={type}
            disabled={disabled}
            aria-required={required || undefined}
            aria-invalid={fieldState.invalid || undefined}
            aria-describedby={describedBy(id, hint, fieldState.error)}
          />
          {hint ? (
            <p id={`${id}-hint`} className="text-sm text-muted-foreground">
              {hint}
            </p>
          ) : null}
          <FieldError id={`${id}-error`} errors={[fieldState.error]} />
        </Field>
      )}
    />
  );
}

export function TextAreaField<T extends FieldValues, O extends FieldValues>({ control, name, label, required, hint, disabled, className }: Common<T, O>) {
  return (
    <Controller
      name={name}
      control={control}
      render={({ field, fieldState }) => (
        <Field data-invalid={fieldState.invalid || undefined} className={className}>
          <FieldLabel htmlFor={name}>
            {label} {required ? <Required /> : null}
          </FieldLabel>
          <Textarea
            {...field}
            value={(field.value as string | undefined) ?? ""}
            id={name}
            rows={4}
            disabled={disabled}
            aria-invalid={fieldState.invalid || undefined}
            aria-describedby={describedBy(name, hint, fieldState.error)}
          />
          {hint ? (
            <p id={`${name}-hint`} className="text-sm text-muted-foreground">
              {hint}
            </p>
          ) : null}
          <FieldError id={`${name}-error`} errors={[fieldState.error]} />
        </Field>
      )}
    />
  );
}

export function SelectField<T extends FieldValues, O extends FieldValues>({ control, name, label, required, hint, disabled, className, options }: Common<T, O> & { options: { value: string; label: string }[] }) {
  return (
    <Controller
      name={name}
      control={control}
      render={({ field, fieldState }) => (
        <Field data-invalid={fieldState.invalid || undefined} className={className}>
          <FieldLabel htmlFor={name}>
            {label} {required ? <Required /> : null}
          </FieldLabel>
          <NativeSelect
            {...field}
            value={field.value == null ? "" : String(field.value)}
            id={name}
            disabled={disabled}
            aria-required={required || undefined}
            aria-invalid={fieldState.invalid || undefined}
            aria-describedby={describedBy(name, hint, fieldState.error)}
          >
            <option value="">请选择</option>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </NativeSelect>
          {hint ? (
            <p id={`${name}-hint`} className="text-sm text-muted-foreground">
              {hint}
            </p>
          ) : null}
          <FieldError id={`${name}-error`} errors={[fieldState.error]} />
        </Field>
      )}
    />
  );
}

/** Puts a failed action's field errors back beside the fields; returns the message for the form. */
export function applyServerErrors<T extends FieldValues, O extends FieldValues>(form: UseFormReturn<T, unknown, O>, res: ActionResult<unknown>): string | null {
  if (res.ok) return null;
  let marked = false;
  let unmarked: string | null = null;
  for (const [name, messages] of Object.entries(res.fieldErrors ?? {})) {
    if (!messages?.[0]) continue;
    // A field the form does not hold cannot show its message: say it in the banner instead.
    if (form.getValues(name as Path<T>) === undefined) unmarked ??= messages[0];
    else {
      form.setError(name as Path<T>, { message: messages[0] });
      marked = true;
    }
  }
  if (unmarked) return unmarked;
  // The message already shows beside its field; the banner only points there.
  if (marked && Object.values(res.fieldErrors ?? {}).some((m) => m?.[0] === res.error)) return "请检查标红的项目";
  return res.error;
}

export function RequiredNote() {
  return (
    <p className="text-sm text-muted-foreground">
      带 <span className="text-destructive">*</span> 号的为必填项。
    </p>
  );
}

/** Looks an employer up by its code; the page passes the server action in (components do not import app/). */
export type EmployerLookup = (input: { code: string }) => Promise<ActionResult<{ name: string } | null>>;

/** A known 组织机构代码 / 统一社会信用代码 in `employerCode` fills `employerName` in as the user types. */
export function useEmployerLookup<T extends FieldValues & { employerCode?: string; employerName: string }, O extends FieldValues>(
  form: UseFormReturn<T, unknown, O>,
  lookup: EmployerLookup,
) {
  const code = useWatch({ control: form.control, name: "employerCode" as Path<T> }) as string | undefined;
  useEffect(() => {
    const value = (code ?? "").trim();
    if (value.length < 9) return;
    const t = setTimeout(async () => {
      const res = await lookup({ code: value });
      if (res.ok && res.data) {
        form.setValue("employerName" as Path<T>, res.data.name as PathValue<T, Path<T>>, { shouldValidate: true, shouldDirty: true });
      }
    }, 300);
    return () => clearTimeout(t);
  }, [code, form, lookup]);
}
