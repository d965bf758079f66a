"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { applyServerErrors, Required, TextField, useEmployerLookup } from "@/components/form-fields";
import { lookupOrganizationAction } from "@/app/(app)/_shared/lookup-actions";
import { FormMessage } from "@/components/form-message";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { EDUCATION_LEVELS } from "@/lib/validations/common";
import { personProfileSchema, type PersonProfile, type PersonProfileInput } from "@/lib/validations/person";
import { saveProfileAction } from "../actions";

type ReadOnly = { idTypeLabel: string; idNumber: string; gender: string; birthDate: string; /** why the name is read-only, or null */ nameLocked: string | null };

export function ProfileForm({ initial, readOnly }: { initial: PersonProfileInput; readOnly: ReadOnly }) {
  const form = useForm<PersonProfileInput, unknown, PersonProfile>({ resolver: zodResolver(personProfileSchema), defaultValues: initial, mode: "onTouched" });
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  useEmployerLookup(form, lookupOrganizationAction);

  const onSubmit = form.handleSubmit(async (values) => {
    setResult(null);
    const res = await saveProfileAction(values);
    if (res.ok) {
      setResult({ ok: true, text: res.message ?? "修改保存成功" });
      return;
    }
    setResult({ ok: false, text: applyServerErrors(form, res) ?? "" });
  });

  const c = form.control;
  return (
    <form onSubmit={onSubmit} noValidate>
      <FieldGroup className="grid gap-6 md:grid-cols-2">
        <Field>
          <FieldLabel htmlFor="idType">证件类型</FieldLabel>
          <Input id="idType" value={readOnly.idTypeLabel} readOnly aria-readonly className="bg-muted" />
        </Field>
        <Field>
          <FieldLabel htmlFor="idNumber">证件号码</FieldLabel>
          <Input id="idNumber" value={readOnly.idNumber} readOnly aria-readonly aria-describedby="idNumber-hint" className="bg-muted font-mono" />
          <p id="idNumber-hint" className="text-muted-foreground text-sm">
            证件号码不能修改，如有错误请联系注册中心。
          </p>
        </Field>
        {readOnly.nameLocked ? (
          <TextField control={c} name="name" label="姓名" required readOnly aria-readonly className="[&_input]:bg-muted" hint={readOnly.nameLocked} />
        ) : (
          <TextField control={c} name="name" label="姓名" required autoComplete="name" />
        )}
        <Field>
          <FieldLabel htmlFor="gender">性别</FieldLabel>
          <Input id="gender" value={`${readOnly.gender}　出生日期 ${readOnly.birthDate}`} readOnly aria-readonly className="bg-muted" />
        </Field>
        <TextField control={c} name="phone" label="手机号码" required type="tel" autoComplete="tel" />
        <TextField control={c} name="email" label="电子邮箱" type="email" autoComplete="email" />
        <Controller
          name="education"
          control={c}
          render={({ field, fieldState }) => (
            <Field data-invalid={fieldState.invalid || undefined}>
              <FieldLabel htmlFor="education">
                学历 <Required />
              </FieldLabel>
              <Select value={field.value ?? ""} onValueChange={field.onChange} name={field.name}>
                <SelectTrigger id="education" aria-invalid={fieldState.invalid || undefined} aria-required className="w-full">
                  <SelectValue placeholder="请选择" />
                </SelectTrigger>
                <SelectContent>
                  {EDUCATION_LEVELS.map((e) => (
                    <SelectItem key={e} value={e}>
                      {e}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
              <FieldError errors={[fieldState.error]} />
            </Field>
          )}
        />
        <TextField control={c} name="workStartDate" label="参加工作时间" required type="date" />
        <TextField
          control={c}
          name="employerCode"
          label="组织机构代码 / 统一社会信用代码"
          hint="输入已登记单位的代码，将自动带出单位名称。"
        />
        <TextField control={c} name="employerName" label="工作单位" required autoComplete="organization" />
        <div className="md:col-span-2">
          <TextField control={c} name="address" label="通讯地址" autoComplete="street-address" />
        </div>
        <div className="space-y-4 md:col-span-2">
          <p className="text-sm text-muted-foreground">
            带 <span className="text-destructive">*</span> 号的为必填项。
          </p>
          <FormMessage message={result?.text} tone={result?.ok === false ? "error" : "success"} />
          <Button type="submit" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? "正在保存…" : "保存"}
          </Button>
        </div>
      </FieldGroup>
    </form>
  );
}
