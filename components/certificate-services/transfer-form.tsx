"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { FormMessage } from "@/components/form-message";
import { applyServerErrors, Required, RequiredNote, SelectField, TextField } from "@/components/form-fields";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions";
import { transferInSchema } from "@/lib/validations/certificate-applications";
import type { z } from "zod";

type Values = z.input<typeof transferInSchema>;
type Lookup = { known: boolean; idNumber: string; name?: string; gender: "M" | "F" | null; birthDate: string | null };
export type LookupTransfer = (input: Pick<Values, "idType" | "idNumber">) => Promise<ActionResult<Lookup>>;
export type SaveTransfer = (fd: FormData) => Promise<ActionResult<{ applicationId: number; batchNo: string }>>;


/**
 * 新建申请表 (证书进京): leaving the ID number looks the person up (a known person's name filled in; otherwise
 * gender and birth date from a 居民身份证); then the other province's certificate and its scan. 保存 opens the
 * saved application, where 删除, 打印 and 返回 are.
 */
export function TransferForm({
  basePath,
  trades,
  idTypes,
  self,
  save,
  lookup,
}: {
  basePath: string;
  trades: { value: string; label: string }[];
  idTypes: { value: string; label: string }[];
  /** A person applies for themself: their ID and name are fixed. */
  self: { idType: string; idNumber: string; name: string; gender: "M" | "F"; birthDate: string } | null;
  save: SaveTransfer;
  lookup: LookupTransfer;
}) {
  const router = useRouter();
  const form = useForm<Values>({
    resolver: zodResolver(transferInSchema),
    defaultValues: {
      idType: (self?.idType ?? "resident") as Values["idType"],
      idNumber: self?.idNumber ?? "",
      name: self?.name ?? "",
      gender: self?.gender,
      birthDate: self?.birthDate ?? "",
      tradeId: "" as unknown as number,
      certificateNo: "",
      issuer: "",
      issueDate: "",
      validUntil: "",
    },
  });
  const [scanError, setScanError] = useState<string | null>(null);
  const [found, setFound] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();

  async function lookUp() {
    const { idType, idNumber } = form.getValues();
    if (self || !idNumber?.trim()) return;
    const r = await lookup({ idType, idNumber });
    if (!r.ok) {
      form.setError("idNumber", { message: r.error });
      setFound(null);
      return;
    }
    form.clearErrors("idNumber");
    form.setValue("idNumber", r.data.idNumber);
    if (r.data.gender) form.setValue("gender", r.data.gender);
    if (r.data.birthDate) form.setValue("birthDate", r.data.birthDate);
    if (r.data.known && r.data.name) {
      form.setValue("name", r.data.name, { shouldValidate: true });
      setFound("已找到该人员，信息已自动带出");
    } else setFound(r.data.gender ? "系统中无此人员，已根据证件号码判断性别和出生日期" : "系统中无此人员，请填写姓名、性别和出生日期");
  }

  const onSubmit = form.handleSubmit((values, event) => {
    setMessage(null);
    setScanError(null);
    const input = (event?.target as HTMLFormElement | undefined)?.elements.namedItem("scans");
    const files = input instanceof HTMLInputElement ? Array.from(input.files ?? []) : [];
    if (files.length === 0) {
      setScanError("请上传外省市证书扫描件（PDF、JPG 或 PNG）");
      return;
    }
    const fd = new FormData();
    for (const [k, v] of Object.entries(values)) if (v != null && String(v).trim() !== "") fd.set(k, String(v));
    for (const f of files) fd.append("scans", f);
    start(async () => {
      const r = await save(fd);
      if (r.ok) {
        router.push(`${basePath}/${r.data.applicationId}?created=1`);
        return;
      }
      const scans = r.fieldErrors?.scans?.[0];
      if (scans) setScanError(scans);
      setMessage(applyServerErrors(form, r));
    });
  });

  const gender = useWatch({ control: form.control, name: "gender" });
  return (
    <form noValidate onSubmit={onSubmit} className="space-y-6">
      <RequiredNote />
      <fieldset className="grid gap-4 rounded-lg border bg-card p-4 sm:grid-cols-2 lg:grid-cols-3">
        <legend className="px-1 text-base font-semibold">申请人</legend>
        <SelectField control={form.control} name="idType" label="证件类型" required options={idTypes} disabled={Boolean(self)} />
        <TextField control={form.control} name="idNumber" label="证件号码" required maxLength={20} readOnly={Boolean(self)} onBlurCapture={lookUp} hint={found ?? "输入后自动检索已登记的人员"} />
        <TextField control={form.control} name="name" label="姓名" required maxLength={50} readOnly={Boolean(self)} />
        <Field>
          <FieldLabel htmlFor="gender">性别</FieldLabel>
          <div id="gender" role="radiogroup" aria-label="性别" className="flex min-h-9 items-center gap-4 text-sm">
            {(["M", "F"] as const).map((g) => (
              <label key={g} className="flex items-center gap-1.5">
                <input type="radio" name="gender" value={g} checked={gender === g} disabled={Boolean(self)} onChange={() => form.setValue("gender", g)} className="size-4" />
                {g === "M" ? "男" : "女"}
              </label>
            ))}
          </div>
        </Field>
        <TextField control={form.control} name="birthDate" label="出生日期" type="date" readOnly={Boolean(self)} />
      </fieldset>
      <fieldset className="grid gap-4 rounded-lg border bg-card p-4 sm:grid-cols-2 lg:grid-cols-3">
        <legend className="px-1 text-base font-semibold">外省市证书</legend>
        <SelectField control={form.control} name="tradeId" label="岗位工种" required options={trades} />
        <TextField control={form.control} name="certificateNo" label="证书编号" required maxLength={40} />
        <TextField control={form.control} name="issuer" label="发证机关" required maxLength={100} />
        <TextField control={form.control} name="issueDate" label="发证日期" required type="date" />
        <TextField control={form.control} name="validUntil" label="证书有效期至" required type="date" />
        <Field data-invalid={scanError ? true : undefined} className="sm:col-span-2 lg:col-span-3">
          <FieldLabel htmlFor="scans">
            证书扫描件 <Required />
          </FieldLabel>
          <Input
            id="scans"
            name="scans"
            type="file"
            multiple
            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
            aria-required
            aria-invalid={scanError ? true : undefined}
            aria-describedby={`scans-hint${scanError ? " scans-error" : ""}`}
          />
          <p id="scans-hint" className="text-sm text-muted-foreground">
            外省市证书原件扫描件，PDF、JPG 或 PNG，最多 5 个，每个不超过 10MB。
          </p>
          <FieldError id="scans-error" errors={scanError ? [{ message: scanError }] : []} />
        </Field>
      </fieldset>
      <FormMessage message={message} tone="error" />
      <div className="flex flex-wrap justify-end gap-2">
        <Button type="button" variant="outline" onClick={() => router.push(basePath)}>
          返回
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "保存中…" : "保存"}
        </Button>
      </div>
    </form>
  );
}
