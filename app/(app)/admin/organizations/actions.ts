"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { defineAction } from "@/lib/actions";
import { clientIp } from "@/lib/request-context";
import { createOrganization, createOrgAccount, setOrganizationStatus, updateOrganization } from "@/lib/services/admin/organizations";
import {
  createAccountSchema,
  organizationSchema,
  organizationStatusSchema,
  updateOrganizationSchema,
} from "@/lib/validations/admin/organization";

function refresh(id?: number) {
  revalidatePath("/admin/organizations");
  revalidatePath("/admin/accounts");
  if (id) revalidatePath(`/admin/organizations/${id}`);
}

export const createOrganizationAction = defineAction({ roles: ["admin"], schema: organizationSchema }, async (input, user) => {
  const id = await createOrganization(db, user, input, await clientIp());
  refresh();
  return { data: { id }, message: "机构已登记" };
});
export const updateOrganizationAction = defineAction({ roles: ["admin"], schema: updateOrganizationSchema }, async ({ id, values }, user) => {
  await updateOrganization(db, user, id, values, await clientIp());
  refresh(id);
  return { data: { id }, message: "修改保存成功" };
});
export const organizationStatusAction = defineAction({ roles: ["admin"], schema: organizationStatusSchema }, async ({ id, status: s }, user) => {
  const n = await setOrganizationStatus(db, user, id, s, await clientIp());
  refresh(id);
  return { data: null, message: s === "disabled" ? `机构已停用，其 ${n} 个账号同时停用` : "机构已启用；如需登录，请在下方启用其账号" };
});
export const createAccountAction = defineAction({ roles: ["admin"], schema: createAccountSchema }, async (input, user) => {
  const id = await createOrgAccount(db, user, input, await clientIp());
  refresh(input.organizationId);
  return { data: { id }, message: `账号 ${input.username} 已创建` };
});
