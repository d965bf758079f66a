"use server";

import { redirect } from "next/navigation";
import { unstable_update } from "@/auth";
import { db } from "@/db";
import { defineAction } from "@/lib/actions";
import { ROLE_HOME } from "@/lib/auth/roles";
import { clientIp } from "@/lib/request-context";
import { changePassword } from "@/lib/services/account";
import { changePasswordSchema } from "@/lib/validations/account";

const run = defineAction(
  { roles: ["person", "enterprise", "trainer", "admin"], schema: changePasswordSchema },
  async (input, user) => {
    const renew = await changePassword(db, user, input, await clientIp());
    // Keep this session: it adopts the new session version with the single-use value (server to server, never
    // through the browser); every other session of the account ends.
    await unstable_update({ renew });
    return `${ROLE_HOME[user.role]}/account?changed=1`;
  },
);

export async function changePasswordAction(input: Parameters<typeof run>[0]) {
  const result = await run(input);
  // The renewed session cookie re-renders the page, so the success message travels in the URL.
  if (result.ok) redirect(result.data);
  return result;
}
