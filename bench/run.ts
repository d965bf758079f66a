/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process, one after another (so peak memory is
 * per benchmark), and prints a markdown table to copy into docs/benchmarks.md.
 * `npm run bench -- seating` runs only the files whose name contains "seating".
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dir = import.meta.dirname;
const filter = process.argv[2];
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && (!filter || f.includes(filter)))
  .sort();
console.log(`| benchmark | result | notes |\n|---|---|---|`);
let failed = 0;
for (const f of files) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "--import", path.join(dir, "hooks.mjs"), path.join(dir, f)], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) {
    failed++;
    console.error(`[bench] ${f} failed with code ${r.status}`);
  }
}
process.exit(failed ? 1 : 0);
