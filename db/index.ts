import "server-only";
import { createDb, type Db } from "./client";
import * as schema from "./schema";

export type { Db, DbOrTx, Tx } from "./client";

// One client per process; `next dev` reloads modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { __kaowuDb?: ReturnType<typeof createDb> };

function instance() {
  if (!globalForDb.__kaowuDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm run dev` or `npm start`.");
    globalForDb.__kaowuDb = createDb(url, { max: Number(process.env.DB_POOL_MAX ?? 10) });
  }
  return globalForDb.__kaowuDb;
}

/** The app's one Drizzle client, created on first use so that `next build` needs no database. */
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const real = instance().db;
    const value = Reflect.get(real, prop, real);
    // $client is postgres.js's client: a function whose properties (unsafe, begin …) a bound copy would lose, and
    // whose identity keys the statements prepared for it (db/prepared.ts).
    return typeof value === "function" && prop !== "$client" ? value.bind(real) : value;
  },
});

/** The postgres.js client under `db`, for the few libraries that speak SQL themselves (the job queue). */
export function sqlClient() {
  return instance().client;
}

/** Lets tests point the app's client at their own database. */
export function setDbForTests(url: string) {
  globalForDb.__kaowuDb = createDb(url, { max: 5 });
}

export { schema };
