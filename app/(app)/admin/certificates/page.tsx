import { PageHeader } from "@/components/page-header";
import { requireRole } from "@/lib/auth/guards";
import { flatParams, pageParam, type SearchParams } from "@/lib/queries/admin/params";
import { PlanWorkList } from "../_components/plan-work-list";

export const metadata = { title: "证书发放" };

export default async function CertificatePlansPage(props: { searchParams: Promise<SearchParams> }) {
  await requireRole("admin");
  const sp = await props.searchParams;
  return (
    <>
      <PageHeader title="证书发放" description="成绩发布后，为考试合格的考生一次发放证书。选择考试计划：" />
      <PlanWorkList statuses={["results_published", "archived"]} base="/admin/certificates" caption="可发证的考试计划" page={pageParam(sp)} searchParams={flatParams(sp)} />
    </>
  );
}
