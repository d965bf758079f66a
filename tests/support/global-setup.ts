import path from "node:path";
import type { TestProject } from "vitest/node";
import { runMigrations } from "../../db/migrate";
import { seedIfEmpty } from "../../db/seed";
import { startEmbeddedPostgres } from "../../scripts/embedded-db";
import { adminQuery, ROOT, templateName, withDatabase } from "./db-server";

declare module "vitest" {
  export interface ProvidedContext {
    dbServerUrl: string;
    templateDb: string;
  }
}

let stop: (() => Promise<void>) | undefined;

export default async function setup(project: TestProject) {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    // Each project runs this setup; the first starts the embedded server and the others reuse it.
    const port = Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54339);
    const running = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
    if (await adminQuery(running, async (sql) => (await sql`select 1`).length === 1).catch(() => false)) serverUrl = running;
  }
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(ROOT, ".tmp", "test-pg"),
      port: Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54339),
      database: "postgres",
    });
    serverUrl = embedded.url;
    stop = embedded.stop;
  }
  const template = templateName();
  const exists = await adminQuery(serverUrl, (sql) => sql`select 1 from pg_database where datname = ${template}`);
  if (exists.length === 0) {
    // Build under a temporary name, then rename: parallel runs never see a half-built template.
    const building = `${template}_building_${process.pid}`;
    await adminQuery(serverUrl, (sql) => sql.unsafe(`create database "${building}"`));
    await runMigrations(withDatabase(serverUrl, building));
    await seedIfEmpty(withDatabase(serverUrl, building));
    await adminQuery(serverUrl, async (sql) => {
      const again = await sql`select 1 from pg_database where datname = ${template}`;
      if (again.length === 0) await sql.unsafe(`alter database "${building}" rename to "${template}"`);
      else await sql.unsafe(`drop database "${building}" with (force)`);
    });
  }
  project.provide("dbServerUrl", serverUrl);
  project.provide("templateDb", template);
  return async () => {
    if (stop) await stop();
  };
}
