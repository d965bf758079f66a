"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { ActionError, defineAction } from "@/lib/actions";
import { clientIp } from "@/lib/request-context";
import { applyForRenewal } from "@/lib/services/certificate-applications/renewal";
import { renewalApplySchema } from "@/lib/validations/certificate-applications";

/**
 * 申请证书续期 → 申请, for a person, an enterprise or a training institution: the ticked certificates share one
 * 申请批号; those refused come back with a reason each. When none passes, nothing was applied: an error.
 */
export const applyForRenewalAction = defineAction({ roles: ["person", "enterprise", "trainer"], schema: renewalApplySchema }, async ({ certificateIds }, user) => {
  const r = await applyForRenewal(db, user, certificateIds, { ip: await clientIp() });
  if (!r.batchNo) throw new ActionError(`申请未成功：${r.refused.map((x) => (x.certificateNo ? `${x.certificateNo} ${x.reason}` : x.reason)).join("；")}`);
  revalidatePath(`/${user.role}/renewals`);
  return { data: r, message: `申请成功，申请批号为 ${r.batchNo}` };
});
