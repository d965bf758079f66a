"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { recordScoreAction } from "../actions";

/** 成绩录入 for one candidate: type a score or 缺考 and save; the result is announced beside it. */
export function ScoreCell({ registrationId, name, initial }: { registrationId: number; name: string; initial: string }) {
  const router = useRouter();
  const [value, setValue] = useState(initial);
  // After a save or an import the page sends the stored value; show it without remounting (which would drop the message).
  const [shownInitial, setShownInitial] = useState(initial);
  if (initial !== shownInitial) {
    setShownInitial(initial);
    setValue(initial);
  }
  const [pending, start] = useTransition();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const id = `score-${registrationId}`;
  return (
    <form
      className="flex items-center gap-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setMsg(null);
        start(async () => {
          const r = await recordScoreAction({ registrationId, score: value });
          setMsg(r.ok ? { ok: true, text: r.message ?? "已保存" } : { ok: false, text: r.error });
          if (r.ok) router.refresh();
        });
      }}
    >
      <label htmlFor={id} className="sr-only">
        {name}的成绩
      </label>
      <Input id={id} value={value} onChange={(e) => setValue(e.target.value)} className="h-8 w-20" inputMode="decimal" aria-describedby={`${id}-msg`} aria-invalid={msg?.ok === false || undefined} />
      <Button type="submit" size="sm" variant="outline" disabled={pending}>
        {pending ? "…" : "保存"}
      </Button>
      <span id={`${id}-msg`} role="status" aria-live="polite" className={msg?.ok === false ? "text-xs text-destructive" : "text-xs text-muted-foreground"}>
        {msg?.text}
      </span>
    </form>
  );
}
