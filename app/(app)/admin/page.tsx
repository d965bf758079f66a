import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { dashboard } from "@/lib/queries/admin/dashboard";
import { SimpleBars, StackedBars } from "./_components/bar-chart";

export const metadata = { title: "首页" };

const SERIES = [
  { key: "submitted", label: "待审核", className: "bg-amber-500" },
  { key: "approved", label: "待缴费", className: "bg-sky-500" },
  { key: "paid", label: "已缴费", className: "bg-emerald-500" },
  { key: "seated", label: "已编排", className: "bg-emerald-800" },
  { key: "rejected", label: "未通过", className: "bg-rose-500" },
];

export default async function AdminHome() {
  await requireRole("admin");
  const d = await dashboard(db);
  const tiles = [
    { label: "待审核报名", value: d.tiles.pendingReview, href: "/admin/registrations" },
    { label: "待缴费报名", value: d.tiles.awaitingPayment, href: "/admin/payments" },
    { label: "待审核证书申请", value: d.tiles.pendingApplications, href: "/admin/applications?status=applied" },
    { label: "报名中的考试计划", value: d.tiles.openPlans, href: "/admin/plans?status=published" },
    { label: "本年发证", value: d.tiles.issuedThisYear, href: "/admin/certificates" },
    { label: "有效证书", value: d.tiles.validCertificates },
  ];
  return (
    <>
      <PageHeader title="考务管理" description="注册中心工作台：待办事项和考试概况。" />
      <section aria-label="待办与统计" className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        {tiles.map((t) => {
          const body = (
            <>
              <CardHeader className="pb-0">
                <CardTitle className="text-sm font-medium text-muted-foreground">{t.label}</CardTitle>
              </CardHeader>
              <CardContent className="text-3xl font-semibold tabular-nums">{t.value}</CardContent>
            </>
          );
          return t.href ? (
            <Link key={t.label} href={t.href} className="rounded-xl focus-visible:ring-[3px] focus-visible:ring-ring/70 focus-visible:outline-none">
              <Card className="h-full gap-2 transition-colors hover:bg-accent">{body}</Card>
            </Link>
          ) : (
            <Card key={t.label} className="gap-2">
              {body}
            </Card>
          );
        })}
      </section>
      <div className="grid [&>*]:min-w-0 gap-6 xl:grid-cols-2">
        <Card>
          <CardContent className="pt-6">
            <StackedBars
              caption="进行中的考试计划：报名人数（按状态）"
              series={SERIES}
              rows={d.plans.map((p) => ({ label: p.name, values: { submitted: p.submitted, approved: p.approved, paid: p.paid, seated: p.seated, rejected: p.rejected } }))}
            />
          </CardContent>
        </Card>
        <Card>
          <CardContent className="pt-6">
            <SimpleBars
              caption="最近发布成绩的考试：合格率"
              max={100}
              rows={d.passRates.map((p) => {
                const rate = p.candidates ? Math.round((p.passed / p.candidates) * 1000) / 10 : 0;
                return { label: p.name, value: rate, text: `${rate}%（${p.passed}/${p.candidates}）` };
              })}
            />
          </CardContent>
        </Card>
        <Card className="xl:col-span-2">
          <CardContent className="pt-6">
            <SimpleBars caption="近 12 个月考试发证数量" unit=" 本" rows={d.months.map((m) => ({ label: m.month, value: m.issued }))} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
