import "server-only";
import { and, count, desc, eq, inArray, isNull, or, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { notifications } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/roles";

/** The messages addressed to this account: its person or organisation, or the account itself. */
export function inboxOf(user: SessionUser): SQL {
  const mine = [eq(notifications.userId, user.id)];
  if (user.personId) mine.push(eq(notifications.personId, user.personId));
  if (user.organizationId) mine.push(eq(notifications.organizationId, user.organizationId));
  return or(...mine)!;
}

export async function unreadCount(user: SessionUser) {
  const [{ n }] = await db.select({ n: count() }).from(notifications).where(and(inboxOf(user), isNull(notifications.readAt)));
  return n;
}

export async function listNotifications(user: SessionUser, page: number, pageSize = 20) {
  const where = inboxOf(user);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        title: notifications.title,
        body: notifications.body,
        link: notifications.link,
        readAt: notifications.readAt,
        createdAt: notifications.createdAt,
      })
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(notifications).where(where),
  ]);
  return { rows, total };
}

/** Marks messages read; ids that are not in this account's inbox are ignored. */
export async function markNotificationsRead(user: SessionUser, ids: number[] | "all") {
  const where = ids === "all" ? inboxOf(user) : and(inboxOf(user), inArray(notifications.id, ids));
  await db.update(notifications).set({ readAt: new Date() }).where(and(where, isNull(notifications.readAt)));
}
