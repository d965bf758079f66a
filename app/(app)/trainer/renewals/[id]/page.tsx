import { ApplicationDetail } from "@/components/certificate-services/application-detail";
import { requireRole } from "@/lib/auth/guards";

export const metadata = { title: "证书续期申请" };

export default async function Page(props: { params: Promise<{ id: string }> }) {
  const user = await requireRole("trainer");
  return <ApplicationDetail user={user} id={Number((await props.params).id)} basePath="/trainer/renewals" />;
}
