"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormMessage } from "@/components/form-message";
import { Button } from "@/components/ui/button";
import { FieldGroup } from "@/components/ui/field";
import { createAccountSchema, type CreateAccountInput } from "@/lib/validations/admin/organization";
import { applyServerErrors, TextField } from "@/components/form-fields";
import { createAccountAction } from "../actions";

/** 新建账号 for an organisation: its role follows the organisation's kind. */
export function AccountCreateForm({ organizationId, defaultName }: { organizationId: number; defaultName: string }) {
  const router = useRouter();
  const initial: CreateAccountInput = { organizationId: String(organizationId), username: "", displayName: defaultName, password: "", confirmPassword: "" };
  const form = useForm<CreateAccountInput>({ resolver: zodResolver(createAccountSchema), defaultValues: initial });
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const onSubmit = form.handleSubmit(async () => {
    setResult(null);
    const res = await createAccountAction(form.getValues());
    if (res.ok) {
      form.reset(initial);
      setResult({ ok: true, text: res.message ?? "账号已创建" });
      router.refresh();
      return;
    }
    setResult({ ok: false, text: applyServerErrors(form, res) ?? "保存失败" });
  });
  const c = form.control;
  return (
    <form onSubmit={onSubmit} noValidate>
      <FieldGroup className="grid [&>*]:min-w-0 gap-4 md:grid-cols-2">
        <TextField control={c} name="username" label="用户名" required autoComplete="off" hint="字母、数字、下划线，3-30 位。" />
        <TextField control={c} name="displayName" label="显示名称" required />
        <TextField control={c} name="password" label="初始密码" required type="password" autoComplete="new-password" hint="至少8位，须包含字母和数字。请告知机构登录后修改。" />
        <TextField control={c} name="confirmPassword" label="确认密码" required type="password" autoComplete="new-password" />
        <div className="space-y-3 md:col-span-2">
          <FormMessage message={result?.text} tone={result?.ok === false ? "error" : "success"} />
          <Button type="submit" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? "正在创建…" : "新建账号"}
          </Button>
        </div>
      </FieldGroup>
    </form>
  );
}
