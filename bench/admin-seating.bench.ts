/**
 * 考场编排: 20,000 paid candidates of one plan arranged into rooms and seats (50 rooms x 400 seats) in one
 * transaction, then arranged again keeping 5,000 printed tickets, then the sign-in sheets exported.
 */
import { sql } from "drizzle-orm";
import { createDb } from "../db/client";
import { arrangeSeats, signInSheets } from "../lib/services/admin/seating";
import { adminSession, makeCandidates, makePlan, makeVenue } from "../tests/integration/admin-fixtures";
import { benchServer, freshDatabase, measure, report } from "./support";

const N = Number(process.env.BENCH_CANDIDATES ?? 20_000);
const { serverUrl, stop } = await benchServer();
const url = await freshDatabase(serverUrl, "bench_admin_seating");
const { db, client } = createDb(url);
try {
  const venue = await makeVenue(db, "压力测试考点", Math.ceil(N / 400), 400);
  const plan = await makePlan(db, { status: "closed", venueIds: [venue] });
  const t0 = performance.now();
  await makeCandidates(db, plan.id, N, { status: "paid" });
  console.error(`[bench] setup: ${N} paid candidates in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await db.execute(sql`vacuum analyze`);
  const admin = await adminSession(db);

  const first = await measure(() => arrangeSeats(db, admin, plan.id, {}, null));
  const [{ n, distinct }] = (await db.execute(sql`
    select count(*)::int as n, count(distinct ticket_no)::int as distinct from registrations where plan_id = ${plan.id} and status = 'seated'`)) as unknown as { n: number; distinct: number }[];
  if (n !== N || distinct !== N) throw new Error(`seated ${n}, distinct tickets ${distinct}`);
  report(`考场编排：${N.toLocaleString()} 名已缴费考生，一个事务`, `${(first.ms / 1000).toFixed(2)} s`, `peak RSS ${first.peakRssMb} MB; 50 rooms x 400 seats`);

  await db.execute(sql`update registrations set ticket_printed_at = now() where id in (select id from registrations where plan_id = ${plan.id} order by id limit 5000)`);
  const again = await measure(() => arrangeSeats(db, admin, plan.id, {}, null));
  if (again.result.kept !== 5000 || again.result.placed !== N - 5000) throw new Error(JSON.stringify(again.result));
  report(`重新编排：保留 5,000 张已打印准考证，重排 ${(N - 5000).toLocaleString()} 人`, `${(again.ms / 1000).toFixed(2)} s`, `peak RSS ${again.peakRssMb} MB`);

  const sheets = await measure(() => signInSheets(db, admin, plan.id));
  report(`导出考场签到表：${N.toLocaleString()} 人，${Math.ceil(N / 400)} 个工作表`, `${(sheets.ms / 1000).toFixed(2)} s`, `peak RSS ${sheets.peakRssMb} MB; ${(sheets.result.data.length / 1024).toFixed(0)} KB`);
} finally {
  await client.end();
  await stop();
}
