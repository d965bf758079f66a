"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { defineAction } from "@/lib/actions";
import { clientIp } from "@/lib/request-context";
import { applyForTransferIn, deleteTransferIn, lookupTransferPerson } from "@/lib/services/certificate-applications/transfer-in";
import { applicationIdSchema } from "@/lib/validations/certificate-applications";
import { transferInFormSchema, transferLookupSchema } from "@/lib/validations/certificate-service-forms";

/** Leaving the ID number field of the 新建申请表: a known person's data, or what the number itself says. */
export const lookupTransferPersonAction = defineAction({ roles: ["person", "trainer"], schema: transferLookupSchema }, async ({ idType, idNumber }, user) =>
  lookupTransferPerson(db, user, idType, idNumber),
);

/** 新建申请表 → 保存 (证书进京). */
export const applyForTransferInAction = defineAction({ roles: ["person", "trainer"], schema: transferInFormSchema }, async ({ scans, ...input }, user) => {
  const uploads = await Promise.all(scans.map(async (f) => ({ data: Buffer.from(await f.arrayBuffer()), name: f.name })));
  const r = await applyForTransferIn(db, user, { ...input, scans: uploads }, { ip: await clientIp() });
  revalidatePath(`/${user.role}/transfers`);
  return { data: r, message: "申请成功" };
});

/** 删除, after the confirmation, while the application is still 已申请. */
export const deleteTransferInAction = defineAction({ roles: ["person", "trainer"], schema: applicationIdSchema }, async ({ applicationId }, user) => {
  await deleteTransferIn(db, user, applicationId, { ip: await clientIp() });
  revalidatePath(`/${user.role}/transfers`);
  return { data: null, message: "申请已删除" };
});
