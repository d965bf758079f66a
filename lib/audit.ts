import "server-only";
import type { DbOrTx } from "@/db/client";
import { auditLogs } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/roles";

export type AuditEntry = {
  actor: Pick<SessionUser, "id" | "displayName" | "role"> | null;
  ip?: string | null;
  action: string;
  entityType?: string;
  entityId?: string | number;
  summary: string;
  before?: unknown;
  after?: unknown;
};

const auditRow = (e: AuditEntry) => ({
  actorUserId: e.actor?.id ?? null,
  actorName: e.actor?.displayName ?? null,
  actorRole: e.actor?.role ?? null,
  ip: e.ip ?? null,
  action: e.action,
  entityType: e.entityType ?? null,
  entityId: e.entityId == null ? null : String(e.entityId),
  summary: e.summary,
  before: e.before ?? null,
  after: e.after ?? null,
});

/** Writes one line of 操作日志. Pass the transaction so the log commits or rolls back with the change. */
export async function writeAudit(db: DbOrTx, e: AuditEntry) {
  await db.insert(auditLogs).values(auditRow(e));
}

/**
 * Many lines of 操作日志 in the caller's transaction (a decision on a whole batch), 1,000 rows per INSERT: ten
 * columns each, well below PostgreSQL's 65,535 bind parameters.
 */
export async function writeAuditMany(db: DbOrTx, entries: AuditEntry[]) {
  const rows = entries.map(auditRow);
  for (let i = 0; i < rows.length; i += 1_000) await db.insert(auditLogs).values(rows.slice(i, i + 1_000));
}
