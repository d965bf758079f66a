import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";

/**
 * Reserves `count` consecutive numbers in a scope and returns the first. Row-locked, so concurrent callers
 * (on any instance) never get the same number; inside a transaction the numbers roll back with it.
 */
export async function reserveSerials(db: DbOrTx, scope: string, count = 1): Promise<number> {
  const rows = await db.execute<{ last: string }>(sql`
    insert into serials (scope, last) values (${scope}, ${count})
    on conflict (scope) do update set last = serials.last + ${count}, updated_at = now()
    returning last`);
  return Number(rows[0].last) - count + 1;
}

export const pad = (n: number, width: number) => String(n).padStart(width, "0");
