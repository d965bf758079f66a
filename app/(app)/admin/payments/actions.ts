"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db";
import { defineAction } from "@/lib/actions";
import { clientIp } from "@/lib/request-context";
import { importPayments } from "@/lib/services/admin/payments";
import { idField } from "@/lib/validations/admin/common";
import { uploadedXlsx } from "@/lib/validations/admin/upload";

/** 导入银行对账单: FormData with planId and file. */
export const importPaymentsAction = defineAction({ roles: ["admin"], schema: z.object({ planId: idField, file: uploadedXlsx }) }, async ({ planId, file }, user) => {
  const report = await importPayments(db, user, { planId, data: Buffer.from(await file.arrayBuffer()), fileName: file.name }, await clientIp());
  revalidatePath("/admin/payments");
  revalidatePath("/admin/registrations");
  return {
    data: report,
    message: report.errors.length === 0 ? `导入完成：共 ${report.totalRows} 行，全部登记缴费` : `导入完成：共 ${report.totalRows} 行，登记缴费 ${report.okRows} 行，${report.errors.length} 行未匹配（见下表）`,
  };
});
