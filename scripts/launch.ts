/**
 * One entry point for `npm run dev`, `npm start`, `npm run db:migrate` and `npm run db:seed`.
 * Without DATABASE_URL it starts the embedded PostgreSQL; then it migrates, seeds an empty database
 * with the demo data, and runs Next.js with DATABASE_URL pointing at the database.
 */
import { spawn } from "node:child_process";
import { pathToFileURL } from "node:url";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { runMigrations } from "../db/migrate";
import { startEmbeddedPostgres } from "./embedded-db";

const root = path.resolve(import.meta.dirname, "..");
const command = process.argv[2] ?? "dev";
const extra = process.argv.slice(3);

function ensureAuthSecret() {
  if (process.env.AUTH_SECRET) return;
  const file = path.join(root, ".data", "auth-secret");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  process.env.AUTH_SECRET = fs.readFileSync(file, "utf8").trim();
}

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  let stopDb: (() => Promise<void>) | undefined;
  if (!process.env.DATABASE_URL) {
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(root, ".data", "pg"),
      port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
      database: "kaowu",
    });
    process.env.DATABASE_URL = embedded.url;
    stopDb = embedded.stop;
    console.log(`[launch] embedded PostgreSQL at ${embedded.url.replace(/:[^:@/]+@/, ":***@")}`);
  }
  const url = process.env.DATABASE_URL!;
  const stop = async (code: number) => {
    if (stopDb) await stopDb().catch(() => {});
    process.exit(code);
  };

  try {
    await runMigrations(url);
    console.log("[launch] migrations applied");
    const { seedIfEmpty, seedLargeDataset } = await import("../db/seed");
    if (command === "seed") {
      const i = extra.indexOf("--persons");
      await seedIfEmpty(url);
      if (i >= 0) await seedLargeDataset(url, { persons: Number(extra[i + 1] ?? 100_000) });
      return stop(0);
    }
    if (command === "migrate") return stop(0);
    if (await seedIfEmpty(url)) console.log("[launch] demo data seeded (accounts in README.md)");
  } catch (e) {
    console.error(e);
    return stop(1);
  }

  ensureAuthSecret();
  const port = process.env.PORT ?? "3000";
  process.env.AUTH_URL ??= `http://localhost:${port}`;
  process.env.AUTH_TRUST_HOST ??= "true";
  // HALL_STAND_IN=1 (npm run dev only): a local stand-in for the 网上办事大厅 sign-on, so its button can be tried.
  let hall: { close: () => Promise<void> } | undefined;
  if (process.env.HALL_STAND_IN === "1" && command === "dev" && !process.env.AUTH_OIDC_ISSUER) {
    const { startHallStandIn } = await import("./hall-stand-in");
    const standIn = await startHallStandIn(process.env.AUTH_URL, Number(process.env.HALL_STAND_IN_PORT ?? 3900));
    Object.assign(process.env, { AUTH_OIDC_ISSUER: standIn.issuer, AUTH_OIDC_ID: standIn.clientId, AUTH_OIDC_SECRET: standIn.clientSecret });
    hall = standIn;
    console.log(`[launch] 网上办事大厅 stand-in at ${standIn.issuer} (any login name; an ID number or 统一社会信用代码 signs in as that person or enterprise)`);
  }
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  // The Next.js server learns the client's address from the socket (see scripts/client-address.mjs).
  process.env.KAOWU_CLIENT_ADDRESS_PRELOAD = "1";
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --import=${pathToFileURL(path.join(root, "scripts", "client-address.mjs")).href}`.trim();
  const run = (args: string[]) =>
    new Promise<number>((resolve) => {
      const child = spawn(process.execPath, [nextBin, ...args], { stdio: "inherit", env: process.env, cwd: root });
      const forward = (sig: NodeJS.Signals) => child.kill(sig);
      process.on("SIGINT", forward);
      process.on("SIGTERM", forward);
      child.on("exit", (code) => {
        process.off("SIGINT", forward);
        process.off("SIGTERM", forward);
        resolve(code ?? 0);
      });
    });

  if (command === "start") {
    if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
      const code = await run(["build"]);
      if (code !== 0) return stop(code);
    }
    return stop(await run(["start", "-p", port]));
  }
  const code = await run(["dev", "-p", port]);
  await hall?.close();
  return stop(code);
}

main();
