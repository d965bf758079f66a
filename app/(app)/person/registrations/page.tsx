import { RegistrationsPage as Registrations, type RegistrationsSearch } from "@/components/registration/registrations-page";
import { requireRole } from "@/lib/auth/guards";
import { withdrawRegistrationAction } from "./actions";

export const metadata = { title: "考试报名" };

export default async function RegistrationsPage(props: { searchParams: Promise<RegistrationsSearch> }) {
  const user = await requireRole("person");
  return <Registrations user={user} basePath="/person" search={await props.searchParams} withdrawAction={withdrawRegistrationAction} />;
}
