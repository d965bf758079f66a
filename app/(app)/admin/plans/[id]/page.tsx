import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { db } from "@/db";
import { REGISTRATION_STATUSES } from "@/db/schema";
import { requireRole } from "@/lib/auth/guards";
import { getPlan } from "@/lib/queries/admin/plans";
import { formatYuan } from "@/lib/format";
import { availableTransitions, planAllows, PLAN_STATUS_ORDER, PLAN_TRANSITIONS } from "@/lib/services/admin/plan-status";
import { formatDateTime } from "@/lib/time";
import { cn } from "@/lib/utils";
import { ActionButton, ActionResults } from "@/components/action-button";
import { deletePlanAction, planTransitionAction } from "../actions";
import { PLAN_STATUS, PLAN_STATUS_LABELS, REGISTRATION_STATUS_LABELS } from "@/lib/domain/statuses";
import { StatusBadge } from "@/components/status-badge";

export const metadata = { title: "考试计划" };

const CONFIRM: Record<string, string> = {
  publish: "发布后开始接受报名，计划编号和岗位工种不能再修改。",
  close: "结束报名后不再接受新的报名，已提交的报名仍可审核和缴费。",
  hold: "确认本场考试已经结束。之后不能再编排考场，可以录入成绩。",
  publish_results: "发布后考生、企业和培训机构即可查看成绩；未录入成绩的考生按缺考处理。发布后成绩不能再修改。",
  archive: "归档后考试计划只能查看。",
};

export default async function PlanPage(props: { params: Promise<{ id: string }> }) {
  await requireRole("admin");
  const id = Number((await props.params).id);
  const plan = Number.isInteger(id) && id > 0 ? await getPlan(db, id) : null;
  if (!plan) notFound();
  const transitions = availableTransitions(plan.status);
  const stepIndex = PLAN_STATUS_ORDER.indexOf(plan.status);
  const info: [string, React.ReactNode][] = [
    ["计划编号", <span key="c" className="font-mono">{plan.code}</span>],
    ["岗位工种", plan.tradeName],
    ["报名时间", `${formatDateTime(plan.registrationStartAt)} 至 ${formatDateTime(plan.registrationEndAt)}`],
    ["准考证打印", `${formatDateTime(plan.ticketStartAt)} 至 ${formatDateTime(plan.ticketEndAt)}`],
    ["考试时间", `${formatDateTime(plan.examStartAt)} 至 ${formatDateTime(plan.examEndAt).slice(11)}`],
    ["考点", plan.venues.map((v) => v.name).join("、") || "未选择"],
    ["报名费", formatYuan(plan.feeCents)],
    ["最低从事工作年限", plan.minWorkYears > 0 ? `${plan.minWorkYears} 年` : "不限"],
    ["计划人数", `${plan.capacity} 人`],
    ["合格分数线", `${plan.passMark} 分`],
  ];
  return (
    <>
      <PageHeader
        title={plan.name}
        description={<StatusBadge of={PLAN_STATUS} status={plan.status} />}
        actions={
          <ActionResults className="flex flex-wrap items-start gap-2 sm:justify-end">
            {planAllows(plan.status, "edit_notes") ? (
              <Button asChild variant="outline">
                <Link href={`/admin/plans/${plan.id}/edit`}>修改</Link>
              </Button>
            ) : null}
            {planAllows(plan.status, "delete") ? (
              <ActionButton
                action={deletePlanAction}
                fields={{ id: String(plan.id) }}
                label="删除"
                variant="outline"
                successHref="/admin/plans"
                confirm={{ title: "删除这个考试计划草稿？", description: "删除后不能恢复。", confirmLabel: "删除" }}
              />
            ) : null}
            {transitions.map((t) => (
              <ActionButton
                key={t}
                action={planTransitionAction}
                fields={{ id: String(plan.id), transition: t }}
                label={PLAN_TRANSITIONS[t].label}
                confirm={{ title: `${PLAN_TRANSITIONS[t].label}：${plan.name}？`, description: CONFIRM[t], confirmLabel: PLAN_TRANSITIONS[t].label }}
              />
            ))}
          </ActionResults>
        }
      />

      <nav aria-label="考试计划进度" className="mb-6">
        <ol className="flex flex-wrap gap-1 text-xs sm:text-sm">
          {PLAN_STATUS_ORDER.map((s, i) => (
            <li
              key={s}
              aria-current={i === stepIndex ? "step" : undefined}
              className={cn(
                "rounded-md border px-2 py-1",
                i < stepIndex && "border-green-200 bg-green-50 text-green-800",
                i === stepIndex && "border-primary bg-primary font-semibold text-primary-foreground",
                i > stepIndex && "text-muted-foreground",
              )}
            >
              {i < stepIndex ? <span className="sr-only">已完成：</span> : null}
              {PLAN_STATUS_LABELS[s]}
            </li>
          ))}
        </ol>
      </nav>

      <div className="grid [&>*]:min-w-0 gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>计划信息</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid [&>*]:min-w-0 gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
              {info.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-muted-foreground">{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
              <dt className="text-muted-foreground">报名须知</dt>
              <dd className="whitespace-pre-line">{plan.notes || "无"}</dd>
              <dt className="text-muted-foreground">考生须知</dt>
              <dd className="whitespace-pre-line">{plan.candidateNotes || "无"}</dd>
            </dl>
          </CardContent>
        </Card>
        <div className="grid [&>*]:min-w-0 content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle>报名情况</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="grid [&>*]:min-w-0 grid-cols-2 gap-3 text-sm">
                {REGISTRATION_STATUSES.map((s) => (
                  <div key={s} className="rounded-md border p-2">
                    <dt className="text-muted-foreground">{REGISTRATION_STATUS_LABELS[s]}</dt>
                    <dd className="text-lg font-semibold tabular-nums">
                      <Link href={`/admin/registrations?planId=${plan.id}&status=${s}`} className="underline-offset-4 hover:underline">
                        {plan.counts[s] ?? 0}
                      </Link>
                    </dd>
                  </div>
                ))}
              </dl>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>考务办理</CardTitle>
            </CardHeader>
            <CardContent className="grid [&>*]:min-w-0 gap-2">
              <StepLink href={`/admin/registrations?planId=${plan.id}`} enabled={planAllows(plan.status, "review")} label="报名审核" />
              <StepLink href={`/admin/payments?planId=${plan.id}`} enabled={planAllows(plan.status, "pay")} label="缴费管理" />
              <StepLink href={`/admin/seating/${plan.id}`} enabled={planAllows(plan.status, "arrange") || plan.status !== "draft"} label="考场编排" note={plan.counts.seated ? `已编排 ${plan.counts.seated} 人` : undefined} />
              <StepLink href={`/admin/scores/${plan.id}`} enabled={["held", "results_published", "archived"].includes(plan.status)} label="成绩管理" note={plan.results?.recorded ? `已录入 ${plan.results.recorded} 人，合格 ${plan.results.passed} 人` : undefined} />
              <StepLink href={`/admin/certificates/${plan.id}`} enabled={["results_published", "archived"].includes(plan.status)} label="证书发放" note={plan.results?.certificates ? `已发证 ${plan.results.certificates} 本` : undefined} />
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}

function StepLink({ href, enabled, label, note }: { href: string; enabled: boolean; label: string; note?: string }) {
  if (!enabled) {
    return (
      <p className="flex justify-between rounded-md border border-dashed px-3 py-2 text-sm text-muted-foreground">
        <span>{label}</span>
        <span>当前状态不可办理</span>
      </p>
    );
  }
  return (
    <Link href={href} className="flex justify-between rounded-md border px-3 py-2 text-sm hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/70 focus-visible:outline-none">
      <span className="font-medium text-primary">{label}</span>
      {note ? <span className="text-muted-foreground">{note}</span> : null}
    </Link>
  );
}
