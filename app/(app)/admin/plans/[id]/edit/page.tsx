import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { getPlan, tradeOptions, venueOptions } from "@/lib/queries/admin/plans";
import { operationRefusal, planAllows } from "@/lib/services/admin/plan-status";
import { PlanForm } from "../../_components/plan-form";
import { planToInput } from "../../_components/plan-initial";
import { PLAN_STATUS_LABELS } from "@/lib/domain/statuses";

export const metadata = { title: "修改考试计划" };

export default async function EditPlanPage(props: { params: Promise<{ id: string }> }) {
  await requireRole("admin");
  const id = Number((await props.params).id);
  const plan = Number.isInteger(id) && id > 0 ? await getPlan(db, id) : null;
  if (!plan) notFound();
  const venueIds = plan.venues.map((v) => v.id);
  const [trades, venues] = await Promise.all([tradeOptions(db, plan.tradeId), venueOptions(db, venueIds)]);
  const canEdit = planAllows(plan.status, "edit_notes");
  const locks = { codeAndTrade: !planAllows(plan.status, "edit_all"), schedule: !planAllows(plan.status, "edit_schedule") };
  return (
    <>
      <PageHeader title={`修改考试计划：${plan.name}`} description={`当前状态：${PLAN_STATUS_LABELS[plan.status]}`} />
      {!canEdit ? (
        <Alert>
          <AlertDescription>{operationRefusal(plan.status, "edit_notes")}。</AlertDescription>
        </Alert>
      ) : (
        <>
          {locks.codeAndTrade ? (
            <Alert className="mb-6 max-w-4xl">
              <AlertDescription>
                {locks.schedule ? "考场已编排，只能修改报名须知和考生须知。" : "考试计划已发布，计划编号和岗位工种不能修改。"}
              </AlertDescription>
            </Alert>
          ) : null}
          <PlanForm id={plan.id} initial={planToInput(plan, venueIds)} trades={trades} venues={venues} locks={locks} />
        </>
      )}
    </>
  );
}
