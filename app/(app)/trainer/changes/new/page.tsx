import { applyForChangeAction } from "@/app/(app)/_shared/change-actions";
import { lookupOrganizationAction } from "@/app/(app)/_shared/lookup-actions";
import { ChangeFormPage } from "@/components/certificate-services/change-form-page";
import { requireRole } from "@/lib/auth/guards";

export const metadata = { title: "证书变更申请表" };

export default async function Page(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("trainer");
  return <ChangeFormPage user={user} basePath="/trainer/changes" searchParams={await props.searchParams} save={applyForChangeAction} lookup={lookupOrganizationAction} />;
}
