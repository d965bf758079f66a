import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { ResponsiveTable } from "@/components/responsive-table";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { listCandidates } from "@/lib/queries/admin/exam-day";
import { flatParams, pageParam, PAGE_SIZE, type SearchParams } from "@/lib/queries/admin/params";
import { ISSUER } from "@/lib/services/admin/certificates";
import { operationRefusal, planAllows } from "@/lib/services/admin/plan-status";
import { addYears, beijingDate } from "@/lib/time";
import { ActionButton } from "@/components/action-button";
import { loadPlan } from "../../_components/load-plan";
import { issueAction } from "../actions";
import { StatusBadge } from "@/components/status-badge";
import { PLAN_STATUS } from "@/lib/domain/statuses";

export const metadata = { title: "证书发放" };

export default async function IssuePage(props: { params: Promise<{ planId: string }>; searchParams: Promise<SearchParams> }) {
  await requireRole("admin");
  const plan = await loadPlan(props.params);
  const sp = await props.searchParams;
  const page = pageParam(sp);
  const { rows, total } = await listCandidates(db, plan.id, { result: "passed" }, page);
  const passed = plan.results?.passed ?? 0;
  const issued = plan.results?.certificates ?? 0;
  const today = beijingDate();
  const canIssue = planAllows(plan.status, "issue");
  return (
    <>
      <PageHeader
        title={`证书发放：${plan.name}`}
        description={<StatusBadge of={PLAN_STATUS} status={plan.status} />}
        actions={
          <Button asChild variant="outline">
            <Link href={`/admin/plans/${plan.id}`}>考试计划</Link>
          </Button>
        }
      />
      <Card className="mb-6">
        <CardHeader>
          <CardTitle>发证</CardTitle>
        </CardHeader>
        <CardContent className="grid [&>*]:min-w-0 gap-4 text-sm">
          <dl className="grid [&>*]:min-w-0 gap-x-6 gap-y-2 sm:grid-cols-[10rem_1fr]">
            <dt className="text-muted-foreground">合格考生</dt>
            <dd className="tabular-nums">{passed} 人</dd>
            <dt className="text-muted-foreground">已发证</dt>
            <dd className="tabular-nums">{issued} 本</dd>
            <dt className="text-muted-foreground">岗位工种</dt>
            <dd>
              {plan.tradeName}（证书有效期 {plan.validityYears} 年）
            </dd>
            <dt className="text-muted-foreground">本次发证日期</dt>
            <dd>
              {today}，有效期至 {addYears(today, plan.validityYears)}
            </dd>
            <dt className="text-muted-foreground">发证机关</dt>
            <dd>{ISSUER}</dd>
            <dt className="text-muted-foreground">证书编号</dt>
            <dd className="font-mono">
              京建{plan.tradeCode}
              {today.slice(0, 4)}+ 6 位流水号
            </dd>
          </dl>
          {canIssue ? (
            <ActionButton
              action={issueAction}
              fields={{ planId: String(plan.id) }}
              label={issued > 0 ? "为未发证的合格考生发证" : "发证"}
              confirm={{
                title: `为 ${passed - issued} 名合格考生发证？`,
                description: "每人一本证书；已发证的考生不会重复发证。发证后通知考生和提交单位。",
                confirmLabel: "发证",
              }}
            />
          ) : (
            <p className="text-muted-foreground">{operationRefusal(plan.status, "issue")}。</p>
          )}
        </CardContent>
      </Card>
      <h2 className="mb-3 text-lg font-semibold">合格考生</h2>
      {rows.length === 0 ? (
        <EmptyState title="没有合格考生" />
      ) : (
        <ResponsiveTable label="合格考生列表">
          <Table>
            <TableCaption className="sr-only">合格考生及证书编号</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>姓名</TableHead>
                <TableHead>准考证号</TableHead>
                <TableHead>成绩</TableHead>
                <TableHead>证书编号</TableHead>
                <TableHead className="hidden md:table-cell">工作单位</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((c) => (
                <TableRow key={c.id}>
                  <TableCell>{c.personName}</TableCell>
                  <TableCell className="font-mono">{c.ticketNo}</TableCell>
                  <TableCell className="tabular-nums">{c.score === null ? "" : Number(c.score)}</TableCell>
                  <TableCell className="font-mono">{c.certificateNo ?? "未发证"}</TableCell>
                  <TableCell className="hidden whitespace-normal md:table-cell">{c.employerName}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ResponsiveTable>
      )}
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} basePath={`/admin/certificates/${plan.id}`} searchParams={flatParams(sp)} />
    </>
  );
}
