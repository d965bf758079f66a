"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { FormMessage } from "@/components/form-message";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FieldError, FieldGroup, FieldLegend, FieldSet } from "@/components/ui/field";
import { planSchema, type PlanInput, type PlanValues } from "@/lib/validations/admin/plan";
import { applyServerErrors, Required, RequiredNote, SelectField, TextAreaField, TextField } from "@/components/form-fields";
import { createPlanAction, updatePlanAction } from "../actions";

export type PlanFormLocks = { codeAndTrade: boolean; schedule: boolean };

/**
 * 考试计划 form. All times are Beijing time (the inputs carry no zone; the server reads them as +08:00).
 * Fields the plan's status no longer allows to change are shown read-only.
 */
export function PlanForm({
  id,
  initial,
  trades,
  venues,
  locks = { codeAndTrade: false, schedule: false },
}: {
  id?: number;
  initial: PlanInput;
  trades: { id: number; code: string; name: string }[];
  venues: { id: number; name: string; rooms: number; seats: number; status: string }[];
  locks?: PlanFormLocks;
}) {
  const router = useRouter();
  const form = useForm<PlanInput, unknown, PlanValues>({ resolver: zodResolver(planSchema), defaultValues: initial });
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const onSubmit = form.handleSubmit(async () => {
    setResult(null);
    // Send what the user typed; the server parses it with the same schema.
    const raw = form.getValues();
    const res = id ? await updatePlanAction({ id, values: raw }) : await createPlanAction(raw);
    if (res.ok) {
      router.push(`/admin/plans/${res.data.id}`);
      router.refresh();
      return;
    }
    setResult({ ok: false, text: applyServerErrors(form, res) ?? "保存失败" });
  });
  const c = form.control;
  const lockCT = locks.codeAndTrade || locks.schedule;
  const lockS = locks.schedule;
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-4xl">
      <FieldGroup className="gap-8">
        <FieldSet>
          <FieldLegend>基本信息</FieldLegend>
          <div className="grid [&>*]:min-w-0 gap-6 md:grid-cols-2">
            <TextField control={c} name="code" label="计划编号" required disabled={lockCT} hint="如 KS2027-AQ-01；发布后不能修改。" />
            <TextField control={c} name="name" label="考试名称" required disabled={lockS} />
            <SelectField control={c} name="tradeId" label="岗位工种" required disabled={lockCT} options={trades.map((t) => ({ value: String(t.id), label: `${t.name}（${t.code}）` }))} />
            <TextField control={c} name="capacity" label="计划人数" required disabled={lockS} type="number" min={1} inputMode="numeric" />
            <TextField control={c} name="fee" label="报名费（元）" required disabled={lockS} inputMode="decimal" />
            <TextField control={c} name="minWorkYears" label="最低从事工作年限（年）" required disabled={lockS} type="number" min={0} inputMode="numeric" hint="从事本岗位工作不满此年限的不能报名；0 表示不限。" />
            <TextField control={c} name="passMark" label="合格分数线" required disabled={lockS} inputMode="decimal" hint="满分 100 分；考试后可在成绩管理中调整。" />
          </div>
        </FieldSet>
        <FieldSet>
          <FieldLegend>时间安排（北京时间）</FieldLegend>
          <div className="grid [&>*]:min-w-0 gap-6 md:grid-cols-2">
            <TextField control={c} name="registrationStartAt" label="报名开始时间" required disabled={lockS} type="datetime-local" />
            <TextField control={c} name="registrationEndAt" label="报名结束时间" required disabled={lockS} type="datetime-local" />
            <TextField control={c} name="ticketStartAt" label="准考证打印开始时间" required disabled={lockS} type="datetime-local" />
            <TextField control={c} name="ticketEndAt" label="准考证打印结束时间" required disabled={lockS} type="datetime-local" />
            <TextField control={c} name="examDate" label="考试日期" required disabled={lockS} type="date" />
            <div className="grid [&>*]:min-w-0 grid-cols-2 gap-4">
              <TextField control={c} name="examStartTime" label="开始时间" required disabled={lockS} type="time" />
              <TextField control={c} name="examEndTime" label="结束时间" required disabled={lockS} type="time" />
            </div>
          </div>
        </FieldSet>
        <Controller
          name="venueIds"
          control={c}
          render={({ field, fieldState }) => {
            const value = ((field.value as string[] | undefined) ?? []).map(String);
            return (
              <FieldSet data-invalid={fieldState.invalid || undefined} aria-describedby={fieldState.error ? "venueIds-error" : undefined}>
                <FieldLegend>
                  考点 <Required />
                </FieldLegend>
                <div className="grid [&>*]:min-w-0 gap-3 sm:grid-cols-2">
                  {venues.map((v) => {
                    const checked = value.includes(String(v.id));
                    return (
                      <label key={v.id} htmlFor={`venue-${v.id}`} className="flex items-start gap-3 rounded-md border p-3 has-data-[state=checked]:border-primary has-data-[state=checked]:bg-primary/5">
                        <Checkbox
                          id={`venue-${v.id}`}
                          checked={checked}
                          disabled={lockS}
                          onCheckedChange={(on) => field.onChange(on ? [...value, String(v.id)] : value.filter((x) => x !== String(v.id)))}
                          className="mt-0.5"
                        />
                        <span className="grid [&>*]:min-w-0 gap-0.5 text-sm">
                          <span className="font-medium">{v.name}</span>
                          <span className="text-muted-foreground">
                            {v.rooms} 个考场，共 {v.seats} 座{v.status !== "active" ? "（已停用）" : ""}
                          </span>
                        </span>
                      </label>
                    );
                  })}
                </div>
                <FieldError id="venueIds-error" errors={[fieldState.error]} />
              </FieldSet>
            );
          }}
        />
        <div className="grid [&>*]:min-w-0 gap-6 md:grid-cols-2">
          <TextAreaField control={c} name="notes" label="报名须知" hint="显示在报名页面。" />
          <TextAreaField control={c} name="candidateNotes" label="考生须知" hint="打印在准考证上。" />
        </div>
        <div className="space-y-4">
          <RequiredNote />
          <FormMessage message={result?.text} tone={result?.ok === false ? "error" : "success"} />
          <div className="flex gap-2">
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {form.formState.isSubmitting ? "正在保存…" : "保存"}
            </Button>
            <Button type="button" variant="outline" onClick={() => router.back()}>
              返回
            </Button>
          </div>
        </div>
      </FieldGroup>
    </form>
  );
}
