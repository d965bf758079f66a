import "server-only";
import type { DbOrTx } from "@/db/client";
import { notifications } from "@/db/schema";

type Kind = (typeof notifications.$inferInsert)["kind"];
export type NewMessage = { kind: Kind; title: string; body: string; link?: string };

/**
 * Sends one message to a person and, when someone else submitted on their behalf, to that organisation too.
 * Runs in the caller's transaction. Chunked for large batches.
 */
export async function notifyMany(
  db: DbOrTx,
  items: { personId: number; submitterOrgId?: number | null; message: NewMessage }[],
) {
  const rows: (typeof notifications.$inferInsert)[] = [];
  for (const it of items) {
    rows.push({ personId: it.personId, ...it.message });
    if (it.submitterOrgId) rows.push({ organizationId: it.submitterOrgId, ...it.message });
  }
  for (let i = 0; i < rows.length; i += 5_000) await db.insert(notifications).values(rows.slice(i, i + 5_000));
}
