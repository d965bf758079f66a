import { count, eq } from "drizzle-orm";
import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { db } from "@/db";
import { certificateApplications, certificates, examPlans, registrations } from "@/db/schema";
import { requireRole } from "@/lib/auth/guards";

export const metadata = { title: "首页" };

export default async function AdminHome() {
  await requireRole("admin");
  const [[plans], [pending], [certs], [apps]] = await Promise.all([
    db.select({ n: count() }).from(examPlans).where(eq(examPlans.status, "published")),
    db.select({ n: count() }).from(registrations).where(eq(registrations.status, "submitted")),
    db.select({ n: count() }).from(certificates).where(eq(certificates.status, "valid")),
    db.select({ n: count() }).from(certificateApplications).where(eq(certificateApplications.status, "applied")),
  ]);
  const tiles = [
    { label: "报名中的考试计划", value: plans.n },
    { label: "待审核报名", value: pending.n },
    { label: "有效证书", value: certs.n },
    { label: "待审核申请", value: apps.n },
  ];
  return (
    <>
      <PageHeader title="考务管理" description="注册中心工作台" />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {tiles.map((t) => (
          <Card key={t.label}>
            <CardHeader>
              <CardTitle className="text-sm font-medium text-muted-foreground">{t.label}</CardTitle>
            </CardHeader>
            <CardContent className="text-3xl font-semibold tabular-nums">{t.value}</CardContent>
          </Card>
        ))}
      </div>
    </>
  );
}
