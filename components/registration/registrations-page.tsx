import Link from "next/link";
import { ActionButton } from "@/components/action-button";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { DataTable } from "@/components/data-table";
import { SearchForm } from "@/components/search-form";
import { Button } from "@/components/ui/button";
import { Field, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/native-select";
import { RegistrationStatusBadge } from "@/components/status-badge";
import { db } from "@/db";
import type { SessionUser } from "@/lib/auth/roles";
import { listOpenPlans, listTrades } from "@/lib/queries/plans";
import { listRegistrations } from "@/lib/queries/registrations";
import { formatDateTime } from "@/lib/time";
import { formatYuan } from "@/lib/format";
import { canEdit, canResubmit, canWithdraw } from "@/lib/domain/rules";

export type RegistrationsSearch = { name?: string; tradeId?: string; page?: string; q?: string; rpage?: string };
type WithdrawAction = (fd: FormData) => Promise<{ ok: true; message?: string } | { ok: false; error: string }>;

/**
 * 考试报名 (manual 2.1.1, 2.2.1, 2.3.1): the plans taking registrations, then what this user submitted. The
 * practitioner registers themself (我要报名); an enterprise or training institution registers people one at a
 * time (我要报名) or from a spreadsheet (批量报名) and manages the registrations it submitted.
 */
export async function RegistrationsPage({ user, basePath, search, withdrawAction }: { user: SessionUser; basePath: string; search: RegistrationsSearch; withdrawAction: WithdrawAction }) {
  const org = user.role === "enterprise" || user.role === "trainer";
  const home = `${basePath}/registrations`;
  const page = Math.max(1, Number(search.page) || 1);
  const rpage = Math.max(1, Number(search.rpage) || 1);
  const name = (search.name ?? "").trim().slice(0, 60);
  const q = (search.q ?? "").trim().slice(0, 30);
  const tradeId = Number(search.tradeId) || 0;
  const now = new Date();
  const byId = /^[0-9Xx]{4,}$/.test(q);
  const [trades, plans, mine] = await Promise.all([
    listTrades(db),
    listOpenPlans(db, { name, tradeId, page, personId: org ? null : user.personId, now }),
    org
      ? listRegistrations(db, user, { submitterKind: user.role === "enterprise" ? "enterprise" : "trainer", page: rpage, pageSize: 20, ...(q ? (byId ? { idNumber: q } : { name: q }) : {}) })
      : listRegistrations(db, user, { pageSize: 50 }),
  ]);
  const keep = { name, tradeId: tradeId ? String(tradeId) : undefined, q: q || undefined };

  return (
    <>
      <PageHeader
        title="考试报名"
        description={
          org
            ? "按考试计划名称或岗位工种查找正在报名的考试：【我要报名】逐个登记报名人员，【批量报名】用报名表导入模版一次导入多人。"
            : "按考试计划名称或岗位工种查找正在报名的考试，点击【我要报名】填写报名表。"
        }
      />
      <SearchForm resetHref={home} label="考试计划查询">
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
            p.registrationStartAt > now ? (
              <span className="text-sm text-muted-foreground">报名未开始</span>
            ) : org ? (
              <span className="flex flex-wrap gap-2">
                <Button asChild size="sm">
                  <Link href={`${home}/new?planId=${p.id}`} aria-label={`我要报名：${p.name}`}>
                    我要报名
                  </Link>
                </Button>
                <Button asChild size="sm" variant="outline">
                  <Link href={`${home}/batch?planId=${p.id}`} aria-label={`批量报名：${p.name}`}>
                    批量报名
                  </Link>
                </Button>
              </span>
            ) : p.registrationId && p.registrationStatus && !canResubmit(p.registrationStatus) ? (
              <Button asChild size="sm" variant="outline">
                <Link href={`${home}/${p.registrationId}`} aria-label={`已报名，查看：${p.name}`}>
                  已报名，查看
                </Link>
              </Button>
            ) : (
              <Button asChild size="sm">
                <Link href={`${home}/new?planId=${p.id}`} aria-label={`${p.registrationId ? "重新报名" : "我要报名"}：${p.name}`}>
                  {p.registrationId ? "重新报名" : "我要报名"}
                </Link>
              </Button>
            )
          }
          pagination={{ page, pageSize: 10, total: plans.total, basePath: home, searchParams: keep }}
        />
      </section>

      <section aria-labelledby="my-registrations">
        <h2 id="my-registrations" className="mb-3 text-lg font-semibold">
          {org ? "本单位报名信息" : "我的报名"}
        </h2>
        {org ? (
          <form action={home} className="mb-3 flex flex-wrap items-end gap-2" role="search" aria-label="报名信息查询">
            {name ? <input type="hidden" name="name" value={name} /> : null}
            {tradeId ? <input type="hidden" name="tradeId" value={tradeId} /> : null}
            <Field className="w-64 max-w-full">
              <FieldLabel htmlFor="q-person">姓名或证件号码</FieldLabel>
              <Input id="q-person" name="q" maxLength={30} defaultValue={q} />
            </Field>
            <Button type="submit" variant="outline">
              查询
            </Button>
          </form>
        ) : null}
        <DataTable
          label={org ? "本单位提交的报名" : "我的报名记录"}
          rows={mine.rows}
          rowKey={(r) => r.id}
          empty={org ? (q ? "没有符合条件的报名信息" : "本单位还没有提交报名") : "还没有报名记录"}
          columns={[
            ...(org
              ? [
                  { header: "姓名", cell: (r: (typeof mine.rows)[number]) => r.personName },
                  { header: "证件号码", cell: (r: (typeof mine.rows)[number]) => r.idNumber, className: "font-mono" },
                ]
              : []),
            { header: "考试名称", cell: (r) => r.planName, wrap: true, className: "md:min-w-40" },
            { header: "报名号", cell: (r) => r.registrationNo, className: "font-mono", wideOnly: org ? "lg" : undefined },
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
          actions={(r) => {
            const who = org ? `${r.personName}，${r.planName}` : r.planName;
            // 修改 / 撤回 only for the submitter (an enterprise also sees its employees' own registrations).
            const mayChange = org && canEdit(user, r);
            return (
              <span className="flex flex-wrap gap-2">
                <Button asChild size="sm" variant="outline">
                  <Link href={`${home}/${r.id}`} aria-label={`详细：${who}`}>
                    详细
                  </Link>
                </Button>
                {mayChange ? (
                  <>
                    <Button asChild size="sm" variant="outline">
                      <Link href={`${home}/${r.id}/edit`} aria-label={`修改：${who}`}>
                        修改
                      </Link>
                    </Button>
                    {canWithdraw(user, r) ? (
                      <ActionButton
                        label="撤回"
                        size="sm"
                        variant="outline"
                        confirm={{ title: "确认撤回报名？", description: `撤回 ${who} 的报名后不再审核；报名时间内可以重新报名。` }}
                        action={withdrawAction}
                        fields={{ registrationId: String(r.id) }}
                      />
                    ) : null}
                  </>
                ) : null}
              </span>
            );
          }}
          pagination={org ? { page: rpage, pageSize: 20, total: mine.total, basePath: home, searchParams: { ...keep, page: page > 1 ? String(page) : undefined }, pageParam: "rpage" } : undefined}
        />
      </section>
    </>
  );
}
