"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { defineAction } from "@/lib/actions";
import { clientIp } from "@/lib/request-context";
import { resetPassword, setAccountStatus } from "@/lib/services/admin/organizations";
import { accountStatusSchema, resetPasswordSchema } from "@/lib/validations/admin/organization";

export const resetPasswordAction = defineAction({ roles: ["admin"], schema: resetPasswordSchema }, async ({ userId, password }, user) => {
  await resetPassword(db, user, userId, password, await clientIp());
  revalidatePath("/admin/accounts");
  return { data: null, message: "密码已重置，该账号的登录已全部退出" };
});
export const accountStatusAction = defineAction({ roles: ["admin"], schema: accountStatusSchema }, async ({ userId, status: s }, user) => {
  await setAccountStatus(db, user, userId, s, await clientIp());
  revalidatePath("/admin/accounts");
  revalidatePath("/admin/organizations", "layout");
  return { data: null, message: s === "disabled" ? "账号已停用，其登录已立即退出" : "账号已启用" };
});
