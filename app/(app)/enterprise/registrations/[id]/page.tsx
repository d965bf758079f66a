import { withdrawOrgRegistrationAction } from "@/app/(app)/_shared/org-registration-actions";
import { RegistrationDetailPage } from "@/components/registration/registration-detail-page";
import { requireRole } from "@/lib/auth/guards";

export const metadata = { title: "报名详细" };

export default async function RegistrationPage(props: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const user = await requireRole("enterprise");
  const [{ id }, { saved }] = await Promise.all([props.params, props.searchParams]);
  return <RegistrationDetailPage user={user} basePath="/enterprise" id={Number(id)} saved={saved} withdrawAction={withdrawOrgRegistrationAction} />;
}
