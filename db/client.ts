import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

/** Builds a Drizzle client over postgres.js. The app uses the one in db/index.ts; scripts and tests make their own. */
export function createDb(url: string, options: postgres.Options<Record<string, never>> = {}) {
  const client = postgres(url, { max: 10, onnotice: () => {}, ...options });
  return { client, db: drizzle(client, { schema, casing: "snake_case" }) };
}

export type Db = ReturnType<typeof createDb>["db"];
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** A database handle or a transaction: services accept either. */
export type DbOrTx = Db | Tx;
