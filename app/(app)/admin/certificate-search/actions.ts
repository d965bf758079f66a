"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { defineAction } from "@/lib/actions";
import { clientIp } from "@/lib/request-context";
import { reinstateCertificate, revokeCertificate } from "@/lib/services/certificate-applications/review";
import { reinstateSchema, revokeSchema } from "@/lib/validations/certificate-applications";

export const revokeCertificateAction = defineAction({ roles: ["admin"], schema: revokeSchema }, async ({ certificateId, reasonClass, reason }, user) => {
  await revokeCertificate(db, user, certificateId, { reasonClass, reason }, { ip: await clientIp() });
  revalidatePath("/admin/certificate-search", "layout");
  return { data: { certificateId }, message: "证书已注销，核验页面即时显示已注销" };
});

export const reinstateCertificateAction = defineAction({ roles: ["admin"], schema: reinstateSchema }, async ({ certificateId, reason }, user) => {
  await reinstateCertificate(db, user, certificateId, reason, { ip: await clientIp() });
  revalidatePath("/admin/certificate-search", "layout");
  return { data: { certificateId }, message: "证书已恢复有效" };
});
