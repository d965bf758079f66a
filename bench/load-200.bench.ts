/**
 * 故障与负载: 200 concurrent clients for 60 s against one app instance (next build + next start, PostgreSQL 15,
 * DB pool DB_POOL_MAX) on what a registration day brings at once: the sign-in page and its captcha image, 报名提交
 * (POST /api/registrations, each a different signed-in practitioner) and 准考证 download (GET /api/tickets/<id>,
 * a PDF rendered per request). Each client runs the four requests in turn on its own keep-alive connection.
 * Passes only with no error: every answer 2xx, no timeout, no reset, every registration stored.
 *
 * The app trusts one proxy hop and every request carries its own X-Forwarded-For address, as the clients of a
 * real day come from many addresses (the per-address captcha limit is proven by the tests, not loaded here).
 * Env: BENCH_LOAD_CLIENTS (200), BENCH_LOAD_SECONDS (60), BENCH_LOAD_PORT (3146), DB_POOL_MAX (app default 10).
 */
import { spawn, spawnSync } from "node:child_process";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { encode } from "@auth/core/jwt";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { createDb } from "../db/client";
import { makeChineseId } from "../lib/identity/chinese-id";
import { benchServer, freshDatabase, percentile, report } from "./support";

const ROOT = path.resolve(import.meta.dirname, "..");
const PORT = Number(process.env.BENCH_LOAD_PORT ?? 3146);
const BASE = `http://127.0.0.1:${PORT}`;
const SECRET = "bench-secret-not-for-production-0123456789";
const CLIENTS = Number(process.env.BENCH_LOAD_CLIENTS ?? 200);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const PEOPLE = Number(process.env.BENCH_LOAD_PEOPLE ?? 8000); // more than can register in the run
const TICKET_HOLDERS = 300;
const TIMEOUT_MS = 120_000;

function ensureBuild() {
  const id = path.join(ROOT, ".next", "BUILD_ID");
  if (fs.existsSync(id)) return;
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (r.status !== 0) throw new Error("next build failed");
}

// ------------------------------------------------------------------------------------------ data

const { serverUrl, stop } = await benchServer();
const url = await freshDatabase(serverUrl, "bench_load_200");
const { db, client } = createDb(url, { max: 4 });
const filesDir = path.join(os.tmpdir(), `bench-load-files-${process.pid}`);

const HOUR = 3_600_000;
const at = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
const [{ tradeId }] = await db.execute<{ tradeId: number }>(sql`select id as "tradeId" from trades where name = '施工员'`);
const [{ venueId }] = await db.execute<{ venueId: number }>(sql`insert into venues (name, address) values ('压测考点', '北京市测试区') returning id as "venueId"`);
await db.execute(sql`insert into rooms (venue_id, name, capacity, sort_order) select ${venueId}, '第' || i || '考场', 30, i from generate_series(1, 20) i`);
async function makePlan(code: string, hours: { reg: [number, number]; ticket: [number, number]; exam: number }) {
  const [p] = await db.execute<{ id: number }>(sql`
    insert into exam_plans (code, name, trade_id, status, registration_start_at, registration_end_at, ticket_start_at, ticket_end_at,
                            exam_start_at, exam_end_at, fee_cents, min_work_years, capacity, published_at)
    values (${code}, ${`负载测试考试计划 ${code}`}, ${tradeId}, 'published', ${at(hours.reg[0])}, ${at(hours.reg[1])}, ${at(hours.ticket[0])}, ${at(hours.ticket[1])},
            ${at(hours.exam)}, ${at(hours.exam + 2)}, 18000, 1, 100000, now())
    returning id`);
  await db.execute(sql`insert into exam_plan_venues (plan_id, venue_id) values (${p.id}, ${venueId})`);
  return p.id;
}
const regPlan = await makePlan("LOAD-REG", { reg: [-1, 24], ticket: [48, 72], exam: 96 });
// Registration closed, tickets printable now, exam in two days.
const ticketPlan = await makePlan("LOAD-TIX", { reg: [-240, -48], ticket: [-24, 24], exam: 48 });
await db.execute(sql`update exam_plans set status = 'seated' where id = ${ticketPlan}`);

// One real one-inch photo; the ticket holders' photo files hold it (the others' are never read).
const photo = await sharp({ create: { width: 295, height: 413, channels: 3, background: "#8a8a8a", noise: { type: "gaussian", mean: 150, sigma: 30 } } })
  .jpeg({ quality: 88 })
  .toBuffer();
fs.mkdirSync(path.join(filesDir, "photos", "bench"), { recursive: true });

const people: { idNumber: string; name: string }[] = [];
for (let i = 0; i < PEOPLE + TICKET_HOLDERS; i++) {
  const birth = new Date(Date.UTC(1970, 0, 1) + Math.floor(i / 500) * 86_400_000).toISOString().slice(0, 10);
  people.push({ idNumber: makeChineseId("110108", birth, 500 + (i % 500)), name: `负载${i}` });
}
for (let i = 0; i < people.length; i += 2000) {
  const chunk = people.slice(i, i + 2000);
  await db.execute(sql`
    insert into persons (id_type, id_number, name, gender, birth_date, employer_name, work_start_date)
    select 'resident', x.id_number, x.name, 'M', '1970-01-01', '北京城建建设工程有限公司', '2010-07-01'
    from jsonb_to_recordset(${JSON.stringify(chunk.map((p) => ({ id_number: p.idNumber, name: p.name })))}::jsonb) as x(id_number text, name text)`);
}
await db.execute(sql`insert into users (username, role, display_name, person_id) select 'load' || p.id, 'person', p.name, p.id from persons p where p.name like '负载%'`);
await db.execute(sql`
  with f as (
    insert into files (storage_key, kind, content_type, size_bytes, sha256, owner_person_id)
    select 'photos/bench/' || p.id || '.jpg', 'photo', 'image/jpeg', ${photo.length}, 'bench', p.id from persons p where p.name like '负载%'
    returning id, owner_person_id)
  update persons set photo_file_id = f.id from f where persons.id = f.owner_person_id`);
const accounts = await db.execute<{ id: number; person_id: number; display_name: string }>(sql`select id, person_id, display_name from users where username like 'load%' order by id`);
const holders = accounts.slice(PEOPLE);
for (const h of holders) fs.writeFileSync(path.join(filesDir, "photos", "bench", `${h.person_id}.jpg`), photo);
// The ticket holders: seated on the ticket plan, 30 to a room.
const seated = await db.execute<{ id: number; person_id: number }>(sql`
  insert into registrations (registration_no, plan_id, person_id, submitter_kind, employer_name, work_start_date, years_of_work, status,
                             reviewed_at, paid_at, paid_amount_cents, room_id, seat_no, ticket_no, photo_file_id, submitted_at)
  select 'BML' || p.id, ${ticketPlan}, p.id, 'person', '北京城建建设工程有限公司', '2010-07-01', 10, 'seated', now(), now(), 18000,
         r.id, ((x.n - 1) % 30) + 1, '2026' || lpad(${ticketPlan}::text, 5, '0') || lpad(r.id::text, 4, '0') || lpad((((x.n - 1) % 30) + 1)::text, 3, '0'),
         p.photo_file_id, now()
  from (select id, row_number() over (order by id) as n from persons where id = any(${sql.param(holders.map((h) => h.person_id))}::int[])) x
  join persons p on p.id = x.id
  join rooms r on r.venue_id = ${venueId} and r.sort_order = ((x.n - 1) / 30) + 1
  returning id, person_id`);
const ticketOf = new Map(seated.map((r) => [r.person_id, r.id]));

const cookieName = "authjs.session-token";
const cookieOf = async (u: { id: number; display_name: string }) =>
  `${cookieName}=${await encode({ token: { uid: u.id, role: "person", sv: 1, authAt: Math.floor(Date.now() / 1000), name: u.display_name, sub: String(u.id) }, secret: SECRET, salt: cookieName })}`;
const regCookies = await Promise.all(accounts.slice(0, PEOPLE).map(cookieOf));
const ticketCookies = await Promise.all(holders.map(async (h) => ({ cookie: await cookieOf(h), id: ticketOf.get(h.person_id)! })));

// ------------------------------------------------------------------------------------------ the app

ensureBuild();
const app = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(PORT)], {
  cwd: ROOT,
  env: {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: url,
    AUTH_SECRET: SECRET,
    AUTH_URL: BASE,
    AUTH_TRUST_HOST: "true",
    FILE_STORAGE_DIR: filesDir,
    TRUSTED_PROXY_HOPS: "1",
    KAOWU_CLIENT_ADDRESS_PRELOAD: "1",
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${pathToFileURL(path.join(ROOT, "scripts", "client-address.mjs")).href}`.trim(),
  },
  stdio: ["ignore", "ignore", "pipe"],
  detached: true,
});
let log = "";
app.stderr?.on("data", (d) => (log += d));

type Kind = "login" | "captcha" | "register" | "ticket";
type Sample = { kind: Kind; ms: number; status: number; error?: string };

const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS * 2 });
function request(method: string, p: string, headers: Record<string, string>, body?: string): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(`${BASE}${p}`, { method, headers: body ? { ...headers, "content-length": String(Buffer.byteLength(body)) } : headers, agent, timeout: TIMEOUT_MS }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

const regBody = JSON.stringify({
  planId: regPlan,
  employerName: "北京城建建设工程有限公司",
  workStartDate: "2010-07-01",
  yearsOfWork: 8,
  resume: [{ period: "2010.07-至今", employer: "北京城建建设工程有限公司", post: "施工员" }],
  employerOpinion: "同意报名",
});

let nextPerson = 0;
let nextAddress = 0;
const address = () => {
  const n = nextAddress++;
  return `198.18.${(n >> 8) & 255}.${n & 255}`; // RFC 2544 benchmark range: a header value only, never dialled
};

async function step(kind: Kind, client: number): Promise<Sample> {
  const xff = { "x-forwarded-for": address() };
  try {
    let r: { status: number; ms: number };
    if (kind === "login") r = await request("GET", "/login", xff);
    else if (kind === "captcha") r = await request("GET", "/api/captcha", xff);
    else if (kind === "register") {
      const i = nextPerson++;
      if (i >= regCookies.length) throw new Error("ran out of prepared practitioners: raise BENCH_LOAD_PEOPLE");
      r = await request("POST", "/api/registrations", { ...xff, "content-type": "application/json", cookie: regCookies[i] }, regBody);
    } else {
      const t = ticketCookies[client % ticketCookies.length];
      r = await request("GET", `/api/tickets/${t.id}`, { ...xff, cookie: t.cookie });
    }
    return { kind, ms: r.ms, status: r.status };
  } catch (e) {
    return { kind, ms: 0, status: 0, error: (e as Error).message };
  }
}

async function run(seconds: number, clients: number) {
  const samples: Sample[] = [];
  const end = Date.now() + seconds * 1000;
  const order: Kind[] = ["login", "captcha", "register", "ticket"];
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      // Clients start at different steps, so the four kinds are in flight together from the first second.
      for (let i = c % order.length; Date.now() < end; i++) samples.push(await step(order[i % order.length], c));
    }),
  );
  return samples;
}

const uptime = () => execFileSync("uptime", { encoding: "utf8" }).trim();
try {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (await fetch(`${BASE}/login`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline || app.exitCode !== null) throw new Error(`next start did not come up:\n${log.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  // Warm-up: every route compiled and loaded, the pool filled, fonts read.
  await run(5, 20);
  await db.execute(sql`delete from registrations where plan_id = ${regPlan}`);
  const before = uptime();
  const t0 = performance.now();
  const samples = await run(SECONDS, CLIENTS);
  const wall = (performance.now() - t0) / 1000;
  const after = uptime();
  const [{ stored }] = await db.execute<{ stored: number }>(sql`select count(*)::int as stored from registrations where plan_id = ${regPlan}`);

  const ok = samples.filter((s) => !s.error && s.status >= 200 && s.status < 300);
  const failed = samples.filter((s) => s.error || s.status < 200 || s.status >= 300);
  const registered = samples.filter((s) => s.kind === "register" && !s.error && s.status === 201).length;
  const pct = (xs: number[], p: number) => (xs.length ? Math.round(percentile(xs, p)) : 0);
  report(
    `负载 ${CLIENTS} 个并发客户端 ${SECONDS} s（登录页、验证码、报名提交、准考证下载轮流）`,
    `${(samples.length / wall).toFixed(0)} requests/s`,
    `${samples.length} requests, ${ok.length} × 2xx, ${failed.length} errors; p50 ${pct(ok.map((s) => s.ms), 50)} ms, p99 ${pct(ok.map((s) => s.ms), 99)} ms; ${stored} registrations stored (${registered} × 201); app DB pool ${process.env.DB_POOL_MAX ?? 10}`,
  );
  for (const kind of ["login", "captcha", "register", "ticket"] as const) {
    const xs = samples.filter((s) => s.kind === kind);
    const good = xs.filter((s) => !s.error && s.status >= 200 && s.status < 300);
    report(`  ${kind}`, `${(xs.length / wall).toFixed(1)}/s`, `${xs.length} requests, ${xs.length - good.length} errors; p50 ${pct(good.map((s) => s.ms), 50)} ms, p99 ${pct(good.map((s) => s.ms), 99)} ms`);
  }
  console.log(`uptime before: ${before}\nuptime after:  ${after}`);
  if (failed.length) {
    const byWhat = new Map<string, number>();
    for (const f of failed) byWhat.set(`${f.kind} ${f.error ?? f.status}`, (byWhat.get(`${f.kind} ${f.error ?? f.status}`) ?? 0) + 1);
    console.log("errors:", Object.fromEntries(byWhat));
  }
  if (failed.length > 0 || stored !== registered) throw new Error(`${failed.length} errors; ${stored} stored of ${registered} answered 201`);
} finally {
  agent.destroy();
  try {
    process.kill(-app.pid!, "SIGTERM");
  } catch {
    /* gone */
  }
  await new Promise((res) => setTimeout(res, 500));
  fs.rmSync(filesDir, { recursive: true, force: true });
  await client.end();
  await stop();
}
