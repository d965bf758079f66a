import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { DataTable } from "@/components/data-table";
import { SearchForm } from "@/components/search-form";
import { Button } from "@/components/ui/button";
import { Field, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { listOpenPlans, listTrades } from "@/lib/queries/plans";
import { listRegistrations } from "@/lib/queries/registrations";
import { formatDateTime } from "@/lib/time";
import { formatYuan } from "@/lib/format";
import { NativeSelect } from "@/components/native-select";
import { RegistrationStatusBadge } from "@/components/status-badge";
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
          <Input id="q-name" name="name" maxLength={60} defaultValue={name} placeholder="如：施工员" />
        </Field>
        <Field>
          <FieldLabel htmlFor="q-trade">岗位工种</FieldLabel>
          <NativeSelect id="q-trade" name="tradeId" defaultValue={tradeId ? String(tradeId) : ""}>
            <option value="">全部</option>
            {trades.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </SearchForm>

      <section aria-labelledby="open-plans" className="mb-10">
        <h2 id="open-plans" className="mb-3 text-lg font-semibold">
          考试计划列表
        </h2>
        <DataTable
          label="正在报名的考试计划"
          rows={plans.rows}
          rowKey={(p) => p.id}
          empty={<EmptyState title="没有正在报名的考试计划" description={name || tradeId ? "请更换查询条件后再试。" : "报名开始后会显示在这里。"} />}
          columns={[
            { header: "考试名称", cell: (p) => p.name, wrap: true, className: "md:min-w-48" },
            { header: "岗位工种", cell: (p) => p.tradeName },
            {
              header: "报名时间",
              cell: (p) => (
                <span>
                  {formatDateTime(p.registrationStartAt)}
                  <br />至 {formatDateTime(p.registrationEndAt)}
                </span>
              ),
            },
            { header: "考试时间", cell: (p) => formatDateTime(p.examStartAt), wideOnly: "lg" },
            { header: "考试费", cell: (p) => formatYuan(p.feeCents), wideOnly: "lg" },
            { header: "工作年限要求", cell: (p) => (p.minWorkYears > 0 ? `${p.minWorkYears} 年以上` : "不限"), wideOnly: "lg" },
          ]}
          actions={(p) =>
            p.registrationId && p.registrationStatus && !canResubmit(p.registrationStatus) ? (
              <Button asChild size="sm" variant="outline">
                <Link href={`/person/registrations/${p.registrationId}`}>已报名，查看</Link>
              </Button>
            ) : p.registrationStartAt > now ? (
              <span className="text-sm text-muted-foreground">报名未开始</span>
            ) : (
              <Button asChild size="sm">
                <Link href={`/person/registrations/new?planId=${p.id}`}>{p.registrationId ? "重新报名" : "我要报名"}</Link>
              </Button>
            )
          }
          pagination={{ page, pageSize: 10, total: plans.total, basePath: "/person/registrations", searchParams: { name, tradeId: tradeId ? String(tradeId) : undefined } }}
        />
      </section>

      <section aria-labelledby="my-registrations">
        <h2 id="my-registrations" className="mb-3 text-lg font-semibold">
          我的报名
        </h2>
        <DataTable
          label="我的报名记录"
          rows={mine.rows}
          rowKey={(r) => r.id}
          empty="还没有报名记录"
          columns={[
            { header: "考试名称", cell: (r) => r.planName, wrap: true, className: "md:min-w-40" },
            { header: "报名号", cell: (r) => r.registrationNo, className: "font-mono" },
            { header: "岗位工种", cell: (r) => r.tradeName, wideOnly: "lg" },
            { header: "提交时间", cell: (r) => formatDateTime(r.submittedAt), wideOnly: "lg" },
            {
              header: "状态",
              wrap: true,
              cell: (r) => (
                <span>
                  <RegistrationStatusBadge registration={r} />
                  {r.status === "rejected" && r.rejectReason ? <span className="mt-1 block max-w-64 text-sm text-destructive">原因：{r.rejectReason}</span> : null}
                </span>
              ),
            },
          ]}
          actions={(r) => (
            <Button asChild size="sm" variant="outline">
              <Link href={`/person/registrations/${r.id}`} aria-label={`详细：${r.planName}`}>
                详细
              </Link>
            </Button>
          )}
        />
      </section>
    </>
  );
}
