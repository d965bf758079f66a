import type { Sql } from "postgres";
import type { Db as BossDb } from "pg-boss";

/**
 * pg-boss on the app's own postgres.js client (one pool, one set of credentials). Parameterised statements
 * run on the pool. pg-boss's parameterless scripts hold several statements inside BEGIN … COMMIT, which
 * postgres.js refuses on a pooled connection, so they run on a reserved connection with the simple protocol,
 * and pg-boss gets the rows of every statement (it looks for a lock row that is not the last statement's).
 */
export function postgresJsAdapter(sql: Sql): BossDb {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length > 0) {
        const rows = await sql.unsafe(text, values.map(toParam) as never[]);
        return { rows: [...rows] };
      }
      const reserved = await sql.reserve();
      try {
        const result = (await reserved.unsafe(text).simple()) as unknown;
        // One statement: an array of rows; several: one array of rows per statement.
        const isMulti = Array.isArray(result) && result.length > 0 && result.every((r) => Array.isArray(r));
        if (isMulti) return (result as unknown[][]).map((rows) => ({ rows: [...rows] })) as unknown as { rows: unknown[] };
        return { rows: Array.isArray(result) ? [...result] : [] };
      } finally {
        reserved.release();
      }
    },
  };
}

/** Parameters as node-postgres would send them (pg-boss is written against it): dates as ISO text, objects as JSON. */
function toParam(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === "object" && !Array.isArray(v) && !Buffer.isBuffer(v)) return JSON.stringify(v);
  return v;
}
