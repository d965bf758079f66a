import { lookupOrganizationAction } from "@/app/(app)/_shared/lookup-actions";
import { updateOrgRegistrationAction } from "@/app/(app)/_shared/org-registration-actions";
import { RegistrationEditPage } from "@/components/registration/registration-edit-page";
import { requireRole } from "@/lib/auth/guards";

export const metadata = { title: "修改报名" };

export default async function EditRegistrationPage(props: { params: Promise<{ id: string }> }) {
  const user = await requireRole("trainer");
  return <RegistrationEditPage user={user} basePath="/trainer" id={Number((await props.params).id)} updateAction={updateOrgRegistrationAction} lookupEmployer={lookupOrganizationAction} />;
}
