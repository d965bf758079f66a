/**
 * Browser tests run against the built app (`next build` + `next start`) on its own database,
 * cloned from the seeded template.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { pathToFileURL } from "node:url";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startHallStandIn, type HallStandIn } from "../../scripts/hall-stand-in";
import { createDatabaseFrom, dropDatabase, ROOT } from "./db-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    appDbUrl: string;
  }
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const f of fs.readdirSync(path.join(ROOT, dir), { recursive: true }).map(String)) {
    if (f.includes("node_modules") || f.endsWith(".test.ts")) continue;
    const st = fs.statSync(path.join(ROOT, dir, f));
    if (st.isFile()) newest = Math.max(newest, st.mtimeMs);
  }
  return newest;
}

function buildIsStale() {
  const id = path.join(ROOT, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  if (!fs.existsSync(id)) return true;
  const built = fs.statSync(id).mtimeMs;
  return ["app", "components", "lib", "db"].some((d) => newestSource(d) > built);
}

let child: ChildProcess | undefined;
let hall: HallStandIn | undefined;

export default async function setup(project: TestProject) {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  if (buildIsStale()) {
    const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], { cwd: ROOT, env, stdio: "inherit" });
    if (r.status !== 0) throw new Error("next build failed");
  }
  const serverUrl = project.getProvidedContext().dbServerUrl;
  const name = `e2e_${process.pid}`;
  const dbUrl = await createDatabaseFrom(serverUrl, project.getProvidedContext().templateDb, name);
  const port = Number(process.env.E2E_PORT ?? 3210);
  const baseURL = `http://localhost:${port}`;
  // Never test whatever else happens to answer on the port (e.g. a server left over from another run).
  if (await fetch(baseURL).then(() => true, () => false)) throw new Error(`port ${port} is already in use; set E2E_PORT to a free port`);
  // A real OpenID provider standing in for the 网上办事大厅 (scripts/hall-stand-in.ts).
  hall = await startHallStandIn(baseURL);
  child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
    cwd: ROOT,
    env: {
      ...env,
      DATABASE_URL: dbUrl,
      AUTH_SECRET: "e2e-secret-not-for-production-0123456789",
      AUTH_URL: baseURL,
      AUTH_TRUST_HOST: "true",
      FILE_STORAGE_DIR: path.join(ROOT, ".tmp", `e2e-files-${process.pid}`),
      // As scripts/launch.ts does: the server learns the client's address from the socket.
      KAOWU_CLIENT_ADDRESS_PRELOAD: "1",
      AUTH_OIDC_ISSUER: hall.issuer,
      AUTH_OIDC_ID: hall.clientId,
      AUTH_OIDC_SECRET: hall.clientSecret,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${pathToFileURL(path.join(ROOT, "scripts", "client-address.mjs")).href}`.trim(),
    },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so teardown also stops the `next-server` process that `next start` runs.
    detached: true,
  });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => {
    log += d;
    if (process.env.E2E_SERVER_LOG) process.stderr.write(d);
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${baseURL}/login`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`next start did not come up:\n${log.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  project.provide("baseURL", baseURL);
  project.provide("appDbUrl", dbUrl);
  return async () => {
    if (child?.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    }
    await new Promise((r) => setTimeout(r, 500));
    await hall?.close();
    await dropDatabase(serverUrl, name).catch(() => {});
  };
}
