/**
 * Finds the PostgreSQL server the tests use: TEST_DATABASE_URL's server when given (CI), otherwise an
 * embedded PostgreSQL started for this run. Every test file gets its own database cloned from a template
 * that is migrated and seeded once per run.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery<T>(serverUrl: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(withDatabase(serverUrl, "postgres"), { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

export async function createDatabaseFrom(serverUrl: string, template: string, name: string) {
  await adminQuery(serverUrl, async (sql) => {
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
    await sql.unsafe(`create database "${name}" template "${template}"`);
  });
  return withDatabase(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, name: string) {
  await adminQuery(serverUrl, (sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
}

/** A name for the template that changes whenever a migration or the seed changes. */
export function templateName() {
  const h = crypto.createHash("sha256");
  for (const dir of ["drizzle", "db"]) {
    for (const f of fs.readdirSync(path.join(ROOT, dir), { recursive: true }).map(String).sort()) {
      const p = path.join(ROOT, dir, f);
      if (fs.statSync(p).isFile()) h.update(f).update(fs.readFileSync(p));
    }
  }
  return `kaowu_tmpl_${h.digest("hex").slice(0, 12)}`;
}

export function uniqueDbName(prefix: string) {
  return `${prefix}_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
}
