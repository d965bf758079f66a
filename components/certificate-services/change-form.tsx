"use client";

import { useRouter } from "next/navigation";
import { useCallback, useRef, useState, useTransition } from "react";
import { useForm, type UseFormReturn } from "react-hook-form";
import { FormMessage } from "@/components/form-message";
import { SelectField, TextField, useEmployerLookup, type EmployerLookup } from "@/components/form-fields";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions";

export type ChangeTargetView = {
  id: number;
  certificateNo: string;
  status: string;
  tradeName: string;
  validUntil: string;
  holderName: string;
  employerName: string | null;
  employerCode: string | null;
  idType: string;
  idNumber: string;
  openBatchNo: string | null;
};

type ChangeData = { batchNo: string | null; applied: { certificateId: number; certificateNo: string; applicationId: number }[]; refused: { certificateId?: number; certificateNo?: string; reason: string }[] };
export type SaveChange = (fd: FormData) => Promise<ActionResult<ChangeData>>;

type Values = { employerName: string; employerCode: string; holderName: string; idType: string; idNumber: string };
type Item = { target: ChangeTargetView; form: UseFormReturn<Values>; files: () => File[]; setScanError: (m: string | null) => void };

const FIELDS = ["employerName", "employerCode", "holderName", "idType", "idNumber"] as const;

/** What differs from the current values: only these are submitted. An empty box means "no change". */
function changed(t: ChangeTargetView, v: Values, fullId: boolean) {
  const out: Partial<Values> = {};
  const current: Values = { employerName: t.employerName ?? "", employerCode: t.employerCode ?? "", holderName: t.holderName, idType: t.idType, idNumber: fullId ? t.idNumber : "" };
  for (const k of FIELDS) {
    const val = v[k].trim();
    if (val && val !== current[k]) out[k] = val;
  }
  return out;
}

/**
 * 证书变更申请表: the 申请须知 in a dialog, then per certificate its current values beside editable new ones and
 * the supporting scans. 保存 posts only what changed: one certificate opens its application (原值 beside 新值,
 * 打印); several share one 申请批号 and the refused are listed with their reasons.
 */
export function ChangeForm({
  basePath,
  notice,
  targets,
  idTypes,
  save,
  lookup,
}: {
  basePath: string;
  notice: string[];
  targets: ChangeTargetView[];
  idTypes: { value: string; label: string }[];
  save: SaveChange;
  lookup: EmployerLookup;
}) {
  const router = useRouter();
  const items = useRef(new Map<number, Item>());
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; text: string; refused?: ChangeData["refused"] } | null>(null);
  const register = useCallback((id: number, item: Item | null) => {
    if (item) items.current.set(id, item);
    else items.current.delete(id);
  }, []);
  const single = targets.length === 1;

  function submit() {
    setResult(null);
    const list = targets.map((t) => items.current.get(t.id)).filter((x): x is Item => Boolean(x));
    const fd = new FormData();
    const payload = list.map((it) => ({ certificateId: it.target.id, ...changed(it.target, it.form.getValues(), !it.target.idNumber.includes("*")) }));
    if (payload.every((p) => Object.keys(p).length === 1)) {
      setResult({ ok: false, text: "未修改任何内容，无需申请变更" });
      return;
    }
    fd.set("items", JSON.stringify(payload));
    list.forEach((it, i) => {
      it.setScanError(null);
      for (const f of it.files()) fd.append(`scans.${i}`, f);
    });
    start(async () => {
      const r = await save(fd);
      if (!r.ok) {
        const first = list[0];
        for (const [key, msgs] of Object.entries(r.fieldErrors ?? {})) {
          const field = key.replace(/^items\.0\./, "");
          if (!msgs?.[0] || !first) continue;
          if (field === "scans") first.setScanError(msgs[0]);
          else if ((FIELDS as readonly string[]).includes(field)) first.form.setError(field as keyof Values, { message: msgs[0] });
        }
        setResult({ ok: false, text: r.error });
        return;
      }
      if (single && r.data.applied[0]) {
        router.push(`${basePath}/${r.data.applied[0].applicationId}?created=1`);
        return;
      }
      setResult({ ok: true, text: r.message ?? "证书变更申请成功", refused: r.data.refused });
      router.refresh();
    });
  }

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="flex flex-wrap items-center gap-3 rounded-lg border bg-card p-4">
        <p className="min-w-0 flex-1 text-sm">填写变更之前请先阅读申请须知。只填写需要变更的项目，未修改的项目保持原值。</p>
        <Dialog>
          <DialogTrigger asChild>
            <Button type="button" variant="outline">
              申请须知
            </Button>
          </DialogTrigger>
          <DialogContent>
            <DialogHeader>
              <DialogTitle>申请须知</DialogTitle>
              <DialogDescription>证书变更需注意的相关条款</DialogDescription>
            </DialogHeader>
            <ol className="space-y-2 text-sm leading-relaxed">
              {notice.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ol>
            <DialogFooter>
              <DialogClose asChild>
                <Button type="button">我已阅读</Button>
              </DialogClose>
            </DialogFooter>
          </DialogContent>
        </Dialog>
      </div>

      {targets.map((t, i) => (
        <ChangeItem key={t.id} index={i} target={t} idTypes={idTypes} lookup={lookup} register={register} />
      ))}

      <div role="status" aria-live="polite">
        <FormMessage message={result?.text} tone={result?.ok === false ? "error" : "success"} />
        {result?.refused?.length ? (
          <div className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            <p className="font-medium">以下 {result.refused.length} 本证书未能申请：</p>
            <ul className="mt-1 list-disc pl-5">
              {result.refused.map((x, i) => (
                <li key={`${x.certificateId}-${i}`}>
                  {x.certificateNo ?? "证书"}：{x.reason}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      <div className="flex flex-wrap justify-end gap-2">
        <Button type="button" variant="outline" onClick={() => router.push(basePath)}>
          返回
        </Button>
        <Button type="submit" disabled={pending || (result?.ok ?? false)}>
          {pending ? "保存中…" : "保存"}
        </Button>
      </div>
    </form>
  );
}

function ChangeItem({
  index,
  target: t,
  idTypes,
  lookup,
  register,
}: {
  index: number;
  target: ChangeTargetView;
  idTypes: { value: string; label: string }[];
  lookup: EmployerLookup;
  register: (id: number, item: Item | null) => void;
}) {
  const masked = t.idNumber.includes("*");
  const form = useForm<Values>({
    defaultValues: { employerName: t.employerName ?? "", employerCode: t.employerCode ?? "", holderName: t.holderName, idType: t.idType, idNumber: masked ? "" : t.idNumber },
  });
  // The current code would fill in the organisation's name on opening, which could differ from the name printed
  // on the certificate and count as a change nobody made: look up only codes the user typed.
  const typedLookup = useCallback<EmployerLookup>(async (input) => (input.code === (t.employerCode ?? "") ? { ok: true, data: null } : lookup(input)), [lookup, t.employerCode]);
  useEmployerLookup(form, typedLookup);
  const fileRef = useRef<HTMLInputElement>(null);
  const [scanError, setScanError] = useState<string | null>(null);
  const ref = useCallback(
    (el: HTMLDivElement | null) => {
      register(t.id, el ? { target: t, form, files: () => Array.from(fileRef.current?.files ?? []), setScanError } : null);
    },
    [register, t, form],
  );
  const idTypeLabel = idTypes.find((x) => x.value === t.idType)?.label ?? t.idType;
  const p = `c${index}`;
  const rows: [string, string, React.ReactNode][] = [
    ["工作单位", t.employerName ?? "", <TextField key="en" control={form.control} name="employerName" label="变更后工作单位" maxLength={100} />],
    [
      "单位组织机构代码",
      t.employerCode ?? "",
      <TextField key="ec" control={form.control} name="employerCode" label="变更后组织机构代码" maxLength={20} hint="输入组织机构代码或统一社会信用代码，自动带出单位名称" />,
    ],
    ["姓名", t.holderName, <TextField key="hn" control={form.control} name="holderName" label="变更后姓名" maxLength={50} hint="因依法更名而变更" />],
    ["证件类型", idTypeLabel, <SelectField key="it" control={form.control} name="idType" label="变更后证件类型" options={idTypes} />],
    ["证件号码", t.idNumber, <TextField key="in" control={form.control} name="idNumber" label="变更后证件号码" maxLength={20} hint={masked ? "登记有误需要更正时填写；不变更请留空" : "登记有误需要更正时修改"} />],
  ];
  return (
    <Card ref={ref} aria-labelledby={`${p}-title`}>
      <CardHeader>
        <CardTitle id={`${p}-title`} className="text-base">
          <span className="font-mono">{t.certificateNo}</span> · {t.holderName} · {t.tradeName}
          <span className="ml-2 text-sm font-normal text-muted-foreground">有效期至 {t.validUntil}</span>
        </CardTitle>
        {t.openBatchNo ? <p className="text-sm text-amber-800">该证书已有待审核的变更申请（申请批号 {t.openBatchNo}），不能重复申请。</p> : null}
      </CardHeader>
      <CardContent className="space-y-4">
        <div className="hidden grid-cols-[10rem_1fr_1.4fr] gap-4 border-b pb-2 text-sm text-muted-foreground md:grid">
          <span>变更项目</span>
          <span>原信息</span>
          <span>变更后信息</span>
        </div>
        {rows.map(([label, current, input]) => (
          <div key={label} className="grid gap-2 border-b pb-3 md:grid-cols-[10rem_1fr_1.4fr] md:items-start md:gap-4">
            <span className="text-sm font-medium">{label}</span>
            <span className="text-sm break-words">
              <span className="text-muted-foreground md:hidden">原信息：</span>
              <span data-testid={`current-${label}`}>{current || "（空）"}</span>
            </span>
            <div className="min-w-0 [&_[data-slot=field-label]]:sr-only">{input}</div>
          </div>
        ))}
        <Field data-invalid={scanError ? true : undefined}>
          <FieldLabel htmlFor={`${p}-scans`}>证明材料扫描件</FieldLabel>
          <Input
            ref={fileRef}
            id={`${p}-scans`}
            type="file"
            multiple
            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
            aria-describedby={`${p}-scans-hint${scanError ? ` ${p}-scans-error` : ""}`}
            aria-invalid={scanError ? true : undefined}
          />
          <p id={`${p}-scans-hint`} className="text-sm text-muted-foreground">
            变更姓名、证件类型或证件号码须上传证明材料（PDF、JPG 或 PNG，最多 5 个，每个不超过 10MB）。
          </p>
          <FieldError id={`${p}-scans-error`} errors={scanError ? [{ message: scanError }] : []} />
        </Field>
      </CardContent>
    </Card>
  );
}
