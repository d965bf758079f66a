import { z } from "zod";
import { idList } from "./common";

export const approveSchema = z.object({ ids: idList(1000) });

export const rejectSchema = z.object({
  ids: idList(1000),
  reason: z.string().trim().min(2, "请填写不通过的原因").max(200, "原因不能超过200个字"),
});

export const markPaidSchema = z.object({
  ids: idList(1000),
  paymentRef: z.string().trim().max(60, "缴费凭证号不能超过60个字").optional().default(""),
});
