import {
  batchProgressAction,
  confirmBatchAction,
  deleteAllRegistrationsAction,
  deleteRegistrationAction,
  removeBatchPhotoAction,
  uploadBatchAction,
  uploadBatchPhotosAction,
} from "@/app/(app)/_shared/org-registration-actions";
import { BatchRegistrationPage } from "@/components/registration/batch-registration-page";
import { requireRole } from "@/lib/auth/guards";

export const metadata = { title: "批量报名" };

export default async function BatchPage(props: { searchParams: Promise<{ planId?: string; batchId?: string; page?: string }> }) {
  const user = await requireRole("enterprise");
  const sp = await props.searchParams;
  return (
    <BatchRegistrationPage
      user={user}
      basePath="/enterprise"
      planId={Number(sp.planId)}
      batchId={Number(sp.batchId)}
      page={Math.max(1, Number(sp.page) || 1)}
      actions={{
        upload: uploadBatchAction,
        progress: batchProgressAction,
        uploadPhotos: uploadBatchPhotosAction,
        removePhoto: removeBatchPhotoAction,
        confirm: confirmBatchAction,
        deleteAll: deleteAllRegistrationsAction,
        deleteOne: deleteRegistrationAction,
      }}
    />
  );
}
