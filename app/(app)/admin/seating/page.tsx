import { PageHeader } from "@/components/page-header";
import { requireRole } from "@/lib/auth/guards";
import { flatParams, pageParam, type SearchParams } from "@/lib/queries/admin/params";
import { PlanWorkList } from "../_components/plan-work-list";

export const metadata = { title: "考场编排" };

export default async function SeatingPlansPage(props: { searchParams: Promise<SearchParams> }) {
  await requireRole("admin");
  const sp = await props.searchParams;
  return (
    <>
      <PageHeader title="考场编排" description="报名结束后，把已缴费的考生编入考场座位并生成准考证号。选择考试计划：" />
      <PlanWorkList statuses={["closed", "seated", "held"]} base="/admin/seating" caption="可编排的考试计划" page={pageParam(sp)} searchParams={flatParams(sp)} />
    </>
  );
}
