import { withdrawOrgRegistrationAction } from "@/app/(app)/_shared/org-registration-actions";
import { RegistrationsPage as Registrations, type RegistrationsSearch } from "@/components/registration/registrations-page";
import { requireRole } from "@/lib/auth/guards";

export const metadata = { title: "考试报名" };

export default async function RegistrationsPage(props: { searchParams: Promise<RegistrationsSearch> }) {
  const user = await requireRole("enterprise");
  return <Registrations user={user} basePath="/enterprise" search={await props.searchParams} withdrawAction={withdrawOrgRegistrationAction} />;
}
