"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { defineAction } from "@/lib/actions";
import { clientIp } from "@/lib/request-context";
import { createTrade, setTradeStatus, updateTrade } from "@/lib/services/admin/trades";
import { tradeIdSchema, tradeSchema, updateTradeSchema } from "@/lib/validations/admin/trade";

export const createTradeAction = defineAction({ roles: ["admin"], schema: tradeSchema }, async (input, user) => {
  const id = await createTrade(db, user, input, await clientIp());
  revalidatePath("/admin/trades");
  return { data: { id }, message: "岗位工种已保存" };
});

export const updateTradeAction = defineAction({ roles: ["admin"], schema: updateTradeSchema }, async ({ id, ...values }, user) => {
  await updateTrade(db, user, id, values, await clientIp());
  revalidatePath("/admin/trades");
  return { data: { id }, message: "修改保存成功" };
});

export const retireTradeAction = defineAction({ roles: ["admin"], schema: tradeIdSchema }, async ({ id }, user) => {
  await setTradeStatus(db, user, id, "retired", await clientIp());
  revalidatePath("/admin/trades");
  return { data: null, message: "已停用" };
});

export const restoreTradeAction = defineAction({ roles: ["admin"], schema: tradeIdSchema }, async ({ id }, user) => {
  await setTradeStatus(db, user, id, "active", await clientIp());
  revalidatePath("/admin/trades");
  return { data: null, message: "已恢复使用" };
});
