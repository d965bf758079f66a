import { eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/roles";

const state = globalThis as unknown as { __testUser?: SessionUser | null };

/** Loads an account of the test database and makes it the signed-in user for the next calls. */
export async function actAs(username: string | null): Promise<SessionUser | null> {
  if (username === null) {
    state.__testUser = null;
    return null;
  }
  const [u] = await db
    .select({ id: users.id, username: users.username, role: users.role, displayName: users.displayName, personId: users.personId, organizationId: users.organizationId })
    .from(users)
    .where(eq(sql`lower(${users.username})`, username.toLowerCase()));
  if (!u) throw new Error(`no such test account: ${username}`);
  state.__testUser = u;
  return u;
}
