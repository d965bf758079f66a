"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { applyServerErrors } from "@/components/form-fields";
import { FormMessage } from "@/components/form-message";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/validations/account";

const FIELDS: { name: keyof ChangePasswordInput; label: string; auto: string }[] = [
  { name: "currentPassword", label: "原密码", auto: "current-password" },
  { name: "newPassword", label: "新密码", auto: "new-password" },
  { name: "confirmPassword", label: "确认新密码", auto: "new-password" },
];

/** 登录信息维护: change the signed-in account's password. */
export function PasswordForm({
  username,
  action,
  changed,
}: {
  username: string;
  action: (input: ChangePasswordInput) => Promise<ActionResult<string>>;
  changed?: boolean;
}) {
  const form = useForm<ChangePasswordInput>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
  });
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(
    changed ? { ok: true, text: "密码修改成功，其他设备上的登录已退出" } : null,
  );

  const onSubmit = form.handleSubmit(async (values) => {
    setResult(null);
    const res = await action(values);
    if (res.ok) return; // the action redirects to this page with ?changed=1
    setResult({ ok: false, text: applyServerErrors(form, res) ?? "" });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-md">
      <FieldGroup>
        <Field>
          <FieldLabel htmlFor="username">用户名</FieldLabel>
          <Input id="username" value={username} readOnly aria-readonly className="bg-muted" autoComplete="username" />
        </Field>
        {FIELDS.map((f) => (
          <Controller
            key={f.name}
            name={f.name}
            control={form.control}
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid || undefined}>
                <FieldLabel htmlFor={f.name}>
                  {f.label} <span className="text-destructive" aria-hidden>*</span>
                </FieldLabel>
                <Input
                  {...field}
                  id={f.name}
                  type="password"
                  autoComplete={f.auto}
                  aria-invalid={fieldState.invalid || undefined}
                  aria-describedby={fieldState.error ? `${f.name}-error` : f.name === "newPassword" ? "newPassword-hint" : undefined}
                />
                {f.name === "newPassword" ? (
                  <p id="newPassword-hint" className="text-muted-foreground text-sm">至少8位，须包含字母和数字。</p>
                ) : null}
                <FieldError id={`${f.name}-error`} errors={[fieldState.error]} />
              </Field>
            )}
          />
        ))}
        <FormMessage message={result?.text} tone={result?.ok === false ? "error" : "success"} />
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "正在保存…" : "保存"}
        </Button>
      </FieldGroup>
    </form>
  );
}
