"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormMessage } from "@/components/form-message";
import { Button } from "@/components/ui/button";
import { FieldGroup } from "@/components/ui/field";
import { organizationSchema, type OrganizationInput, type OrganizationValues } from "@/lib/validations/admin/organization";
import { applyServerErrors, RequiredNote, SelectField, TextField } from "@/components/form-fields";
import { createOrganizationAction, updateOrganizationAction } from "../actions";

/** 企业 / 培训机构 registry form; the codes are checked by their check characters as you leave the field. */
export function OrganizationForm({ id, initial }: { id?: number; initial: OrganizationInput }) {
  const router = useRouter();
  const form = useForm<OrganizationInput, unknown, OrganizationValues>({ resolver: zodResolver(organizationSchema), defaultValues: initial, mode: "onTouched" });
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const onSubmit = form.handleSubmit(async () => {
    setResult(null);
    const raw = form.getValues();
    const res = id ? await updateOrganizationAction({ id, values: raw }) : await createOrganizationAction(raw);
    if (res.ok) {
      if (!id) router.push(`/admin/organizations/${res.data.id}`);
      else setResult({ ok: true, text: res.message ?? "保存成功" });
      router.refresh();
      return;
    }
    setResult({ ok: false, text: applyServerErrors(form, res) ?? "保存失败" });
  });
  const c = form.control;
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl">
      <FieldGroup className="grid [&>*]:min-w-0 gap-6 md:grid-cols-2">
        <SelectField control={c} name="kind" label="机构类型" required options={[{ value: "enterprise", label: "企业" }, { value: "trainer", label: "培训机构 / 培训点" }]} />
        <TextField control={c} name="name" label="机构名称" required autoComplete="organization" />
        <TextField control={c} name="uscc" label="统一社会信用代码" hint="18 位；填写后组织机构代码自动取其第 9-17 位。" />
        <TextField control={c} name="orgCode" label="组织机构代码" hint="9 位，可写作 XXXXXXXX-X；没有统一社会信用代码时必填。" />
        <TextField control={c} name="contactName" label="联系人" />
        <TextField control={c} name="contactPhone" label="联系电话" type="tel" />
        <TextField control={c} name="address" label="地址" className="md:col-span-2" />
        <div className="space-y-4 md:col-span-2">
          <RequiredNote />
          <FormMessage message={result?.text} tone={result?.ok === false ? "error" : "success"} />
          <Button type="submit" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? "正在保存…" : "保存"}
          </Button>
        </div>
      </FieldGroup>
    </form>
  );
}
