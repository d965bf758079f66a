"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useFieldArray, useForm } from "react-hook-form";
import { PlusIcon, Trash2Icon } from "lucide-react";

import { applyServerErrors, Required, TextField, useEmployerLookup, type EmployerLookup } from "@/components/form-fields";
import { FormMessage } from "@/components/form-message";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FieldGroup, FieldLabel, FieldLegend, FieldSet } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { ActionResult } from "@/lib/actions";
import {
  MAX_RESUME_ROWS,
  personRegistrationSchema,
  type RegistrationInput,
  type RegistrationValues,
} from "@/lib/validations/registration";
import { PhotoField } from "./photo-field";

type Values = RegistrationValues;
type Input_ = RegistrationInput;

export type RegistrationFormPerson = {
  /** 0 for someone the server finds or creates from the ID number on 保存 (an organisation's registration). */
  id: number;
  name: string;
  idTypeLabel: string;
  idNumber: string;
  gender: string;
};

export type RegistrationFormPlan = {
  id: number;
  name: string;
  tradeName: string;
  minWorkYears: number;
  /** e.g. "2026-11-24 09:00 至 2026-12-19 17:00" */
  registrationWindow: string;
  feeText: string;
};

export type RegistrationFormProps = {
  person: RegistrationFormPerson;
  plan: RegistrationFormPlan;
  initial: Omit<Input_, "planId" | "personId">;
  /** A server action: create, resubmit or update (the page binds which). */
  action: (input: Input_ & { registrationId?: number }) => Promise<ActionResult<{ id: number; registrationNo: string }>>;
  /** Fills 工作单位 in from a known 组织机构代码 (a server action passed by the page). */
  lookupEmployer: EmployerLookup;
  registrationId?: number;
  /** Where to go after 报名成功; ":id" is replaced by the registration's id. */
  successPath: string;
  cancelHref: string;
  /** Instead of going to successPath: the page shows 报名成功 itself (an organisation's 新增 flow). */
  onSaved?: (saved: { id: number; registrationNo: string; message?: string }) => void;
};


function ReadOnly({ id, label, value, mono }: { id: string; label: string; value: string; mono?: boolean }) {
  return (
    <Field>
      <FieldLabel htmlFor={id}>{label}</FieldLabel>
      <Input id={id} value={value} readOnly aria-readonly className={mono ? "bg-muted font-mono" : "bg-muted"} />
    </Field>
  );
}

/**
 * 考试报名表 (manual 2.1.1), shared by every role that registers people: the page passes the person, the plan
 * and the server action to call; the rules that matter are checked again on the server.
 */
export function RegistrationForm({ person, plan, initial, action, lookupEmployer, registrationId, successPath, cancelHref, onSaved }: RegistrationFormProps) {
  const router = useRouter();
  const form = useForm<Input_, unknown, Values>({
    resolver: zodResolver(personRegistrationSchema),
    defaultValues: { ...initial, planId: plan.id, personId: person.id || undefined },
    // A wrong code (say its check character) is reported when the field is left, not only on 保存.
    mode: "onTouched",
  });
  const resume = useFieldArray({ control: form.control, name: "resume" });
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  useEmployerLookup(form, lookupEmployer);

  const onSubmit = form.handleSubmit(async (values) => {
    setResult(null);
    const res = await action(registrationId ? { ...values, registrationId } : values);
    if (res.ok && onSaved) {
      onSaved({ ...res.data, message: res.message });
      return;
    }
    if (res.ok) {
      setResult({ ok: true, text: res.message ?? "报名成功" });
      router.push(successPath.replace(":id", String(res.data.id)));
      router.refresh();
      return;
    }
    setResult({ ok: false, text: applyServerErrors(form, res) ?? "" });
  });

  const c = form.control;
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-8">
      <FieldSet>
        <FieldLegend>报考信息</FieldLegend>
        <FieldGroup className="grid gap-6 md:grid-cols-2">
          <ReadOnly id="planName" label="考试计划" value={plan.name} />
          <ReadOnly id="tradeName" label="报考岗位" value={plan.tradeName} />
          <ReadOnly id="window" label="报名时间" value={plan.registrationWindow} />
          <ReadOnly id="fee" label="考试费" value={plan.feeText} />
        </FieldGroup>
      </FieldSet>

      <FieldSet>
        <FieldLegend>个人信息</FieldLegend>
        <FieldGroup className="grid gap-6 md:grid-cols-2">
          <ReadOnly id="personName" label="姓名" value={person.name} />
          <ReadOnly id="gender" label="性别" value={person.gender} />
          <ReadOnly id="idType" label="证件类型" value={person.idTypeLabel} />
          <ReadOnly id="idNumber" label="证件号码" value={person.idNumber} mono />
          <TextField
            control={c}
            name="employerCode"
            label="组织机构代码 / 统一社会信用代码"
            hint="输入已登记单位的代码，将自动带出单位名称。"
          />
          <TextField control={c} name="employerName" label="聘用单位" required autoComplete="organization" />
          <TextField control={c} name="workStartDate" label="参加工作时间" required type="date" />
          <TextField
            control={c}
            name="yearsOfWork"
            label="从事工作年限（年）"
            required
            type="number"
            inputMode="numeric"
            hint={plan.minWorkYears > 0 ? `本考试要求从事本工作至少 ${plan.minWorkYears} 年。` : undefined}
          />
        </FieldGroup>
      </FieldSet>

      <FieldSet>
        <FieldLegend>个人简历</FieldLegend>
        <div className="grid gap-4">
          {resume.fields.length === 0 ? <p className="text-sm text-muted-foreground">尚未填写简历，点击【添加一行】填写工作经历。</p> : null}
          <ol className="grid gap-4">
            {resume.fields.map((row, i) => (
              <li key={row.id} className="grid gap-3 rounded-md border p-3 md:grid-cols-[1fr_1.6fr_1fr_auto] md:items-start">
                <TextField control={c} name={`resume.${i}.period`} label={`起止时间（第${i + 1}行）`} required hint={i === 0 ? "如 2010.07-2015.06" : undefined} />
                <TextField control={c} name={`resume.${i}.employer`} label="工作单位" required />
                <TextField control={c} name={`resume.${i}.post`} label="岗位" required />
                <Button type="button" variant="ghost" className="md:mt-6" onClick={() => resume.remove(i)} aria-label={`删除第${i + 1}行简历`}>
                  <Trash2Icon aria-hidden="true" />
                  删除
                </Button>
              </li>
            ))}
          </ol>
          <div>
            <Button
              type="button"
              variant="outline"
              disabled={resume.fields.length >= MAX_RESUME_ROWS}
              onClick={() => resume.append({ period: "", employer: "", post: "" })}
            >
              <PlusIcon aria-hidden="true" />
              添加一行
            </Button>
          </div>
          <FieldError errors={[form.formState.errors.resume?.root ?? (form.formState.errors.resume?.message ? form.formState.errors.resume : undefined)]} />
        </div>
      </FieldSet>

      <FieldSet>
        <FieldLegend>聘用单位意见</FieldLegend>
        <Controller
          name="employerOpinion"
          control={c}
          render={({ field, fieldState }) => (
            <Field data-invalid={fieldState.invalid || undefined}>
              <FieldLabel htmlFor="employerOpinion" className="sr-only">
                聘用单位意见
              </FieldLabel>
              <Textarea {...field} value={field.value ?? ""} id="employerOpinion" rows={3} aria-invalid={fieldState.invalid || undefined} />
              <FieldError errors={[fieldState.error]} />
            </Field>
          )}
        />
      </FieldSet>

      <FieldSet>
        <FieldLegend>
          一寸彩色照片 <Required />
        </FieldLegend>
        <Controller
          name="photoFileId"
          control={c}
          render={({ field, fieldState }) => (
            <Field data-invalid={fieldState.invalid || undefined}>
              <FieldLabel htmlFor="photo" className="sr-only">
                一寸彩色照片
              </FieldLabel>
              <p id="photo-hint" className="text-sm text-muted-foreground">
                近期免冠正面彩色照片，JPG 或 PNG，不超过 10 MB；系统自动裁剪为一寸（295×413 像素）。
              </p>
              <PhotoField
                id="photo"
                value={field.value ?? ""}
                onChange={(v) => {
                  field.onChange(v);
                  form.clearErrors("photoFileId");
                  // A refusal that was about the photo is settled by the new one.
                  setResult((r) => (r && !r.ok ? null : r));
                }}
                invalid={fieldState.invalid}
                describedBy={fieldState.error ? "photo-hint photo-error" : "photo-hint"}
              />
              <FieldError id="photo-error" errors={[fieldState.error]} />
            </Field>
          )}
        />
      </FieldSet>

      <div className="grid gap-4">
        <p className="text-sm text-muted-foreground">
          带 <span className="text-destructive">*</span> 号的为必填项。
        </p>
        <FormMessage message={result?.text} tone={result?.ok === false ? "error" : "success"} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? "正在保存…" : "保存"}
          </Button>
          <Button type="button" variant="outline" onClick={() => router.push(cancelHref)}>
            返回
          </Button>
        </div>
      </div>
    </form>
  );
}
