import { lookupOrganizationAction } from "@/app/(app)/_shared/lookup-actions";
import { RegistrationEditPage } from "@/components/registration/registration-edit-page";
import { requireRole } from "@/lib/auth/guards";
import { updateRegistrationAction } from "../../actions";

export const metadata = { title: "修改报名" };

export default async function EditRegistrationPage(props: { params: Promise<{ id: string }> }) {
  const user = await requireRole("person");
  return <RegistrationEditPage user={user} basePath="/person" id={Number((await props.params).id)} updateAction={updateRegistrationAction} lookupEmployer={lookupOrganizationAction} />;
}
