import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { ActionError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/roles";
import type { ChangePasswordInput } from "@/lib/validations/account";

/** Changes the signed-in account's password and ends its other sessions (by bumping the session version). */
export async function changePassword(db: Db, user: SessionUser, input: ChangePasswordInput, ip: string | null) {
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id)).limit(1);
  if (!(await verifyPassword(row?.hash, input.currentPassword))) {
    throw new ActionError("原密码不正确", { currentPassword: ["原密码不正确"] });
  }
  const hash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash: hash, passwordChangedAt: new Date(), sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, user.id));
    await writeAudit(tx, { actor: user, ip, action: "account.password_changed", entityType: "user", entityId: user.id, summary: `${user.displayName} 修改了登录密码` });
  });
}
