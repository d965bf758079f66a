import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import { ActionError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/roles";
import type { ChangePasswordInput } from "@/lib/validations/account";

const renewalHash = (value: string) => createHash("sha256").update(value).digest("base64url");

/**
 * Ends every session of the account (bumps the session version) and returns a single-use value with which the
 * server itself lets the current session adopt the new version (see redeemSessionRenewal).
 */
export async function issueSessionRenewal(tx: DbOrTx, userId: number): Promise<string> {
  const value = randomBytes(32).toString("base64url");
  await tx
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1`, sessionRenewal: renewalHash(value) })
    .where(eq(users.id, userId));
  return value;
}

/** Spends a renewal value: the new session version when it matches (once), otherwise null. */
export async function redeemSessionRenewal(db: DbOrTx, userId: number, value: string): Promise<number | null> {
  const [row] = await db
    .update(users)
    .set({ sessionRenewal: null })
    .where(and(eq(users.id, userId), eq(users.sessionRenewal, renewalHash(value)), eq(users.status, "active")))
    .returning({ sv: users.sessionVersion });
  return row?.sv ?? null;
}

/**
 * Changes the signed-in account's password and ends its other sessions (by bumping the session version).
 * Returns the value that lets the calling session keep going (pass it to unstable_update as `renew`).
 */
export async function changePassword(db: Db, user: SessionUser, input: ChangePasswordInput, ip: string | null): Promise<string> {
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id)).limit(1);
  if (!(await verifyPassword(row?.hash, input.currentPassword))) {
    throw new ActionError("原密码不正确", { currentPassword: ["原密码不正确"] });
  }
  const hash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash: hash, passwordChangedAt: new Date() }).where(eq(users.id, user.id));
    const renewal = await issueSessionRenewal(tx, user.id);
    await writeAudit(tx, { actor: user, ip, action: "account.password_changed", entityType: "user", entityId: user.id, summary: `${user.displayName} 修改了登录密码` });
    return renewal;
  });
}
