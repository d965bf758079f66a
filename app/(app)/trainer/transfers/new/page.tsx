import { applyForTransferInAction, lookupTransferPersonAction } from "@/app/(app)/_shared/transfer-actions";
import { TransferFormPage } from "@/components/certificate-services/transfer-form-page";
import { requireRole } from "@/lib/auth/guards";

export const metadata = { title: "证书进京申请表" };

export default async function Page() {
  const user = await requireRole("trainer");
  return <TransferFormPage user={user} basePath="/trainer/transfers" save={applyForTransferInAction} lookup={lookupTransferPersonAction} />;
}
