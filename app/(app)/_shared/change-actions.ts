"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { ActionError, defineAction } from "@/lib/actions";
import { clientIp } from "@/lib/request-context";
import { applyForChange } from "@/lib/services/certificate-applications/change";
import { changeItemsSchema, changeScans } from "@/lib/validations/certificate-service-forms";

/**
 * 证书变更申请表 → 保存: one certificate (a person) or several people at once (an enterprise or a training
 * institution). Only the changed fields arrive; a single form's field errors come back keyed `items.0.<field>`.
 */
export const applyForChangeAction = defineAction({ roles: ["person", "enterprise", "trainer"], schema: changeItemsSchema }, async (input, user) => {
  const items = await Promise.all(
    input.items.map(async ({ certificateId, ...after }, i) => ({
      certificateId,
      after,
      scans: await Promise.all(changeScans(input, i).map(async (f) => ({ data: Buffer.from(await f.arrayBuffer()), name: f.name }))),
    })),
  );
  try {
    const r = await applyForChange(db, user, items, { ip: await clientIp() });
    if (!r.batchNo) throw new ActionError(`申请未成功：${r.refused.map((x) => (x.certificateNo ? `${x.certificateNo} ${x.reason}` : x.reason)).join("；")}`);
    revalidatePath(`/${user.role}/changes`);
    return { data: r, message: `证书变更申请成功，申请批号为 ${r.batchNo}` };
  } catch (e) {
    if (e instanceof ActionError && e.fieldErrors) {
      throw new ActionError(e.message, Object.fromEntries(Object.entries(e.fieldErrors).map(([k, v]) => [`items.0.${k}`, v])));
    }
    throw e;
  }
});
