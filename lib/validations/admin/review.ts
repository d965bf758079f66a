import { z } from "zod";
import { idList } from "./common";

export const approveSchema = z.object({ ids: idList(1000, "请至少勾选一条报名记录") });

export const rejectSchema = z.object({
  ids: idList(1000, "请至少勾选一条报名记录"),
  reason: z.string().trim().min(1, { error: "请填写不通过的原因", abort: true }).min(2, "不通过的原因至少2个字").max(200, "不通过的原因不能超过200个字"),
});

export const markPaidSchema = z.object({
  ids: idList(1000, "请至少勾选一条报名记录"),
  paymentRef: z.string().trim().max(60, "缴费凭证号不能超过60个字").optional().default(""),
});
