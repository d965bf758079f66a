"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import { applyServerErrors, RequiredNote, SelectField, TextField } from "@/components/form-fields";
import { FormMessage } from "@/components/form-message";
import { Button } from "@/components/ui/button";
import { Field, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions";
import { ID_TYPE_LABELS, parseChineseId } from "@/lib/identity/chinese-id";
import { EDUCATION_LEVELS } from "@/lib/validations/common";
import { editEmployeeFormSchema, newEmployeeSchema, type NewEmployeeInput, type UpdateEmployeeInput } from "@/lib/validations/employee";

type Props = {
  employerName: string;
  /** Where 返回 and a saved 新增 lead. */
  listHref: string;
  /** Read-only reason of the name (reviewed registrations), as on 个人信息维护. */
  nameLocked?: string | null;
} & (
  | { mode: "new"; initial?: undefined; save: (input: NewEmployeeInput) => Promise<ActionResult<{ id: number }>> }
  | { mode: "edit"; id: number; initial: NewEmployeeInput; save: (input: UpdateEmployeeInput) => Promise<ActionResult<null>> }
);

const EMPTY: NewEmployeeInput = { idType: "resident", idNumber: "", name: "", gender: "", birthDate: "", phone: "", email: "", education: undefined as never, address: "", workStartDate: "" };

/**
 * 企业人员信息 新增 / 修改: the fields and rules of 个人信息维护, plus the ID number when the person is new
 * (read-only once saved). The employer is the enterprise itself.
 */
export function EmployeeForm(props: Props) {
  const router = useRouter();
  const isNew = props.mode === "new";
  const form = useForm<NewEmployeeInput>({
    resolver: zodResolver(isNew ? newEmployeeSchema : editEmployeeFormSchema) as unknown as Resolver<NewEmployeeInput>,
    defaultValues: props.initial ?? EMPTY,
    mode: "onTouched",
  });
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [idType, idNumber] = useWatch({ control: form.control, name: ["idType", "idNumber"] });
  const parsed = idType === "resident" ? parseChineseId(idNumber ?? "") : null;

  const onSubmit = form.handleSubmit(async (values) => {
    setResult(null);
    if (props.mode === "new") {
      const res = await props.save(values);
      if (res.ok) {
        router.push(`${props.listHref}?saved=1`);
        return;
      }
      setResult({ ok: false, text: applyServerErrors(form, res) ?? "" });
    } else {
      const { name, phone, email, education, address, workStartDate } = values;
      const res = await props.save({ id: props.id, name, phone, email, education, address, workStartDate });
      if (res.ok) {
        setResult({ ok: true, text: res.message ?? "修改保存成功" });
        router.refresh();
        return;
      }
      setResult({ ok: false, text: applyServerErrors(form, res) ?? "" });
    }
  });

  const c = form.control;
  return (
    <form onSubmit={onSubmit} noValidate>
      <FieldGroup className="grid gap-6 md:grid-cols-2">
        {isNew ? (
          <>
            <SelectField control={c} name="idType" label="证件类型" required options={Object.entries(ID_TYPE_LABELS).map(([value, label]) => ({ value, label }))} />
            <TextField control={c} name="idNumber" label="证件号码" required className="[&_input]:font-mono" autoComplete="off" />
          </>
        ) : (
          <>
            <Field>
              <FieldLabel htmlFor="idType">证件类型</FieldLabel>
              <Input id="idType" value={ID_TYPE_LABELS[props.initial.idType as keyof typeof ID_TYPE_LABELS] ?? ""} readOnly aria-readonly className="bg-muted" />
            </Field>
            <Field>
              <FieldLabel htmlFor="idNumber">证件号码</FieldLabel>
              <Input id="idNumber" value={props.initial.idNumber} readOnly aria-readonly aria-describedby="idNumber-hint" className="bg-muted font-mono" />
              <p id="idNumber-hint" className="text-muted-foreground text-sm">
                证件号码不能修改，如有错误请联系注册中心。
              </p>
            </Field>
          </>
        )}
        {props.nameLocked ? (
          <TextField control={c} name="name" label="姓名" required readOnly aria-readonly className="[&_input]:bg-muted" hint={props.nameLocked} />
        ) : (
          <TextField control={c} name="name" label="姓名" required />
        )}
        {isNew && idType !== "resident" ? (
          <>
            <SelectField control={c} name="gender" label="性别" required options={[{ value: "M", label: "男" }, { value: "F", label: "女" }]} />
            <TextField control={c} name="birthDate" label="出生日期" type="date" />
          </>
        ) : (
          <Field>
            <FieldLabel htmlFor="gender">性别</FieldLabel>
            <Input
              id="gender"
              readOnly
              aria-readonly
              className="bg-muted"
              value={
                isNew
                  ? parsed?.ok
                    ? `${parsed.gender === "M" ? "男" : "女"}　出生日期 ${parsed.birthDate}`
                    : "由证件号码自动带出"
                  : `${props.initial.gender === "M" ? "男" : "女"}　出生日期 ${props.initial.birthDate ?? ""}`
              }
            />
          </Field>
        )}
        <TextField control={c} name="phone" label="手机号码" required type="tel" />
        <TextField control={c} name="email" label="电子邮箱" type="email" />
        <SelectField control={c} name="education" label="学历" required options={EDUCATION_LEVELS.map((e) => ({ value: e, label: e }))} />
        <TextField control={c} name="workStartDate" label="参加工作时间" required type="date" />
        <Field>
          <FieldLabel htmlFor="employer">工作单位</FieldLabel>
          <Input id="employer" value={props.employerName} readOnly aria-readonly className="bg-muted" />
        </Field>
        <div className="md:col-span-2">
          <TextField control={c} name="address" label="通讯地址" />
        </div>
        <div className="space-y-4 md:col-span-2">
          <RequiredNote />
          <FormMessage message={result?.text} tone={result?.ok === false ? "error" : "success"} />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {form.formState.isSubmitting ? "正在保存…" : "保存"}
            </Button>
            <Button type="button" variant="outline" onClick={() => router.push(props.listHref)}>
              返回
            </Button>
          </div>
        </div>
      </FieldGroup>
    </form>
  );
}
