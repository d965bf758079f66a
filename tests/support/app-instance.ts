/**
 * One more app instance (`next start` of the existing build) for tests that run several of them, kill one, or
 * point one at a database of their own: tests/e2e/scale-out.test.ts and tests/e2e/faults.test.ts. The browser
 * tests' usual server is tests/support/app-server.ts; this starts the same way (socket address preload, own
 * process group) with what the test passes on top.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./db-server";

export type AppInstance = {
  name: string;
  port: number;
  url: string;
  /** The pids of the instance's process group (`next start` and the server it runs). */
  pids(): number[];
  /** kill -9 the whole instance, as a crash would. */
  crash(): Promise<void>;
  /** SIGSTOP / SIGCONT: the instance holds its connections but does nothing. */
  freeze(): void;
  thaw(): void;
  stop(): Promise<void>;
  log(): string;
};

export const TEST_AUTH_SECRET = "e2e-secret-not-for-production-0123456789";

export async function startAppInstance(opts: { name: string; port: number; dbUrl: string; publicUrl?: string; env?: Record<string, string> }): Promise<AppInstance> {
  const url = `http://127.0.0.1:${opts.port}`;
  if (await fetch(url).then(() => true, () => false)) throw new Error(`port ${opts.port} is already in use`);
  const filesDir = path.join(ROOT, ".tmp", `instance-files-${opts.name}-${process.pid}`);
  let log = "";
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(opts.port)], {
    cwd: ROOT,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: opts.dbUrl,
      AUTH_SECRET: TEST_AUTH_SECRET,
      AUTH_URL: opts.publicUrl ?? url,
      AUTH_TRUST_HOST: "true",
      // Each instance its own folder: with S3 configured nothing may land here (the test checks).
      FILE_STORAGE_DIR: filesDir,
      KAOWU_CLIENT_ADDRESS_PRELOAD: "1",
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${pathToFileURL(path.join(ROOT, "scripts", "client-address.mjs")).href}`.trim(),
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => {
    log += d;
    if (process.env.E2E_SERVER_LOG) process.stderr.write(`[${opts.name}] ${d}`);
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    const ok = await fetch(`${url}/login`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`instance ${opts.name} did not come up:\n${log.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      /* already gone */
    }
  };
  const exited = () => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once("exit", () => r())));
  return {
    name: opts.name,
    port: opts.port,
    url,
    pids() {
      try {
        return execFileSync("ps", ["-o", "pid=", "-g", String(child.pid)], { encoding: "utf8" })
          .split("\n")
          .map((s) => Number(s.trim()))
          .filter((n) => n > 0);
      } catch {
        return [];
      }
    },
    async crash() {
      signal("SIGKILL");
      await exited();
      // The group's other process (next-server) goes with the signal; wait until the port is free.
      for (let i = 0; i < 50 && (await fetch(url).then(() => true, () => false)); i++) await new Promise((r) => setTimeout(r, 100));
    },
    freeze: () => signal("SIGSTOP"),
    thaw: () => signal("SIGCONT"),
    async stop() {
      signal("SIGCONT");
      signal("SIGTERM");
      await Promise.race([exited(), new Promise((r) => setTimeout(r, 5000))]);
      signal("SIGKILL");
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
    log: () => log,
  };
}

/** Files under a folder, recursively (to show an instance wrote none of its own). */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

export function instanceFilesDir(name: string) {
  return path.join(ROOT, ".tmp", `instance-files-${name}-${process.pid}`);
}
