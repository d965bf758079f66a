"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormMessage } from "@/components/form-message";
import { Button } from "@/components/ui/button";
import { FieldGroup } from "@/components/ui/field";
import { tradeSchema, type TradeInput, type TradeValues } from "@/lib/validations/admin/trade";
import { applyServerErrors, RequiredNote, TextField } from "@/components/form-fields";
import { createTradeAction, updateTradeAction } from "../actions";

export function TradeForm({ id, initial }: { id?: number; initial: TradeInput }) {
  const router = useRouter();
  const form = useForm<TradeInput, unknown, TradeValues>({ resolver: zodResolver(tradeSchema), defaultValues: initial });
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const onSubmit = form.handleSubmit(async (values) => {
    setResult(null);
    const res = id ? await updateTradeAction({ ...values, id }) : await createTradeAction(values);
    if (res.ok) {
      router.push("/admin/trades");
      router.refresh();
      return;
    }
    setResult({ ok: false, text: applyServerErrors(form, res) ?? "保存失败" });
  });
  const c = form.control;
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl">
      <FieldGroup className="grid [&>*]:min-w-0 gap-6 md:grid-cols-2">
        <TextField control={c} name="code" label="岗位代码" required hint="字母和数字，如 GL01；用于证书编号。" />
        <TextField control={c} name="name" label="岗位工种名称" required />
        <TextField control={c} name="category" label="类别" required hint="如 施工现场专业人员、建筑施工特种作业人员" />
        <TextField control={c} name="validityYears" label="证书有效期（年）" required type="number" min={1} max={20} inputMode="numeric" hint="修改后只影响此后发放的证书。" />
        <div className="space-y-4 md:col-span-2">
          <RequiredNote />
          <FormMessage message={result?.text} tone={result?.ok === false ? "error" : "success"} />
          <div className="flex gap-2">
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {form.formState.isSubmitting ? "正在保存…" : "保存"}
            </Button>
            <Button type="button" variant="outline" onClick={() => router.push("/admin/trades")}>
              返回
            </Button>
          </div>
        </div>
      </FieldGroup>
    </form>
  );
}
