import { sql } from "drizzle-orm";
import { bigint, check, index, inet, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { organizations, persons, users } from "./accounts";
import { createdAt } from "./common";

/** In-app messages. A message goes to a person, an organisation or one account. */
export const notifications = pgTable(
  "notifications",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    personId: integer().references(() => persons.id, { onDelete: "cascade" }),
    organizationId: integer().references(() => organizations.id, { onDelete: "cascade" }),
    userId: integer().references(() => users.id, { onDelete: "cascade" }),
    kind: text({
      enum: ["payment_notice", "rejected", "ticket_ready", "result_published", "certificate_issued", "application", "certificate_expiry", "system"],
    }).notNull(),
    title: text().notNull(),
    body: text().notNull(),
    link: text(),
    readAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      "notifications_recipient_check",
      sql`num_nonnulls(${t.personId}, ${t.organizationId}, ${t.userId}) = 1`,
    ),
    // Each message has one recipient (the check above), so each index holds only its own recipients' rows: a message
    // costs two index entries instead of four (the daily reminders write up to ~90,000 at once).
    index("notifications_person_idx").on(t.personId, t.createdAt).where(sql`${t.personId} is not null`),
    index("notifications_org_idx").on(t.organizationId, t.createdAt).where(sql`${t.organizationId} is not null`),
    index("notifications_user_idx").on(t.userId, t.createdAt).where(sql`${t.userId} is not null`),
  ],
);

/** 操作日志: who did what, when, from where, with the values before and after. */
export const auditLogs = pgTable(
  "audit_logs",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: integer().references(() => users.id, { onDelete: "set null" }),
    actorName: text(),
    actorRole: text(),
    ip: inet(),
    action: text().notNull(),
    entityType: text(),
    entityId: text(),
    summary: text().notNull(),
    before: jsonb(),
    after: jsonb(),
  },
  (t) => [
    index("audit_logs_at_idx").on(t.at),
    index("audit_logs_action_idx").on(t.action, t.at),
    index("audit_logs_entity_idx").on(t.entityType, t.entityId),
    index("audit_logs_actor_idx").on(t.actorUserId, t.at),
  ],
);

/** Per-scope counters for human-readable numbers (registration, ticket, certificate, batch). */
export const serials = pgTable("serials", {
  scope: text().primaryKey(),
  last: bigint({ mode: "number" }).notNull(),
  updatedAt: createdAt(),
});

export type Notification = typeof notifications.$inferSelect;
export type AuditLog = typeof auditLogs.$inferSelect;
