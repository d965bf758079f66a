/**
 * Benchmark support: a fresh migrated database on the test server (TEST_DATABASE_URL's server, or the
 * embedded PostgreSQL), and a timer that also samples this process's peak memory.
 */
import os from "node:os";
import path from "node:path";
import { runMigrations } from "../db/migrate";
import { seedIfEmpty } from "../db/seed";
import { startEmbeddedPostgres } from "../scripts/embedded-db";
import { adminQuery, withDatabase } from "../tests/support/db-server";

const ROOT = path.resolve(import.meta.dirname, "..");

export async function benchServer() {
  if (process.env.TEST_DATABASE_URL) return { serverUrl: process.env.TEST_DATABASE_URL, stop: async () => {} };
  const e = await startEmbeddedPostgres({ dataDir: path.join(ROOT, ".tmp", "bench-pg"), port: 54349, database: "postgres" });
  return { serverUrl: e.url, stop: e.stop };
}

/** A new database with the schema and the demo seed. */
export async function freshDatabase(serverUrl: string, name: string) {
  await adminQuery(serverUrl, async (sql) => {
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
    await sql.unsafe(`create database "${name}"`);
  });
  const url = withDatabase(serverUrl, name);
  await runMigrations(url);
  await seedIfEmpty(url);
  return url;
}

export async function measure<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const t0 = performance.now();
  try {
    const result = await fn();
    return { result, ms: performance.now() - t0, peakRssMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 1048576) };
  } finally {
    clearInterval(timer);
  }
}

export function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function percentile(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** One line of the report: `| name | value | notes |`. */
export function report(name: string, value: string, notes = "") {
  console.log(`| ${name} | ${value} | ${notes} |`);
}

/** The machine's 1-, 5- and 15-minute load averages, printed beside each figure (the machine is shared). */
export function loadAverage() {
  return os.loadavg().map((l) => l.toFixed(1)).join(" / ");
}
