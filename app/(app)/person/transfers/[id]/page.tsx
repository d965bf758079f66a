import { deleteTransferInAction } from "@/app/(app)/_shared/transfer-actions";
import { ApplicationDetail } from "@/components/certificate-services/application-detail";
import { requireRole } from "@/lib/auth/guards";

export const metadata = { title: "证书进京申请表" };

export default async function Page(props: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const user = await requireRole("person");
  const created = (await props.searchParams).created === "1";
  return <ApplicationDetail user={user} id={Number((await props.params).id)} basePath="/person/transfers" created={created} deleteAction={deleteTransferInAction} />;
}
