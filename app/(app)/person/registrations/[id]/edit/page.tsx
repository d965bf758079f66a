import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { RegistrationForm } from "@/components/registration/registration-form";
import { lookupOrganizationAction } from "@/app/(app)/_shared/lookup-actions";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { getRegistration } from "@/lib/queries/registrations";
import { updateRegistrationAction } from "../../actions";
import { formPerson, formPlan } from "../../_lib";
import { formatOrgIdentifier } from "@/lib/identity/org-code";
import { REGISTRATION_STATUS_LABELS } from "@/lib/domain/statuses";
import { canEdit, isSubmitter } from "@/lib/domain/rules";

export const metadata = { title: "修改报名" };

export default async function EditRegistrationPage(props: { params: Promise<{ id: string }> }) {
  const user = await requireRole("person");
  const r = await getRegistration(db, user, Number((await props.params).id));
  if (!r) notFound();
  if (!canEdit(user, r)) {
    return (
      <>
        <PageHeader title="修改报名" />
        <Alert variant="destructive" className="mb-4">
          <AlertDescription>
            {!isSubmitter(user, r)
              ? "本报名由工作单位或培训机构代为提交，只能由提交方修改。"
              : `报名当前状态为“${REGISTRATION_STATUS_LABELS[r.status]}”，只有待审核的报名可以修改。`}
          </AlertDescription>
        </Alert>
        <Button asChild variant="outline">
          <Link href={`/person/registrations/${r.id}`}>返回报名详细</Link>
        </Button>
      </>
    );
  }
  return (
    <>
      <PageHeader title="修改报名" description={`报名号 ${r.registrationNo}，审核前可以修改。`} />
      <RegistrationForm
        lookupEmployer={lookupOrganizationAction}
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
        action={updateRegistrationAction}
        successPath="/person/registrations/:id?saved=edit"
        cancelHref={`/person/registrations/${r.id}`}
      />
    </>
  );
}
