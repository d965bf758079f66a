import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { db } from "@/db";
import type { SessionUser } from "@/lib/auth/roles";
import { getPlan } from "@/lib/queries/plans";
import { organizationName } from "@/lib/queries/organizations";
import { registrationWindowProblem } from "@/lib/services/registrations";
import { formPlan } from "./form-props";
import { OrgRegistration, type OrgRegistrationActions } from "./org-registration";
import { PlanNotes } from "./plan-notes";

/** 我要报名 of an enterprise or a training institution for one plan: 报名须知, then the person and the form. */
export async function OrgNewRegistrationPage({ user, basePath, planId, actions }: { user: SessionUser; basePath: string; planId: number; actions: OrgRegistrationActions }) {
  const plan = Number.isSafeInteger(planId) && planId > 0 ? await getPlan(db, planId) : null;
  const problem = plan ? registrationWindowProblem(plan, new Date()) : "所选考试计划不存在或尚未发布，请在考试报名列表中选择正在报名的考试。";
  if (!plan || problem) {
    return (
      <>
        <PageHeader title="我要报名" />
        <Alert variant="destructive" className="mb-4">
          <AlertTitle>{plan ? plan.name : "该考试计划未开放报名"}</AlertTitle>
          <AlertDescription>{problem}</AlertDescription>
        </Alert>
        <Button asChild variant="outline">
          <Link href={`${basePath}/registrations`}>返回考试报名</Link>
        </Button>
      </>
    );
  }
  const role = user.role === "enterprise" ? "enterprise" : "trainer";
  const employer = role === "enterprise" && user.organizationId ? ((await organizationName(db, user.organizationId)) ?? "") : "";
  return (
    <>
      <PageHeader title="我要报名" description={`${plan.name}：先找到报名人员，再填写报名表并上传一寸彩色照片，点击【保存】提交审核。`} />
      <PlanNotes notes={plan.notes} />
      <OrgRegistration role={role} basePath={basePath} plan={formPlan(plan)} defaultEmployerName={employer} actions={actions} />
    </>
  );
}
