import "server-only";
import { eq } from "drizzle-orm";
import { cache } from "react";
import { auth } from "@/auth";
import { db } from "@/db";
import { users } from "@/db/schema";
import type { SessionUser } from "./roles";

/**
 * The signed-in user, re-read from the database once per request: a disabled account, or a session older
 * than the last password change, is treated as signed out at once.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const uid = Number(session?.user?.id);
  if (!uid) return null;
  const [u] = await db
    .select({
      id: users.id,
      username: users.username,
      role: users.role,
      displayName: users.displayName,
      personId: users.personId,
      organizationId: users.organizationId,
      status: users.status,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.id, uid))
    .limit(1);
  if (!u || u.status !== "active") return null;
  const tokenVersion = session?.sv;
  if (tokenVersion !== undefined && tokenVersion !== u.sessionVersion) return null;
  const { status: _s, sessionVersion: _v, ...user } = u;
  void _s; void _v;
  return user;
});
