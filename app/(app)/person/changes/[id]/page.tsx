import { ApplicationDetail } from "@/components/certificate-services/application-detail";
import { requireRole } from "@/lib/auth/guards";

export const metadata = { title: "证书变更申请" };

export default async function Page(props: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const user = await requireRole("person");
  const created = (await props.searchParams).created === "1";
  return <ApplicationDetail user={user} id={Number((await props.params).id)} basePath="/person/changes" created={created} />;
}
