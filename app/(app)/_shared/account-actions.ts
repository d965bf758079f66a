"use server";

import { unstable_update } from "@/auth";
import { db } from "@/db";
import { defineAction } from "@/lib/actions";
import { clientIp } from "@/lib/request-context";
import { changePassword } from "@/lib/services/account";
import { changePasswordSchema } from "@/lib/validations/account";

const run = defineAction(
  { roles: ["person", "enterprise", "trainer", "admin"], schema: changePasswordSchema },
  async (input, user) => {
    await changePassword(db, user, input, await clientIp());
    // Keep this session: it adopts the new session version; every other session of the account ends.
    await unstable_update({});
    return { data: null, message: "密码修改成功，其他设备上的登录已退出" };
  },
);

export async function changePasswordAction(input: Parameters<typeof run>[0]) {
  return run(input);
}
