"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { FormMessage } from "@/components/form-message";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { approveAction, markPaidAction, rejectAction } from "../actions";

type Mode = "approve" | "reject" | "pay";

const TEXT: Record<Mode, { label: string; title: (n: number) => string; description: string }> = {
  approve: { label: "审核通过", title: (n) => `审核通过 ${n} 条报名？`, description: "通过后向报名人和提交单位发送缴费通知。" },
  reject: { label: "审核不通过", title: (n) => `审核不通过 ${n} 条报名`, description: "请填写原因，原因将通知报名人和提交单位，他们可以修改后重新提交。" },
  pay: { label: "登记缴费", title: (n) => `为 ${n} 条报名登记缴费？`, description: "按考试计划的报名费登记为已缴费。已缴费的报名不能删除，也不能撤销。" },
};

/** 审核通过 / 审核不通过 / 登记缴费 for the ticked ids, with a confirmation (and a reason for rejecting). */
export function ReviewButtons({ ids, modes, onDone }: { ids: number[]; modes: Mode[]; onDone?: () => void }) {
  const router = useRouter();
  const uid = useId();
  const [open, setOpen] = useState<Mode | null>(null);
  const [reason, setReason] = useState("");
  const [paymentRef, setPaymentRef] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();

  function submit(mode: Mode) {
    setError(null);
    start(async () => {
      const r = mode === "approve" ? await approveAction({ ids }) : mode === "reject" ? await rejectAction({ ids, reason }) : await markPaidAction({ ids, paymentRef });
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setOpen(null);
      setReason("");
      setResult({ ok: true, text: r.message ?? "操作成功" });
      onDone?.();
      router.refresh();
    });
  }

  return (
    <div className="grid [&>*]:min-w-0 gap-2">
      <div className="flex flex-wrap gap-2">
        {modes.map((m) => (
          <Button key={m} type="button" variant={m === "reject" ? "outline" : "default"} disabled={ids.length === 0 || pending} onClick={() => { setResult(null); setError(null); setOpen(m); }}>
            {TEXT[m].label}
            {ids.length > 1 ? `（${ids.length}）` : ""}
          </Button>
        ))}
      </div>
      <FormMessage message={result?.text} tone="success" />
      <AlertDialog open={open !== null} onOpenChange={(o) => !o && setOpen(null)}>
        {open ? (
          <AlertDialogContent>
            <form
              className="grid [&>*]:min-w-0 gap-4"
              onSubmit={(e) => {
                e.preventDefault();
                submit(open);
              }}
            >
              <AlertDialogHeader>
                <AlertDialogTitle>{TEXT[open].title(ids.length)}</AlertDialogTitle>
                <AlertDialogDescription>{TEXT[open].description}</AlertDialogDescription>
              </AlertDialogHeader>
              {open === "reject" ? (
                <div className="grid [&>*]:min-w-0 gap-1.5">
                  <label htmlFor={`${uid}-reason`} className="text-sm font-medium">
                    不通过原因 <span className="text-destructive" aria-hidden>*</span>
                  </label>
                  <Textarea id={`${uid}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} required aria-required maxLength={200} rows={3} />
                </div>
              ) : null}
              {open === "pay" ? (
                <div className="grid [&>*]:min-w-0 gap-1.5">
                  <label htmlFor={`${uid}-ref`} className="text-sm font-medium">
                    缴费凭证号（可不填）
                  </label>
                  <input id={`${uid}-ref`} value={paymentRef} onChange={(e) => setPaymentRef(e.target.value)} maxLength={60} className="h-9 rounded-md border border-input px-3 text-sm focus-visible:ring-[3px] focus-visible:ring-ring/70 focus-visible:outline-none" />
                </div>
              ) : null}
              <FormMessage tone="error" message={error} />
              <AlertDialogFooter>
                <AlertDialogCancel type="button">取消</AlertDialogCancel>
                <Button type="submit" disabled={pending}>
                  {pending ? "处理中…" : TEXT[open].label}
                </Button>
              </AlertDialogFooter>
            </form>
          </AlertDialogContent>
        ) : null}
      </AlertDialog>
    </div>
  );
}
