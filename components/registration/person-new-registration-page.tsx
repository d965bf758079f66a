import Link from "next/link";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { RegistrationForm } from "@/components/registration/registration-form";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { db } from "@/db";
import type { SessionUser } from "@/lib/auth/roles";
import type { RegistrationFormProps } from "@/components/registration/registration-form";
import { getPlan } from "@/lib/queries/plans";
import { getOwnPerson } from "@/lib/services/persons";
import { registrationWindowProblem } from "@/lib/services/registrations";
import { findRegistrationForPlan } from "@/lib/queries/registrations";
import { canResubmit } from "@/lib/domain/rules";
import { formPerson, formPlan } from "./form-props";
import { PlanNotes } from "./plan-notes";
import { formatOrgIdentifier } from "@/lib/identity/org-code";

/** 我要报名 of the practitioner for themself (the enterprise's and institution's flow is OrgNewRegistrationPage). */
export async function PersonNewRegistrationPage({
  user,
  basePath,
  planId,
  submitAction,
  lookupEmployer,
}: {
  user: SessionUser;
  basePath: string;
  planId: number;
  submitAction: RegistrationFormProps["action"];
  lookupEmployer: RegistrationFormProps["lookupEmployer"];
}) {
  const [plan, person] = await Promise.all([Number.isSafeInteger(planId) && planId > 0 ? getPlan(db, planId) : null, getOwnPerson(db, user)]);
  // A draft, unknown or mistyped plan: say so in the words of the page rather than a bare 404.
  if (!plan) {
    return (
      <>
        <PageHeader title="我要报名" />
        <Alert variant="destructive" className="mb-4">
          <AlertTitle>该考试计划未开放报名</AlertTitle>
          <AlertDescription>所选考试计划不存在或尚未发布，请在考试报名列表中选择正在报名的考试。</AlertDescription>
        </Alert>
        <Button asChild variant="outline">
          <Link href={`${basePath}/registrations`}>返回考试报名</Link>
        </Button>
      </>
    );
  }
  const existing = await findRegistrationForPlan(db, user, plan.id, person.id);
  if (existing && !canResubmit(existing.status)) redirect(`${basePath}/registrations/${existing.id}`);

  const closed = registrationWindowProblem(plan, new Date());
  const header = (
    <PageHeader
      title={existing ? "重新报名" : "我要报名"}
      description={existing ? `上次报名（报名号 ${existing.registrationNo}）${existing.status === "rejected" ? "未通过审核" : "已撤回"}，修改后保存即重新提交审核。` : "填写报名表并上传一寸彩色照片，点击【保存】提交审核。"}
    />
  );
  if (closed) {
    return (
      <>
        {header}
        <Alert variant="destructive" className="mb-4">
          <AlertTitle>{plan.name}</AlertTitle>
          <AlertDescription>{closed}</AlertDescription>
        </Alert>
        <Button asChild variant="outline">
          <Link href={`${basePath}/registrations`}>返回考试报名</Link>
        </Button>
      </>
    );
  }

  return (
    <>
      {header}
      {existing?.status === "rejected" && existing.rejectReason ? (
        <Alert variant="destructive" className="mb-6">
          <AlertTitle>未通过原因</AlertTitle>
          <AlertDescription>{existing.rejectReason}</AlertDescription>
        </Alert>
      ) : null}
      <PlanNotes notes={plan.notes} />
      <RegistrationForm
        lookupEmployer={lookupEmployer}
        person={formPerson(person)}
        plan={formPlan(plan)}
        initial={{
          employerName: existing?.employerName ?? person.employerName ?? "",
          employerCode: formatOrgIdentifier(existing?.employerCode),
          workStartDate: existing?.workStartDate ?? person.workStartDate ?? "",
          yearsOfWork: existing?.yearsOfWork ?? "",
          resume: existing?.resume ?? [],
          employerOpinion: existing?.employerOpinion ?? "",
          photoFileId: existing?.photoFileId ?? person.photoFileId ?? "",
        }}
        action={submitAction}
        successPath={`${basePath}/registrations/:id?saved=1`}
        cancelHref={`${basePath}/registrations`}
      />
    </>
  );
}
