import { PageHeader } from "@/components/page-header";
import { requireRole } from "@/lib/auth/guards";
import { flatParams, pageParam, type SearchParams } from "@/lib/queries/admin/params";
import { PlanWorkList } from "../_components/plan-work-list";

export const metadata = { title: "成绩管理" };

export default async function ScorePlansPage(props: { searchParams: Promise<SearchParams> }) {
  await requireRole("admin");
  const sp = await props.searchParams;
  return (
    <>
      <PageHeader title="成绩管理" description="考试结束后录入或导入成绩，设置合格分数线并发布成绩。选择考试计划：" />
      <PlanWorkList statuses={["seated", "held", "results_published"]} base="/admin/scores" caption="可录入成绩的考试计划" page={pageParam(sp)} searchParams={flatParams(sp)} />
    </>
  );
}
