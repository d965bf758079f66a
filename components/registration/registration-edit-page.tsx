import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { RegistrationForm, type RegistrationFormProps } from "@/components/registration/registration-form";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { db } from "@/db";
import type { SessionUser } from "@/lib/auth/roles";
import { getRegistration } from "@/lib/queries/registrations";
import { formatOrgIdentifier } from "@/lib/identity/org-code";
import { REGISTRATION_STATUS_LABELS } from "@/lib/domain/statuses";
import { canEdit, isSubmitter } from "@/lib/domain/rules";
import { formPerson, formPlan } from "./form-props";

/** 修改 a registration waiting for review, for its submitter in any registering role. */
export async function RegistrationEditPage({
  user,
  basePath,
  id,
  updateAction,
  lookupEmployer,
}: {
  user: SessionUser;
  basePath: string;
  id: number;
  updateAction: RegistrationFormProps["action"];
  lookupEmployer: RegistrationFormProps["lookupEmployer"];
}) {
  const r = await getRegistration(db, user, id);
  if (!r) notFound();
  const detail = `${basePath}/registrations/${r.id}`;
  if (!canEdit(user, r)) {
    return (
      <>
        <PageHeader title="修改报名" />
        <Alert variant="destructive" className="mb-4">
          <AlertDescription>
            {!isSubmitter(user, r)
              ? user.role === "person"
                ? "本报名由工作单位或培训机构代为提交，只能由提交方修改。"
                : "本报名不是本单位提交的，只能由提交方修改。"
              : `报名当前状态为“${REGISTRATION_STATUS_LABELS[r.status]}”，只有待审核的报名可以修改。`}
          </AlertDescription>
        </Alert>
        <Button asChild variant="outline">
          <Link href={detail}>返回报名详细</Link>
        </Button>
      </>
    );
  }
  return (
    <>
      <PageHeader title="修改报名" description={`${user.role === "person" ? "" : `${r.personName}，`}报名号 ${r.registrationNo}，审核前可以修改。`} />
      <RegistrationForm
        lookupEmployer={lookupEmployer}
        person={formPerson({ id: r.personId, name: r.personName, idType: r.idType, idNumber: r.idNumber, gender: r.gender })}
        plan={formPlan({ ...r, id: r.planId, name: r.planName })}
        registrationId={r.id}
        initial={{
          employerName: r.employerName,
          employerCode: formatOrgIdentifier(r.employerCode),
          workStartDate: r.workStartDate,
          yearsOfWork: r.yearsOfWork,
          resume: r.resume,
          employerOpinion: r.employerOpinion,
          photoFileId: r.photoFileId ?? "",
        }}
        action={updateAction}
        successPath={`${basePath}/registrations/:id?saved=edit`}
        cancelHref={detail}
      />
    </>
  );
}
