/**
 * 报名审核 queue: the first page (20 rows + the total) with 1,000,000 persons and 200,000 registrations over
 * 10 plans, unfiltered and with each filter the page offers. Median and p95 of 30 runs after 3 warm-ups.
 */
import { sql } from "drizzle-orm";
import { createDb } from "../db/client";
import { runMigrations } from "../db/migrate";
import { seedLargeDataset } from "../db/seed";
import type { SessionUser } from "../lib/auth/roles";
import { listRegistrations, type RegistrationListFilter } from "../lib/queries/registrations";
import { makePlan } from "../tests/integration/admin-fixtures";
import { adminQuery, createDatabaseFrom } from "../tests/support/db-server";
import { benchServer, freshDatabase, loadAverage, measure, median, percentile, report } from "./support";

const PERSONS = Number(process.env.BENCH_PERSONS ?? 1_000_000);
const REGISTRATIONS = Number(process.env.BENCH_REGISTRATIONS ?? 200_000);
const { serverUrl, stop } = await benchServer();
// Seeding a million persons takes minutes: keep them in a base database and clone it for each run.
const BASE = `bench_admin_queue_${PERSONS}`;
const baseReady = await adminQuery(serverUrl, async (q) => (await q`select 1 from pg_database where datname = ${BASE}`).length === 1);
if (!baseReady) {
  const building = `${BASE}_building`;
  const baseUrl = await freshDatabase(serverUrl, building);
  await seedLargeDataset(baseUrl, { persons: PERSONS });
  await adminQuery(serverUrl, (q) => q.unsafe(`alter database "${building}" rename to "${BASE}"`));
}
const url = await createDatabaseFrom(serverUrl, BASE, "bench_admin_queue");
await runMigrations(url); // the base may predate the newest migrations (indexes)
const { db, client } = createDb(url);
try {
  const plans: number[] = [];
  for (let i = 0; i < 10; i++) plans.push((await makePlan(db, { status: "published", code: `KSQ-${i}` })).id);
  const t0 = performance.now();
  await db.execute(sql`
    insert into registrations (registration_no, plan_id, person_id, submitter_kind, submitter_org_id, employer_org_id, employer_name,
                               work_start_date, years_of_work, status, reject_reason, paid_at, submitted_at)
    select 'BMQ' || p.id, (${sql.param(plans)}::int[])[1 + (p.id / 5) % 10], p.id,
           k.kind, case k.kind when 'person' then null when 'enterprise' then p.employer_org_id else ${sql.raw("(select min(id) from organizations where kind = 'trainer')")} end,
           p.employer_org_id, coalesce(p.employer_name, '某单位'), '2010-07-01', 10,
           s.status, case when s.status = 'rejected' then '材料不全' end, case when s.status = 'paid' then now() end,
           now() - ((p.id::bigint * 7919) % 500000) * interval '1 minute'
    from (select * from persons where id % 5 = 0 and employer_org_id is not null order by id limit ${REGISTRATIONS}) p
    cross join lateral (select (array['person', 'enterprise', 'trainer'])[1 + p.id % 3] as kind) k
    cross join lateral (select (array['submitted','submitted','submitted','approved','approved','paid','paid','rejected','withdrawn','submitted'])[1 + (p.id / 50) % 10] as status) s`);
  await db.execute(sql`vacuum analyze`);
  const [{ persons, regs, submitted }] = (await db.execute(sql`
    select (select count(*)::int from persons) as persons, count(*)::int as regs, count(*) filter (where status = 'submitted')::int as submitted
    from registrations`)) as unknown as { persons: number; regs: number; submitted: number }[];
  console.error(`[bench] ${persons} persons, ${regs} registrations (${submitted} submitted) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const [sample] = (await db.execute(sql`
    select p.name, p.id_number as "idNumber", r.submitter_org_id as org from registrations r join persons p on p.id = r.person_id
    where r.status = 'submitted' and r.submitter_kind = 'enterprise' order by r.id limit 1`)) as unknown as { name: string; idNumber: string; org: number }[];
  // The queue as the centre sees it: the admin scope is `true`, so only the filters below narrow it.
  const admin = { id: 0, username: "admin", role: "admin", displayName: "注册中心", personId: null, organizationId: null } as unknown as SessionUser;
  const queue = (f: RegistrationListFilter, page = 1) => listRegistrations(db, admin, { ...f, order: "oldest", page, pageSize: 20 });
  const cases: [string, RegistrationListFilter, number?][] = [
    ["待审核，第 1 页（默认）", { statuses: ["submitted"] }],
    ["待审核，第 50 页", { statuses: ["submitted"] }, 50],
    ["某考试计划的待审核", { statuses: ["submitted"], planId: plans[3] }],
    ["某单位的待审核", { statuses: ["submitted"], orgId: sample.org }],
    ["提交方为培训机构", { statuses: ["submitted"], submitterKind: "trainer" }],
    // "prefix" is what the page asks for by default (read-filters.ts); without it the query is a "contains" search.
    [`姓名开头为“${sample.name.slice(0, 1)}”`, { statuses: ["submitted"], name: sample.name.slice(0, 1), nameMode: "prefix" }],
    [`姓名开头为“${sample.name.slice(0, 2)}”（全部状态）`, { name: sample.name.slice(0, 2), nameMode: "prefix" }],
    [`某计划内姓名包含“${sample.name.slice(-1)}”`, { planId: plans[3], name: sample.name.slice(-1), nameMode: "contains" }],
    ["证件号码（完整）", { idNumber: sample.idNumber }],
    ["证件号码前 10 位", { idNumber: sample.idNumber.slice(0, 10) }],
  ];
  const results = new Map<string, number[]>();
  for (const [label, f, page] of cases) {
    for (let i = 0; i < 3; i++) await queue(f, page);
    const times: number[] = [];
    let peak = 0;
    let total = 0;
    for (let i = 0; i < 30; i++) {
      const m = await measure(() => queue(f, page));
      times.push(m.ms);
      peak = Math.max(peak, m.peakRssMb);
      total = m.result.total;
    }
    report(`审核队列：${label}`, `${median(times).toFixed(1)} ms median, ${percentile(times, 95).toFixed(1)} ms p95`, `${total.toLocaleString()} matching; peak RSS ${peak} MB; load ${loadAverage()}`);
    results.set(label, times);
  }
  // The one-character surname beside its floor, the two-character prefix, measured in this same run.
  const [one, two] = [...results.entries()].filter(([label]) => label.startsWith("姓名开头为"));
  report(
    `审核队列：${one[0]} vs ${two[0]}`,
    `${(median(one[1]) / median(two[1])).toFixed(1)}× median, ${(percentile(one[1], 95) / percentile(two[1], 95)).toFixed(1)}× p95`,
    `floor (two-character prefix) ${median(two[1]).toFixed(1)} ms median, ${percentile(two[1], 95).toFixed(1)} ms p95; target p95 ≤ 150 ms; load ${loadAverage()}`,
  );
  if (process.env.BENCH_EXPLAIN) {
    const plan = await db.execute(sql`explain analyze select count(*) from registrations r join persons p on p.id = r.person_id where r.status = 'submitted' and p.name like ${`${sample.name.slice(0, 1)}%`}`);
    console.error((plan as unknown as Record<string, string>[]).map((r) => Object.values(r)[0]).join("\n"));
  }
} finally {
  await client.end();
  await stop();
}
