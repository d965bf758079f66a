/**
 * 发证: 20,000 passers of one plan get certificates in one transaction (one INSERT … SELECT numbered from a
 * reserved serial block, plus 20,000 notifications and one audit row); issuing again issues nothing.
 */
import { sql } from "drizzle-orm";
import { createDb } from "../db/client";
import { issueCertificates } from "../lib/services/admin/certificates";
import { transitionPlan } from "../lib/services/admin/plans";
import { publishResults } from "../lib/services/admin/scores";
import { arrangeSeats } from "../lib/services/admin/seating";
import { adminSession, makeCandidates, makePlan, makeVenue } from "../tests/integration/admin-fixtures";
import { benchServer, freshDatabase, measure, report } from "./support";

const N = Number(process.env.BENCH_CANDIDATES ?? 20_000);
const { serverUrl, stop } = await benchServer();
const url = await freshDatabase(serverUrl, "bench_admin_certificates");
const { db, client } = createDb(url);
try {
  const venue = await makeVenue(db, "压力测试考点", Math.ceil(N / 400), 400);
  const plan = await makePlan(db, { status: "closed", venueIds: [venue], examInDays: -1 });
  await makeCandidates(db, plan.id, N, { status: "paid" });
  const admin = await adminSession(db);
  await arrangeSeats(db, admin, plan.id, {}, null);
  await transitionPlan(db, admin, plan.id, "hold", null);
  await db.execute(sql`update registrations set score = 80, passed = true, result_recorded_at = now() where plan_id = ${plan.id}`);
  await publishResults(db, admin, plan.id, null);
  await db.execute(sql`vacuum analyze`);

  const issue = await measure(() => issueCertificates(db, admin, plan.id, null));
  if (issue.result.issued !== N) throw new Error(JSON.stringify(issue.result));
  const [{ n, distinct }] = (await db.execute(sql`
    select count(*)::int as n, count(distinct certificate_no)::int as distinct from certificates c
    join registrations r on r.id = c.registration_id where r.plan_id = ${plan.id}`)) as unknown as { n: number; distinct: number }[];
  if (n !== N || distinct !== N) throw new Error(`certificates ${n}, distinct ${distinct}`);
  report(`发证：${N.toLocaleString()} 名合格考生，一个事务`, `${(issue.ms / 1000).toFixed(2)} s`, `peak RSS ${issue.peakRssMb} MB; ${issue.result.firstNo} … ${issue.result.lastNo}`);

  const again = await measure(() => issueCertificates(db, admin, plan.id, null));
  if (again.result.issued !== 0) throw new Error("issued twice");
  report("再次发证（全部已发证，不重复发）", `${again.ms.toFixed(0)} ms`, `peak RSS ${again.peakRssMb} MB`);
} finally {
  await client.end();
  await stop();
}
