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

/** The 批量报名 page of an organisation's area: one page for enterprises and training institutions. */
export function batchRegistrationRoute(role: "enterprise" | "trainer") {
  return async function BatchPage(props: { searchParams: Promise<{ planId?: string; batchId?: string; page?: string }> }) {
    const user = await requireRole(role);
    const sp = await props.searchParams;
    return (
      <BatchRegistrationPage
        user={user}
        basePath={`/${role}`}
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
  };
}
