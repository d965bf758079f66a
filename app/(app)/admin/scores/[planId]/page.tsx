import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { ResponsiveTable } from "@/components/responsive-table";
import { SearchForm } from "@/components/search-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { importHistory, listCandidates } from "@/lib/queries/admin/exam-day";
import { flatParams, oneOf, pageParam, PAGE_SIZE, param, type SearchParams } from "@/lib/queries/admin/params";
import { planAllows } from "@/lib/services/admin/plan-status";
import { ActionButton, ActionResults } from "@/components/action-button";
import { ResultBadge } from "../../_components/badges";
import { ImportForm } from "@/components/import-form";
import { ImportHistory } from "../../_components/import-history";
import { InlineForm } from "../../_components/inline-form";
import { loadPlan } from "../../_components/load-plan";
import { FilterField, NativeSelect } from "@/components/native-select";
import { planTransitionAction } from "../../plans/actions";
import { ScoreCell } from "../_components/score-cell";
import { importScoresAction, passMarkAction } from "../actions";
import { StatusBadge } from "@/components/status-badge";
import { PLAN_STATUS } from "@/lib/domain/statuses";
import { formatDateTime } from "@/lib/time";

export const metadata = { title: "成绩管理" };

export default async function ScoresPage(props: { params: Promise<{ planId: string }>; searchParams: Promise<SearchParams> }) {
  await requireRole("admin");
  const plan = await loadPlan(props.params);
  const sp = await props.searchParams;
  const filters = { q: param(sp, "q", 30) || undefined, result: oneOf(sp, "result", ["pending", "passed", "failed", "absent"] as const) };
  const page = pageParam(sp);
  const [{ rows, total }, history] = await Promise.all([listCandidates(db, plan.id, filters, page), importHistory(db, plan.id, "scores")]);
  const canScore = planAllows(plan.status, "score");
  const seated = plan.counts.seated ?? 0;
  const r = plan.results ?? { recorded: 0, passed: 0, absent: 0 };
  const examNotOver = plan.examEndAt > new Date();
  return (
    <>
      <PageHeader
        title={`成绩管理：${plan.name}`}
        description={<StatusBadge of={PLAN_STATUS} status={plan.status} />}
        actions={
          <ActionResults className="flex flex-wrap items-start gap-2 sm:justify-end">
            <Button asChild variant="outline">
              <Link href={`/admin/plans/${plan.id}`}>考试计划</Link>
            </Button>
            {plan.status === "seated" && examNotOver ? (
              // The service refuses it before the end time too; here the reason is shown before anyone tries.
              <div className="grid max-w-64 gap-1">
                <Button type="button" disabled aria-describedby="hold-reason">
                  确认考试结束
                </Button>
                <p id="hold-reason" className="text-sm text-muted-foreground">
                  考试结束时间为 {formatDateTime(plan.examEndAt)}（北京时间），考试结束后才能确认。
                </p>
              </div>
            ) : null}
            {plan.status === "seated" && !examNotOver ? (
              <ActionButton
                action={planTransitionAction}
                fields={{ id: String(plan.id), transition: "hold" }}
                label="确认考试结束"
                confirm={{ title: "确认考试已经结束？", description: "确认后不能再编排考场，可以录入成绩。", confirmLabel: "确认考试结束" }}
              />
            ) : null}
            {plan.status === "held" ? (
              <ActionButton
                action={planTransitionAction}
                fields={{ id: String(plan.id), transition: "publish_results" }}
                label="发布成绩"
                confirm={{
                  title: "发布成绩？",
                  description: `已录入 ${r.recorded} / ${seated} 人，未录入的 ${seated - r.recorded} 人按缺考处理。发布后考生、企业和培训机构即可查看，成绩不能再修改。`,
                  confirmLabel: "发布成绩",
                }}
              />
            ) : null}
          </ActionResults>
        }
      />
      <dl className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[
          ["考生", seated],
          ["已录入", r.recorded],
          ["合格", r.passed],
          ["缺考", r.absent],
        ].map(([k, v]) => (
          <div key={k} className="rounded-lg border bg-card p-3">
            <dt className="text-sm text-muted-foreground">{k}</dt>
            <dd className="text-2xl font-semibold tabular-nums">{v}</dd>
          </div>
        ))}
      </dl>
      {canScore || planAllows(plan.status, "pass_mark") ? (
        <div className="mb-6 grid gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>合格分数线</CardTitle>
            </CardHeader>
            <CardContent>
              <InlineForm action={passMarkAction} fields={{ planId: String(plan.id) }} submitLabel="保存" className="grid [&>*]:min-w-0 gap-3 sm:grid-cols-[12rem_auto]" label="合格分数线">
                <div className="grid [&>*]:min-w-0 gap-1.5">
                  <label htmlFor="passMark" className="text-sm font-medium">
                    合格分数线（满分 100） <span className="text-destructive" aria-hidden>*</span>
                  </label>
                  <Input id="passMark" name="passMark" defaultValue={String(plan.passMark)} inputMode="decimal" required />
                </div>
              </InlineForm>
              <p className="mt-2 text-sm text-muted-foreground">修改后已录入的成绩按新分数线重新判定合格与否。</p>
            </CardContent>
          </Card>
          {canScore ? (
            <Card>
              <CardHeader>
                <CardTitle>导入成绩</CardTitle>
              </CardHeader>
              <CardContent className="grid [&>*]:min-w-0 gap-4">
                <ImportForm
                  action={importScoresAction}
                  fields={{ planId: String(plan.id) }}
                  label="成绩文件（.xlsx）"
                  templateHref={`/admin/scores/${plan.id}/template`}
                  hint="列：准考证号、姓名（可选，用于核对）、成绩（0-100，最多一位小数；缺考填“缺考”）。任何一行有错误时整个文件不导入，并逐行列出错误。"
                />
                <ImportHistory batches={history} />
              </CardContent>
            </Card>
          ) : null}
        </div>
      ) : null}

      <h2 className="mb-3 text-lg font-semibold">考生成绩</h2>
      <SearchForm resetHref={`/admin/scores/${plan.id}`} label="成绩查询">
        <FilterField id="q" label="姓名或准考证号">
          <Input id="q" name="q" maxLength={30} defaultValue={filters.q} />
        </FilterField>
        <FilterField id="result" label="结果">
          <NativeSelect id="result" name="result" defaultValue={filters.result ?? ""}>
            <option value="">全部</option>
            <option value="pending">未录入</option>
            <option value="passed">合格</option>
            <option value="failed">不合格</option>
            <option value="absent">缺考</option>
          </NativeSelect>
        </FilterField>
      </SearchForm>
      {rows.length === 0 ? (
        <EmptyState title="没有符合条件的考生" />
      ) : (
        <ResponsiveTable label="考生成绩列表">
          <Table>
            <TableCaption className="sr-only">考生成绩列表</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>准考证号</TableHead>
                <TableHead>姓名</TableHead>
                <TableHead className="hidden md:table-cell">考场</TableHead>
                <TableHead>成绩</TableHead>
                <TableHead>结果</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((c) => {
                const recorded = c.resultRecordedAt !== null;
                const shown = recorded ? (c.score === null ? "缺考" : String(Number(c.score))) : "";
                return (
                  <TableRow key={c.id}>
                    <TableCell className="font-mono">{c.ticketNo}</TableCell>
                    <TableCell>{c.personName}</TableCell>
                    <TableCell className="hidden md:table-cell">
                      {c.roomName} 第 {c.seatNo} 座
                    </TableCell>
                    <TableCell>{canScore ? <ScoreCell registrationId={c.id} name={c.personName} initial={shown} /> : shown || "—"}</TableCell>
                    <TableCell>
                      <ResultBadge passed={c.passed} recorded={recorded} absent={recorded && c.score === null} />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </ResponsiveTable>
      )}
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} basePath={`/admin/scores/${plan.id}`} searchParams={flatParams(sp)} />
    </>
  );
}
