"use client";

import { useEffect, useId, useRef, useState, useTransition } from "react";
import { SearchIcon, XIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ActionResult } from "@/lib/actions";
import { formatDateTime } from "@/lib/time";
import { type PlanSearchInput } from "@/lib/validations/registration";
import type { PlanStatus } from "@/db/schema/exams";
import { PLAN_STATUS_LABELS } from "@/lib/domain/statuses";

export type PickedPlan = { id: number; name: string };

export type PlanRow = {
  id: number;
  code: string;
  name: string;
  status: PlanStatus;
  tradeName: string;
  examStartAt: Date;
  registrationStartAt: Date;
  registrationEndAt: Date;
};

export type PlanSearch = (input: PlanSearchInput) => Promise<ActionResult<{ rows: PlanRow[]; total: number; page: number; pageSize: number }>>;

export type PlanPickerFieldProps = {
  /** Name of the hidden input that carries the chosen plan's id in the surrounding (GET) form. */
  name: string;
  label?: string;
  initial?: PickedPlan | null;
  /** A server action searching plans (see lib/queries/plans.ts searchPlans). */
  search: PlanSearch;
  trades: { id: number; name: string }[];
  /** Status filter choices; defaults to every status after draft. */
  statuses?: PlanStatus[];
  placeholder?: string;
};

const SELECT =
  "border-input h-9 w-full min-w-0 rounded-md border bg-transparent px-3 py-1 text-base shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/70 md:text-sm";

const DEFAULT_STATUSES: PlanStatus[] = ["published", "closed", "seated", "held", "results_published", "archived"];

/**
 * 考试名称 field of the manual's search forms: clicking it opens 考试计划选择 (filter by 岗位工种, status, name and
 * exam date; 查询), and clicking a plan carries its name back into the field and its id into the form.
 */
export function PlanPickerField({ name, label = "考试名称", initial = null, search, trades, statuses = DEFAULT_STATUSES, placeholder = "点击选择考试计划" }: PlanPickerFieldProps) {
  const uid = useId();
  const [picked, setPicked] = useState<PickedPlan | null>(initial);
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLInputElement>(null);

  return (
    // Two columns of a search form: a plan's whole name (up to ~30 characters) fits without being cut off.
    <div className="grid gap-2 sm:col-span-2" data-slot="plan-picker-field">
      <Label htmlFor={`${uid}-name`}>{label}</Label>
      <div className="flex gap-2">
        <Input
          ref={trigger}
          id={`${uid}-name`}
          readOnly
          value={picked?.name ?? ""}
          title={picked?.name}
          placeholder={placeholder}
          aria-haspopup="dialog"
          className="cursor-pointer"
          onClick={() => setOpen(true)}
          onKeyDown={(e) => {
            if (e.key === "Enter" || e.key === " " || e.key === "ArrowDown") {
              e.preventDefault();
              setOpen(true);
            }
          }}
        />
        {picked ? (
          <Button type="button" variant="ghost" size="icon" aria-label="清除所选考试计划" onClick={() => setPicked(null)}>
            <XIcon aria-hidden="true" />
          </Button>
        ) : null}
      </div>
      <input type="hidden" name={name} value={picked ? String(picked.id) : ""} />
      <PlanPickerDialog
        open={open}
        onOpenChange={(o) => {
          setOpen(o);
          if (!o) trigger.current?.focus();
        }}
        onPick={(p) => {
          setPicked(p);
          setOpen(false);
        }}
        search={search}
        trades={trades}
        statuses={statuses}
      />
    </div>
  );
}

export type PlanPickerDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onPick: (plan: PickedPlan) => void;
  search: PlanSearch;
  trades: { id: number; name: string }[];
  statuses?: PlanStatus[];
};

/** 考试计划选择 on its own, for pages that want the dialog without the field. */
export function PlanPickerDialog({ open, onOpenChange, onPick, search, trades, statuses = DEFAULT_STATUSES }: PlanPickerDialogProps) {
  const uid = useId();
  const [filters, setFilters] = useState({ name: "", tradeId: "", status: "", examFrom: "", examTo: "" });
  const [result, setResult] = useState<{ rows: PlanRow[]; total: number; page: number; pageSize: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  // Only the latest query's answer is shown: the first list, fetched on opening, may arrive after a 查询 the
  // user has already sent with filters.
  const latest = useRef(0);
  function run(page = 1) {
    const seq = ++latest.current;
    start(async () => {
      setError(null);
      const res = await search({ ...filters, tradeId: filters.tradeId ? Number(filters.tradeId) : 0, page });
      if (seq !== latest.current) return;
      if (res.ok) setResult(res.data);
      else setError(res.error);
    });
  }

  // The dialog is opened by its parent (the field's click), not through onOpenChange, so the first list of
  // plans is fetched here: the dialog shows the current plans at once instead of waiting for 查询.
  const opened = useRef(false);
  useEffect(() => {
    if (!open || opened.current) return;
    opened.current = true;
    run(1);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on the first opening; later ones keep the last result
  }, [open]);

  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[90dvh] overflow-y-auto sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>考试计划选择</DialogTitle>
          <DialogDescription>按岗位工种或其他条件查询，点击某个考试计划即可选中。</DialogDescription>
        </DialogHeader>
        <form
          role="search"
          aria-label="考试计划查询条件"
          className="grid gap-3 sm:grid-cols-2"
          onSubmit={(e) => {
            e.preventDefault();
            run(1);
          }}
        >
          <div className="grid gap-1.5">
            <Label htmlFor={`${uid}-trade`}>岗位工种</Label>
            <select id={`${uid}-trade`} className={SELECT} value={filters.tradeId} onChange={(e) => setFilters({ ...filters, tradeId: e.target.value })}>
              <option value="">全部</option>
              {trades.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor={`${uid}-status`}>计划状态</Label>
            <select id={`${uid}-status`} className={SELECT} value={filters.status} onChange={(e) => setFilters({ ...filters, status: e.target.value })}>
              <option value="">全部</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {PLAN_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="grid gap-1.5 sm:col-span-2">
            <Label htmlFor={`${uid}-name`}>考试名称</Label>
            <Input id={`${uid}-name`} value={filters.name} onChange={(e) => setFilters({ ...filters, name: e.target.value })} />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor={`${uid}-from`}>考试日期从</Label>
            <Input id={`${uid}-from`} type="date" value={filters.examFrom} onChange={(e) => setFilters({ ...filters, examFrom: e.target.value })} />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor={`${uid}-to`}>
              <span className="sr-only">考试日期</span>至
            </Label>
            <Input id={`${uid}-to`} type="date" value={filters.examTo} onChange={(e) => setFilters({ ...filters, examTo: e.target.value })} />
          </div>
          <div className="flex justify-end sm:col-span-2">
            <Button type="submit" disabled={pending}>
              <SearchIcon aria-hidden="true" />
              查询
            </Button>
          </div>
        </form>

        <div role="status" aria-live="polite" className="text-sm text-muted-foreground">
          {pending ? "正在查询…" : error ? <span className="text-destructive">{error}</span> : result ? `共 ${result.total} 个考试计划` : null}
        </div>
        {result && result.rows.length > 0 ? (
          <ul className="grid gap-2" aria-label="考试计划列表">
            {result.rows.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  onClick={() => onPick({ id: p.id, name: p.name })}
                  className="grid w-full gap-0.5 rounded-md border px-3 py-2 text-left outline-none hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/70"
                >
                  <span className="font-medium">{p.name}</span>
                  <span className="text-sm text-muted-foreground">
                    {p.tradeName} · {PLAN_STATUS_LABELS[p.status]} · 考试时间 {formatDateTime(p.examStartAt)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        {result && pages > 1 ? (
          <div className="flex items-center justify-between text-sm">
            <span>
              第 {result.page} / {pages} 页
            </span>
            <div className="flex gap-2">
              <Button type="button" size="sm" variant="outline" disabled={pending || result.page <= 1} onClick={() => run(result.page - 1)}>
                上一页
              </Button>
              <Button type="button" size="sm" variant="outline" disabled={pending || result.page >= pages} onClick={() => run(result.page + 1)}>
                下一页
              </Button>
            </div>
          </div>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
