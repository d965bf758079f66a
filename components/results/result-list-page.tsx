import "server-only";
import { DownloadIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { PlanPickerField, type PlanSearch } from "@/components/plan-picker/plan-picker";
import { ResponsiveTable } from "@/components/responsive-table";
import { SearchForm } from "@/components/search-form";
import { StatusBadge } from "@/components/status-badge";
import { Button } from "@/components/ui/button";
import { Field, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { db } from "@/db";
import type { SessionUser } from "@/lib/auth/roles";
import { listTrades, planNames } from "@/lib/queries/plans";
import { listResults } from "@/lib/queries/results";
import { formatDate } from "@/lib/time";

export type ResultSearch = { planId?: string; name?: string; page?: string };

/**
 * 查看考试结果 for whoever signs in: published results within the user's scope, by plan and name; 导出名单
 * exports the passers of the same query (the export route applies the same scope).
 */
export async function ResultListPage({ user, basePath, searchParams: sp, searchPlans }: { user: SessionUser; basePath: string; searchParams: ResultSearch; searchPlans: PlanSearch }) {
  const planId = Number(sp.planId) || 0;
  const name = (sp.name ?? "").trim().slice(0, 30);
  const page = Math.max(1, Number(sp.page) || 1);
  const [trades, names, results] = await Promise.all([
    listTrades(db),
    planNames(db, planId ? [planId] : []),
    listResults(db, user, { planId: planId || undefined, name: name || undefined, page }),
  ]);
  const query = new URLSearchParams();
  if (planId) query.set("planId", String(planId));
  if (name) query.set("name", name);
  const passed = results.rows.some((r) => r.passed);

  return (
    <>
      <PageHeader
        title="查看考试结果"
        description="按考试名称、考生姓名查询已发布的考试结果；点击【导出名单】导出合格人员名单。"
        actions={
          <Button asChild variant="outline" aria-disabled={!passed || undefined} className={passed ? undefined : "pointer-events-none opacity-50"}>
            <a href={`/api/results/export${query.size ? `?${query}` : ""}`} download tabIndex={passed ? undefined : -1}>
              <DownloadIcon aria-hidden="true" />
              导出名单
            </a>
          </Button>
        }
      />
      <SearchForm resetHref={basePath} label="考试结果查询">
        <PlanPickerField name="planId" search={searchPlans} trades={trades} statuses={["results_published", "archived"]} initial={planId && names.get(planId) ? { id: planId, name: names.get(planId)! } : null} />
        <Field>
          <FieldLabel htmlFor="q-name">考生姓名</FieldLabel>
          <Input id="q-name" name="name" maxLength={30} defaultValue={name} />
        </Field>
      </SearchForm>
      <h2 className="mb-3 text-lg font-semibold">考试结果列表</h2>
      {results.rows.length === 0 ? (
        <EmptyState title="没有查询到考试结果" description="成绩发布后会显示在这里。" />
      ) : (
        <ResponsiveTable label="考试结果列表">
          <Table>
            <TableCaption className="sr-only">已发布的考试结果</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>姓名</TableHead>
                <TableHead>考试名称</TableHead>
                <TableHead className="hidden md:table-cell">准考证号</TableHead>
                <TableHead className="hidden lg:table-cell">证件号码</TableHead>
                <TableHead className="hidden md:table-cell">考试日期</TableHead>
                <TableHead>成绩</TableHead>
                <TableHead>结果</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {results.rows.map((r) => (
                <TableRow key={r.id}>
                  <TableCell>{r.personName}</TableCell>
                  <TableCell className="min-w-40 whitespace-normal">
                    {r.planName}
                    <span className="block text-xs text-muted-foreground">{r.tradeName}</span>
                  </TableCell>
                  <TableCell className="hidden font-mono md:table-cell">{r.ticketNo}</TableCell>
                  <TableCell className="hidden font-mono lg:table-cell">{r.idNumber}</TableCell>
                  <TableCell className="hidden md:table-cell">{formatDate(r.examStartAt)}</TableCell>
                  <TableCell>{r.score}</TableCell>
                  <TableCell>{r.passed ? <StatusBadge tone="success">合格</StatusBadge> : <StatusBadge tone="danger">不合格</StatusBadge>}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ResponsiveTable>
      )}
      <Pagination page={page} pageSize={20} total={results.total} basePath={basePath} searchParams={{ planId: planId ? String(planId) : undefined, name: name || undefined }} />
    </>
  );
}
