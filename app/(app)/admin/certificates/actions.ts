"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db";
import { defineAction } from "@/lib/actions";
import { clientIp } from "@/lib/request-context";
import { issueCertificates } from "@/lib/services/admin/certificates";
import { idField } from "@/lib/validations/admin/common";

/** 发证 to every passer of the plan. */
export const issueAction = defineAction({ roles: ["admin"], schema: z.object({ planId: idField }) }, async ({ planId }, user) => {
  const r = await issueCertificates(db, user, planId, await clientIp());
  revalidatePath(`/admin/certificates/${planId}`);
  revalidatePath("/admin/certificates");
  revalidatePath("/admin");
  return {
    data: r,
    message: r.issued === 0 ? `没有需要发证的合格考生（已发证 ${r.alreadyIssued} 本，不会重复发证）` : `发证完成：${r.issued} 本，证书编号 ${r.firstNo} 至 ${r.lastNo}`,
  };
});
