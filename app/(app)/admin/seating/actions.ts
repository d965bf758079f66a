"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db";
import { defineAction } from "@/lib/actions";
import { clientIp } from "@/lib/request-context";
import { arrangeSeats } from "@/lib/services/admin/seating";
import { idField } from "@/lib/validations/admin/common";

const schema = z.object({
  planId: idField,
  includePrinted: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()).optional().default(false),
});

/** 考场编排 of one plan. */
export const arrangeAction = defineAction({ roles: ["admin"], schema }, async ({ planId, includePrinted }, user) => {
  const r = await arrangeSeats(db, user, planId, { includePrinted }, await clientIp());
  revalidatePath(`/admin/seating/${planId}`);
  revalidatePath(`/admin/plans/${planId}`);
  revalidatePath("/admin/seating");
  const kept = r.kept > 0 ? `，保留已打印准考证的 ${r.kept} 人` : "";
  return { data: r, message: `编排完成：共 ${r.seated} 人${kept}，本次安排 ${r.placed} 人，剩余空座 ${r.freeSeats} 个` };
});
