import { lookupOrganizationAction } from "@/app/(app)/_shared/lookup-actions";
import { lookupPersonAction, registrationStageAction, submitOrgRegistrationAction } from "@/app/(app)/_shared/org-registration-actions";
import { OrgNewRegistrationPage } from "@/components/registration/org-new-registration-page";
import { requireRole } from "@/lib/auth/guards";

export const metadata = { title: "我要报名" };

export default async function NewRegistrationPage(props: { searchParams: Promise<{ planId?: string }> }) {
  const user = await requireRole("trainer");
  const planId = Number((await props.searchParams).planId);
  return (
    <OrgNewRegistrationPage
      user={user}
      basePath="/trainer"
      planId={planId}
      actions={{ lookup: lookupPersonAction, stage: registrationStageAction, submit: submitOrgRegistrationAction, lookupEmployer: lookupOrganizationAction }}
    />
  );
}
