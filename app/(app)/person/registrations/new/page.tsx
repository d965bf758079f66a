import { lookupOrganizationAction } from "@/app/(app)/_shared/lookup-actions";
import { PersonNewRegistrationPage } from "@/components/registration/person-new-registration-page";
import { requireRole } from "@/lib/auth/guards";
import { submitRegistrationAction } from "../actions";

export const metadata = { title: "我要报名" };

export default async function NewRegistrationPage(props: { searchParams: Promise<{ planId?: string }> }) {
  const user = await requireRole("person");
  const planId = Number((await props.searchParams).planId);
  return <PersonNewRegistrationPage user={user} basePath="/person" planId={planId} submitAction={submitRegistrationAction} lookupEmployer={lookupOrganizationAction} />;
}
