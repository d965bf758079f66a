/**
 * A PostgreSQL of a test's own that the test can stop and start again (tests/e2e/faults.test.ts), never the
 * shared server other tests use. The first start goes through scripts/embedded-db.ts (initdb, running as the
 * postgres user when root); a restart runs the very same server command again (read from /proc), because a
 * second startEmbeddedPostgres could choose another data folder once the first has closed its folder to others.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "../../scripts/embedded-db";
import { adminQuery, ROOT } from "./db-server";

export type RestartablePostgres = { url: string; stop(): Promise<void>; start(): Promise<void> };

export async function startRestartablePostgres(port: number): Promise<RestartablePostgres> {
  const dataDir = path.join(ROOT, ".tmp", `restartable-pg-${port}`);
  fs.rmSync(dataDir, { recursive: true, force: true }); // a fresh cluster each run
  const first = await startEmbeddedPostgres({ dataDir, port, database: "postgres" });
  const dir = await adminQuery(first.url, async (sql) => String((await sql`show data_directory`)[0].data_directory));
  const pid = Number(fs.readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[0]);
  const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const uid = Number(status.match(/^Uid:\s+(\d+)/m)![1]);
  const gid = Number(status.match(/^Gid:\s+(\d+)/m)![1]);
  let running: ChildProcess | null = null;
  let firstRunning = true;
  return {
    url: first.url,
    async stop() {
      if (firstRunning) {
        firstRunning = false;
        await first.stop();
        return;
      }
      const p = running;
      running = null;
      if (!p || p.exitCode !== null) return;
      await new Promise<void>((r) => {
        p.once("exit", () => r());
        p.kill("SIGINT"); // fast shutdown: sessions are ended, as in a restart
      });
    },
    async start() {
      const p = spawn(argv[0], argv.slice(1), { uid, gid, env: { ...process.env, LC_MESSAGES: "C" }, stdio: ["ignore", "ignore", "pipe"] });
      running = p;
      await new Promise<void>((resolve, reject) => {
        let err = "";
        p.stderr!.on("data", (d: Buffer) => {
          err += d.toString();
          if (err.includes("ready to accept connections")) resolve();
        });
        p.once("exit", (code) => reject(new Error(`PostgreSQL exited (${code}): ${err.slice(-2000)}`)));
      });
      p.stderr!.resume();
    },
  };
}
