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
import { maskIdNumber } from "@/lib/identity/chinese-id";
import { listCandidates, seatingSummary } from "@/lib/queries/admin/exam-day";
import { flatParams, intParam, pageParam, PAGE_SIZE, param, type SearchParams } from "@/lib/queries/admin/params";
import { operationRefusal, planAllows } from "@/lib/services/admin/plan-status";
import { formatDateTime } from "@/lib/time";
import { ActionButton } from "@/components/action-button";
import { loadPlan } from "../../_components/load-plan";
import { FilterField, NativeSelect } from "@/components/native-select";
import { arrangeAction } from "../actions";
import { StatusBadge } from "@/components/status-badge";
import { PLAN_STATUS } from "@/lib/domain/statuses";

export const metadata = { title: "考场编排" };

export default async function SeatingPage(props: { params: Promise<{ planId: string }>; searchParams: Promise<SearchParams> }) {
  await requireRole("admin");
  const plan = await loadPlan(props.params);
  const sp = await props.searchParams;
  const filters = { q: param(sp, "q", 30) || undefined, roomId: intParam(sp, "roomId") };
  const page = pageParam(sp);
  const [summary, { rows, total }] = await Promise.all([seatingSummary(db, plan.id), listCandidates(db, plan.id, filters, page)]);
  const capacity = summary.rooms.reduce((s, r) => s + r.capacity, 0);
  const free = summary.rooms.reduce((s, r) => s + Math.max(0, r.capacity - r.seated), 0);
  const canArrange = planAllows(plan.status, "arrange");
  const short = summary.waiting > free + (summary.seated - summary.printed);
  return (
    <>
      <PageHeader
        title={`考场编排：${plan.name}`}
        description={<StatusBadge of={PLAN_STATUS} status={plan.status} />}
        actions={
          <>
            <Button asChild variant="outline">
              <Link href={`/admin/plans/${plan.id}`}>考试计划</Link>
            </Button>
            {summary.seated > 0 ? (
              <Button asChild variant="outline">
                <a href={`/admin/seating/${plan.id}/sign-in-sheets`} download>
                  导出考场签到表
                </a>
              </Button>
            ) : null}
          </>
        }
      />
      <div className="mb-6 grid gap-6 lg:grid-cols-[1fr_22rem]">
        <Card>
          <CardHeader>
            <CardTitle>考场座位</CardTitle>
          </CardHeader>
          <CardContent>
            {summary.rooms.length === 0 ? (
              <p className="text-sm text-muted-foreground">考试计划所选考点还没有考场，请先在“考点考场”中添加。</p>
            ) : (
              <ResponsiveTable label="考场座位">
                <Table>
                  <TableCaption className="sr-only">各考场座位使用情况</TableCaption>
                  <TableHeader>
                    <TableRow>
                      <TableHead>考场</TableHead>
                      <TableHead className="text-right">座位数</TableHead>
                      <TableHead className="text-right">本计划已编排</TableHead>
                      <TableHead className="hidden text-right md:table-cell">已打印准考证</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {summary.rooms.map((r) => (
                      <TableRow key={r.id}>
                        <TableCell className="whitespace-normal">
                          {r.venueName} {r.name}
                        </TableCell>
                        <TableCell className="text-right tabular-nums">{r.capacity}</TableCell>
                        <TableCell className="text-right tabular-nums">{r.seated}</TableCell>
                        <TableCell className="hidden text-right tabular-nums md:table-cell">{r.printed}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </ResponsiveTable>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>编排</CardTitle>
          </CardHeader>
          <CardContent className="grid [&>*]:min-w-0 gap-3 text-sm">
            <dl className="grid [&>*]:min-w-0 grid-cols-2 gap-2">
              <dt className="text-muted-foreground">待编排（已缴费）</dt>
              <dd className="text-right font-semibold tabular-nums">{summary.waiting}</dd>
              <dt className="text-muted-foreground">已编排</dt>
              <dd className="text-right font-semibold tabular-nums">{summary.seated}</dd>
              <dt className="text-muted-foreground">已打印准考证</dt>
              <dd className="text-right tabular-nums">{summary.printed}</dd>
              <dt className="text-muted-foreground">座位总数 / 空余</dt>
              <dd className="text-right tabular-nums">
                {capacity} / {free}
              </dd>
              <dt className="text-muted-foreground">审核通过未缴费</dt>
              <dd className="text-right tabular-nums">{summary.unpaid}</dd>
            </dl>
            {canArrange ? (
              <>
                {short ? <p className="text-destructive">空余座位不够编排全部考生，请先为考试计划增加考点或考场。</p> : null}
                <ActionButton
                  action={arrangeAction}
                  fields={{ planId: String(plan.id) }}
                  label={summary.seated > 0 ? "重新编排" : "开始编排"}
                  confirm={{
                    title: summary.seated > 0 ? "重新编排考场？" : "编排考场？",
                    description:
                      summary.seated > 0
                        ? "已缴费的考生和未打印准考证的考生将重新安排考场座位；已打印准考证的考生保留原考场、座位和准考证号。"
                        : `将 ${summary.waiting} 名已缴费考生按考场顺序编入座位，并生成准考证号。`,
                    confirmLabel: "编排",
                  }}
                  extra={
                    summary.printed > 0 ? (
                      <label className="flex items-start gap-2 text-sm">
                        <input type="checkbox" name="includePrinted" className="mt-1 size-4" />
                        <span>已打印准考证的 {summary.printed} 名考生也重新编排（他们已打印的准考证作废，需重新打印）</span>
                      </label>
                    ) : null
                  }
                />
              </>
            ) : (
              <p className="text-muted-foreground">{operationRefusal(plan.status, "arrange")}。</p>
            )}
          </CardContent>
        </Card>
      </div>

      <h2 className="mb-3 text-lg font-semibold">考生座位</h2>
      <SearchForm resetHref={`/admin/seating/${plan.id}`} label="考生查询">
        <FilterField id="q" label="姓名或准考证号">
          <Input id="q" name="q" defaultValue={filters.q} />
        </FilterField>
        <FilterField id="roomId" label="考场">
          <NativeSelect id="roomId" name="roomId" defaultValue={filters.roomId ? String(filters.roomId) : ""}>
            <option value="">全部考场</option>
            {summary.rooms.map((r) => (
              <option key={r.id} value={r.id}>
                {r.venueName} {r.name}
              </option>
            ))}
          </NativeSelect>
        </FilterField>
      </SearchForm>
      {rows.length === 0 ? (
        <EmptyState title="还没有编排考生" />
      ) : (
        <ResponsiveTable label="考生座位列表">
          <Table>
            <TableCaption className="sr-only">考生座位列表</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>准考证号</TableHead>
                <TableHead>姓名</TableHead>
                <TableHead>考场</TableHead>
                <TableHead>座位</TableHead>
                <TableHead className="hidden md:table-cell">证件号码</TableHead>
                <TableHead className="hidden lg:table-cell">准考证打印</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.id}>
                  <TableCell className="font-mono">{r.ticketNo}</TableCell>
                  <TableCell>
                    <Link href={`/admin/registrations/${r.id}`} className="text-primary underline-offset-4 hover:underline">
                      {r.personName}
                    </Link>
                  </TableCell>
                  <TableCell>{r.roomName}</TableCell>
                  <TableCell className="tabular-nums">{r.seatNo}</TableCell>
                  <TableCell className="hidden font-mono text-xs md:table-cell">{maskIdNumber(r.idNumber)}</TableCell>
                  <TableCell className="hidden lg:table-cell">{r.ticketPrintedAt ? formatDateTime(r.ticketPrintedAt) : "未打印"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ResponsiveTable>
      )}
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} basePath={`/admin/seating/${plan.id}`} searchParams={flatParams(sp)} />
    </>
  );
}
