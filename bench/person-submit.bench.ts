/**
 * 报名: registration submissions per second against the running app (next build + next start) on PostgreSQL,
 * 50 concurrent clients, each request a different practitioner signed in with a real Auth.js session cookie,
 * posting to /api/registrations, which runs the same submitRegistration as the form (eligibility, photo claim,
 * row locks, the day's serial, audit row). Reports throughput and p50/p99 latency; checks every one was stored.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { encode } from "@auth/core/jwt";
import { sql } from "drizzle-orm";
import { createDb } from "../db/client";
import { makeChineseId } from "../lib/identity/chinese-id";
import { benchServer, freshDatabase, loadAverage, report } from "./support";

// autocannon ships no types; this is the part of its API used here.
type CannonRequest = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
type CannonResult = {
  requests: { average: number };
  latency: { p50: number; p99: number };
  "2xx": number;
  non2xx: number;
  errors: number;
};
const autocannon = createRequire(import.meta.url)("autocannon") as (o: {
  url: string;
  connections: number;
  amount: number;
  timeout: number;
  requests: (CannonRequest & { setupRequest: (req: CannonRequest) => CannonRequest })[];
}) => Promise<CannonResult>;

const HERE = path.resolve(import.meta.dirname, "..");
// The checkout whose app is built and started (default this one; BENCH_APP_ROOT benchmarks another).
const ROOT = path.resolve(process.env.BENCH_APP_ROOT ?? HERE);
const DIST = ".next-person";
const PORT = Number(process.env.BENCH_PERSON_PORT ?? 3233);
const BASE = `http://localhost:${PORT}`;
const SECRET = "bench-secret-not-for-production-0123456789";
const N = Number(process.env.BENCH_SUBMISSIONS ?? 3000);
const WARM = 100;
const SEQ = 200;
const CONNECTIONS = 50;

function newestSource(dir: string): number {
  let newest = 0;
  for (const f of fs.readdirSync(path.join(ROOT, dir), { recursive: true }).map(String)) {
    if (f.includes("node_modules") || f.endsWith(".test.ts")) continue;
    const st = fs.statSync(path.join(ROOT, dir, f));
    if (st.isFile()) newest = Math.max(newest, st.mtimeMs);
  }
  return newest;
}

function ensureBuild() {
  const id = path.join(ROOT, DIST, "BUILD_ID");
  const stale = !fs.existsSync(id) || ["app", "components", "lib", "db"].some((d) => newestSource(d) > fs.statSync(id).mtimeMs);
  if (!stale) return;
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: ROOT,
    env: { ...process.env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (r.status !== 0) throw new Error("next build failed");
}

// ------------------------------------------------------------------------------------------ data

const { serverUrl, stop } = await benchServer();
const url = await freshDatabase(serverUrl, "bench_person_submit");
const { db, client } = createDb(url, { max: 4 });

const HOUR = 3_600_000;
const [{ tradeId, venueId }] = await db.execute<{ tradeId: number; venueId: number }>(
  sql`select (select id from trades where name = '施工员') as "tradeId", (select min(id) from venues) as "venueId"`,
);
const at = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
async function makePlan(code: string) {
  const [p] = await db.execute<{ id: number }>(sql`
    insert into exam_plans (code, name, trade_id, status, registration_start_at, registration_end_at, ticket_start_at, ticket_end_at,
                            exam_start_at, exam_end_at, fee_cents, min_work_years, capacity, published_at)
    values (${code}, ${`压力测试考试计划 ${code}`}, ${tradeId}, 'published', ${at(-1)}, ${at(24)}, ${at(48)}, ${at(72)}, ${at(96)}, ${at(98)}, 18000, 1, 100000, now())
    returning id`);
  await db.execute(sql`insert into exam_plan_venues (plan_id, venue_id) values (${p.id}, ${venueId})`);
  return p.id;
}
const warmPlan = await makePlan("BENCH-WARM");
const seqPlan = await makePlan("BENCH-SEQ");
const plan = await makePlan("BENCH-SUB");

// Practitioners with accounts and a photo on record (the submissions reuse it, as a returning user would).
const people: { id: number; idNumber: string; name: string }[] = [];
for (let i = 0; i < N + WARM + SEQ; i++) {
  const birth = new Date(Date.UTC(1970, 0, 1) + Math.floor(i / 500) * 86_400_000).toISOString().slice(0, 10);
  people.push({ id: 0, idNumber: makeChineseId("110108", birth, 500 + (i % 500)), name: `压测${i}` });
}
for (let i = 0; i < people.length; i += 1000) {
  const chunk = people.slice(i, i + 1000);
  const rows = await db.execute<{ id: number; id_number: string }>(sql`
    insert into persons (id_type, id_number, name, gender, birth_date, employer_name, work_start_date)
    select 'resident', x.id_number, x.name, 'M', '1970-01-01', '北京城建建设工程有限公司', '2010-07-01'
    from jsonb_to_recordset(${JSON.stringify(chunk.map((p) => ({ id_number: p.idNumber, name: p.name })))}::jsonb) as x(id_number text, name text)
    returning id, id_number`);
  const byId = new Map(rows.map((r) => [r.id_number, r.id]));
  for (const p of chunk) p.id = byId.get(p.idNumber)!;
}
await db.execute(sql`
  insert into users (username, role, display_name, person_id)
  select 'bench' || p.id, 'person', p.name, p.id from persons p where p.name like '压测%'`);
await db.execute(sql`
  with f as (
    insert into files (storage_key, kind, content_type, size_bytes, sha256, owner_person_id)
    select 'photos/bench/' || p.id || '.jpg', 'photo', 'image/jpeg', 40000, 'bench', p.id from persons p where p.name like '压测%'
    returning id, owner_person_id)
  update persons set photo_file_id = f.id from f where persons.id = f.owner_person_id`);
const accounts = await db.execute<{ id: number; person_id: number; display_name: string }>(
  sql`select id, person_id, display_name from users where username like 'bench%' order by id`,
);
const cookieName = "authjs.session-token";
const cookies = await Promise.all(
  accounts.map(async (u) => `${cookieName}=${await encode({ token: { uid: u.id, role: "person", sv: 1, name: u.display_name, sub: String(u.id), authAt: Math.floor(Date.now() / 1000) }, secret: SECRET, salt: cookieName })}`),
);

// ------------------------------------------------------------------------------------------ the app

ensureBuild();
const app = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(PORT)], {
  cwd: ROOT,
  env: {
    ...process.env,
    NODE_ENV: "production",
    NEXT_DIST_DIR: DIST,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: url,
    AUTH_SECRET: SECRET,
    AUTH_URL: BASE,
    AUTH_TRUST_HOST: "true",
    BENCH_AUTH_FLOOR: "1", // GET /api/bench/session: the floor measured beside the submissions
    FILE_STORAGE_DIR: path.join(os.tmpdir(), `bench-person-files-${process.pid}`),
  },
  stdio: ["ignore", "ignore", "pipe"],
});
let log = "";
app.stderr?.on("data", (d) => (log += d));
try {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${BASE}/login`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline || app.exitCode !== null) throw new Error(`next start did not come up:\n${log.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }

  const body = (planId: number) =>
    JSON.stringify({
      planId,
      employerName: "北京城建建设工程有限公司",
      workStartDate: "2010-07-01",
      yearsOfWork: 8,
      resume: [{ period: "2010.07-至今", employer: "北京城建建设工程有限公司", post: "施工员" }],
      employerOpinion: "同意报名",
    });

  async function blast(planId: number, from: number, amount: number, connections = CONNECTIONS) {
    let next = from;
    return autocannon({
      url: BASE,
      connections,
      amount,
      timeout: 30,
      requests: [
        {
          method: "POST",
          path: "/api/registrations",
          setupRequest: (req) => {
            const i = from + ((next++ - from) % amount);
            return { ...req, headers: { "content-type": "application/json", cookie: cookies[i] }, body: body(planId) };
          },
        },
      ],
    });
  }

  // The floor: a route handler that only reads the session (auth()) and answers 204, with the same cookies
  // and clients; measured before and after the submissions so both see the machine's load of the moment.
  async function floor() {
    let next = 0;
    return autocannon({
      url: BASE,
      connections: CONNECTIONS,
      amount: N,
      timeout: 30,
      requests: [{ method: "GET", path: "/api/bench/session", setupRequest: (req) => ({ ...req, headers: { cookie: cookies[next++ % N] } }) }],
    });
  }

  // Warm-up on another plan: loads the route, fills the connection pool. Then one client alone, for the
  // cost of a single submission without queueing; then the 50 clients.
  await blast(warmPlan, N, WARM);
  const one = await blast(seqPlan, N + WARM, SEQ, 1);
  const before = await floor();
  const loadBefore = loadAverage();
  const r = await blast(plan, 0, N);
  const loadDuring = loadAverage();
  const after = await floor();
  if (before["2xx"] !== N || after["2xx"] !== N) throw new Error(`floor: expected ${N} × 204, got ${before["2xx"]} and ${after["2xx"]}`);
  const floorRate = (before.requests.average + after.requests.average) / 2;
  const [{ stored }] = await db.execute<{ stored: number }>(sql`select count(*)::int as stored from registrations where plan_id = ${plan}`);
  report(
    `报名提交 (POST /api/registrations, ${CONNECTIONS} concurrent clients)`,
    `${r.requests.average.toFixed(0)} submissions/s`,
    `${N} submissions, each a different signed-in practitioner; p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms; ${r["2xx"]} × 201, ${r.non2xx} non-2xx, ${r.errors} errors; ${stored} rows stored; app DB pool ${process.env.DB_POOL_MAX ?? 10}`,
  );
  report(
    `报名提交 vs its floor (GET /api/bench/session: auth() and 204, ${CONNECTIONS} clients)`,
    `${((r.requests.average / floorRate) * 100).toFixed(0)}% of the floor's throughput`,
    `floor ${before.requests.average.toFixed(0)}/s before and ${after.requests.average.toFixed(0)}/s after the submissions (p99 ${before.latency.p99} / ${after.latency.p99} ms); ` +
      `target ≥ 50% and ≥ 200/s, p99 ≤ 300 ms; load ${loadBefore} before, ${loadDuring} after the submissions`,
  );
  report("报名提交, one client at a time", `${one.latency.p50} ms p50`, `${SEQ} submissions in sequence; p99 ${one.latency.p99} ms; ${one.requests.average.toFixed(0)} submissions/s`);
  if (stored !== N || r.non2xx > 0) throw new Error(`expected ${N} stored registrations, got ${stored} (${r.non2xx} non-2xx)`);
} finally {
  app.kill("SIGTERM");
  await new Promise((res) => setTimeout(res, 500));
  await client.end();
  await stop();
}
