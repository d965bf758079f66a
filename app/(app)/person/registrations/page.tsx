import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { ResponsiveTable } from "@/components/responsive-table";
import { SearchForm } from "@/components/search-form";
import { Button } from "@/components/ui/button";
import { Field, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { listOpenPlans, listTrades } from "@/lib/queries/plans";
import { listRegistrations } from "@/lib/queries/registrations";
import { formatDateTime } from "@/lib/time";
import { formatYuan } from "@/lib/format";
import { SELECT_CLASS } from "../_shared/ui";
import { StatusBadge } from "@/components/status-badge";
import { REGISTRATION_STATUS } from "@/lib/domain/statuses";
import { canResubmit } from "@/lib/domain/rules";

export const metadata = { title: "考试报名" };

type Search = { name?: string; tradeId?: string; page?: string };

export default async function RegistrationsPage(props: { searchParams: Promise<Search> }) {
  const user = await requireRole("person");
  const sp = await props.searchParams;
  const page = Math.max(1, Number(sp.page) || 1);
  const name = (sp.name ?? "").trim().slice(0, 60);
  const tradeId = Number(sp.tradeId) || 0;
  const now = new Date();
  const [trades, plans, mine] = await Promise.all([
    listTrades(db),
    listOpenPlans(db, { name, tradeId, page, personId: user.personId, now }),
    listRegistrations(db, user, { pageSize: 50 }),
  ]);

  return (
    <>
      <PageHeader title="考试报名" description="按考试计划名称或岗位工种查找正在报名的考试，点击【我要报名】填写报名表。" />
      <SearchForm resetHref="/person/registrations" label="考试计划查询">
        <Field>
          <FieldLabel htmlFor="q-name">考试名称</FieldLabel>
          <Input id="q-name" name="name" defaultValue={name} placeholder="如：施工员" />
        </Field>
        <Field>
          <FieldLabel htmlFor="q-trade">岗位工种</FieldLabel>
          <select id="q-trade" name="tradeId" defaultValue={tradeId ? String(tradeId) : ""} className={SELECT_CLASS}>
            <option value="">全部</option>
            {trades.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </Field>
      </SearchForm>

      <section aria-labelledby="open-plans" className="mb-10">
        <h2 id="open-plans" className="mb-3 text-lg font-semibold">
          考试计划列表
        </h2>
        {plans.rows.length === 0 ? (
          <EmptyState title="没有正在报名的考试计划" description={name || tradeId ? "请更换查询条件后再试。" : "报名开始后会显示在这里。"} />
        ) : (
          <ResponsiveTable label="考试计划列表">
            <Table>
              <TableCaption className="sr-only">正在报名的考试计划</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead>考试名称</TableHead>
                  <TableHead className="hidden sm:table-cell">岗位工种</TableHead>
                  <TableHead className="hidden md:table-cell">报名时间</TableHead>
                  <TableHead className="hidden lg:table-cell">考试时间</TableHead>
                  <TableHead className="hidden lg:table-cell">考试费</TableHead>
                  <TableHead className="hidden md:table-cell">工作年限要求</TableHead>
                  <TableHead>操作</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {plans.rows.map((p) => {
                  const notStarted = p.registrationStartAt > now;
                  const active = p.registrationId && p.registrationStatus && !canResubmit(p.registrationStatus);
                  return (
                    <TableRow key={p.id}>
                      <TableCell className="min-w-40 whitespace-normal font-medium sm:min-w-48">
                        {p.name}
                        <span className="block text-xs font-normal text-muted-foreground sm:hidden">
                          {p.tradeName} · 报名截止 {formatDateTime(p.registrationEndAt)}
                        </span>
                      </TableCell>
                      <TableCell className="hidden sm:table-cell">{p.tradeName}</TableCell>
                      <TableCell className="hidden md:table-cell">
                        {formatDateTime(p.registrationStartAt)}
                        <br />至 {formatDateTime(p.registrationEndAt)}
                      </TableCell>
                      <TableCell className="hidden lg:table-cell">{formatDateTime(p.examStartAt)}</TableCell>
                      <TableCell className="hidden lg:table-cell">{formatYuan(p.feeCents)}</TableCell>
                      <TableCell className="hidden md:table-cell">{p.minWorkYears > 0 ? `${p.minWorkYears} 年以上` : "不限"}</TableCell>
                      <TableCell>
                        {active ? (
                          <Button asChild size="sm" variant="outline">
                            <Link href={`/person/registrations/${p.registrationId}`}>已报名，查看</Link>
                          </Button>
                        ) : notStarted ? (
                          <span className="text-sm text-muted-foreground">报名未开始</span>
                        ) : (
                          <Button asChild size="sm">
                            <Link href={`/person/registrations/new?planId=${p.id}`}>{p.registrationId ? "重新报名" : "我要报名"}</Link>
                          </Button>
                        )}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </ResponsiveTable>
        )}
        <Pagination page={page} pageSize={10} total={plans.total} basePath="/person/registrations" searchParams={{ name, tradeId: tradeId ? String(tradeId) : undefined }} />
      </section>

      <section aria-labelledby="my-registrations">
        <h2 id="my-registrations" className="mb-3 text-lg font-semibold">
          我的报名
        </h2>
        {mine.rows.length === 0 ? (
          <EmptyState title="还没有报名记录" />
        ) : (
          <ResponsiveTable label="我的报名记录">
            <Table>
              <TableCaption className="sr-only">我的报名记录及审核状态</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead>考试名称</TableHead>
                  <TableHead className="hidden md:table-cell">报名号</TableHead>
                  <TableHead className="hidden lg:table-cell">岗位工种</TableHead>
                  <TableHead className="hidden md:table-cell">提交时间</TableHead>
                  <TableHead>状态</TableHead>
                  <TableHead>操作</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {mine.rows.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell className="min-w-40 whitespace-normal">{r.planName}</TableCell>
                    <TableCell className="hidden font-mono md:table-cell">{r.registrationNo}</TableCell>
                    <TableCell className="hidden lg:table-cell">{r.tradeName}</TableCell>
                    <TableCell className="hidden md:table-cell">{formatDateTime(r.submittedAt)}</TableCell>
                    <TableCell className="whitespace-normal">
                      <StatusBadge of={REGISTRATION_STATUS} status={r.status} />
                      {r.status === "rejected" && r.rejectReason ? (
                        <p className="mt-1 max-w-64 text-sm text-destructive">原因：{r.rejectReason}</p>
                      ) : null}
                    </TableCell>
                    <TableCell>
                      <Button asChild size="sm" variant="outline">
                        <Link href={`/person/registrations/${r.id}`} aria-label={`详细：${r.planName}`}>
                          详细
                        </Link>
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ResponsiveTable>
        )}
      </section>
    </>
  );
}
