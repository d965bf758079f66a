"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { defineAction } from "@/lib/actions";
import { clientIp } from "@/lib/request-context";
import { markPaid } from "@/lib/services/admin/payments";
import { approveRegistrations, rejectRegistrations } from "@/lib/services/admin/review";
import { approveSchema, markPaidSchema, rejectSchema } from "@/lib/validations/admin/review";

function refresh() {
  revalidatePath("/admin/registrations");
  revalidatePath("/admin/payments");
  revalidatePath("/admin");
}

export const approveAction = defineAction({ roles: ["admin"], schema: approveSchema }, async ({ ids }, user) => {
  const { approved, withoutPhoto } = await approveRegistrations(db, user, ids, await clientIp());
  refresh();
  const warning = withoutPhoto > 0 ? `。注意：其中 ${withoutPhoto} 条没有一寸照片，准考证和证书上将没有照片，请联系报名人补传` : "";
  return { data: { count: approved, withoutPhoto }, message: `已审核通过 ${approved} 条报名，缴费通知已发送${warning}` };
});

export const rejectAction = defineAction({ roles: ["admin"], schema: rejectSchema }, async ({ ids, reason }, user) => {
  const n = await rejectRegistrations(db, user, ids, reason, await clientIp());
  refresh();
  return { data: { count: n }, message: `已审核不通过 ${n} 条报名，原因已通知报名人` };
});

export const markPaidAction = defineAction({ roles: ["admin"], schema: markPaidSchema }, async ({ ids, paymentRef }, user) => {
  const n = await markPaid(db, user, ids, paymentRef, await clientIp());
  refresh();
  return { data: { count: n }, message: `已登记缴费 ${n} 条` };
});
