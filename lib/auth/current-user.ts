import "server-only";
import { eq, sql } from "drizzle-orm";
import { cache } from "react";
import { auth } from "@/auth";
import { db } from "@/db";
import { perClient } from "@/db/prepared";
import { users } from "@/db/schema";
import type { SessionUser } from "./roles";

// Read on every signed-in request: prepared once (db/prepared.ts).
const userById = perClient((d) =>
  d
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
    .where(eq(users.id, sql.placeholder("id")))
    .limit(1)
    .prepare("current_user"),
);

/**
 * The signed-in user, re-read from the database once per request: a disabled account, or a session older
 * than the last password change, is treated as signed out at once.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const uid = Number(session?.user?.id);
  if (!uid) return null;
  const [u] = await userById(db).execute({ id: uid });
  if (!u || u.status !== "active") return null;
  const tokenVersion = session?.sv;
  if (tokenVersion !== undefined && tokenVersion !== u.sessionVersion) return null;
  const { status: _s, sessionVersion: _v, ...user } = u;
  void _s; void _v;
  return user;
});
