import { applyForRenewalAction } from "@/app/(app)/_shared/renewal-actions";
import { RenewalsPage } from "@/components/certificate-services/renewals-page";
import { requireRole } from "@/lib/auth/guards";

export const metadata = { title: "申请证书续期" };

export default async function Page(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("person");
  return <RenewalsPage user={user} basePath="/person/renewals" searchParams={await props.searchParams} renew={applyForRenewalAction} />;
}
