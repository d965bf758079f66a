import type { Db } from "./client";

/**
 * A statement built and prepared once per database client, for the few that run on every request of a hot path
 * (a registration, the signed-in user). Drizzle otherwise builds the SQL text anew on each call and sends it
 * unnamed, and postgres.js then needs two round trips for an unnamed statement with parameters (Parse and
 * Describe to learn the parameters' types, then Bind and Execute), while the server parses and plans it each
 * time. Prepared, it is one round trip (Bind and Execute), planned once per connection. Only for statements
 * whose plan does not depend on the values (key lookups and inserts): PostgreSQL may settle on a generic plan.
 * Keyed by the postgres.js client, so tests that point the app at their own database get their own statements.
 */
export function perClient<T>(make: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<object, T>();
  return (db) => {
    let q = made.get(db.$client);
    if (q === undefined) {
      q = make(db);
      made.set(db.$client, q);
    }
    return q;
  };
}

/**
 * Raw SQL as a prepared statement on the client under `db`: one round trip once the connection has seen it.
 * Values are passed as postgres.js sends them (text; a Date or an array is not converted as Drizzle would):
 * pass strings, numbers, booleans and null only, with a cast in the SQL where the type is not obvious.
 */
export function preparedQuery<T extends Record<string, unknown>>(db: Db, text: string, params: (string | number | boolean | null)[]) {
  return db.$client.unsafe<T[]>(text, params, { prepare: true });
}
