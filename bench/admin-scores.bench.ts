/**
 * 导入成绩: an .xlsx of 20,000 scores (准考证号, 姓名, 成绩) checked row by row and applied in one set-based
 * statement inside one transaction; then 发布成绩 (judging the absent, notifying 20,000 people) in one more.
 */
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { createDb } from "../db/client";
import { readXlsxRows } from "../lib/documents/xlsx";
import { transitionPlan } from "../lib/services/admin/plans";
import { importScores, publishResults } from "../lib/services/admin/scores";
import { arrangeSeats } from "../lib/services/admin/seating";
import { adminSession, makeCandidates, makePlan, makeVenue } from "../tests/integration/admin-fixtures";
import { benchServer, freshDatabase, loadAverage, measure, report } from "./support";

const N = Number(process.env.BENCH_CANDIDATES ?? 20_000);
// The process before any work (modules loaded): memory figures below are also given above this.
const idleRssMb = Math.round(process.memoryUsage().rss / 1048576);
const { serverUrl, stop } = await benchServer();
const url = await freshDatabase(serverUrl, "bench_admin_scores");
const { db, client } = createDb(url);
try {
  const venue = await makeVenue(db, "压力测试考点", Math.ceil(N / 400), 400);
  const plan = await makePlan(db, { status: "closed", venueIds: [venue], examInDays: -1 });
  await makeCandidates(db, plan.id, N, { status: "paid" });
  const admin = await adminSession(db);
  await arrangeSeats(db, admin, plan.id, {}, null);
  await transitionPlan(db, admin, plan.id, "hold", null);
  await db.execute(sql`vacuum analyze`);

  const rows = (await db.execute(sql`
    select r.ticket_no as "ticketNo", p.name from registrations r join persons p on p.id = r.person_id
    where r.plan_id = ${plan.id} order by r.ticket_no`)) as unknown as { ticketNo: string; name: string }[];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("成绩");
  ws.addRow(["准考证号", "姓名", "成绩"]);
  rows.forEach((r, i) => ws.addRow([r.ticketNo, r.name, i % 50 === 0 ? "缺考" : 40 + ((i * 37) % 60) + (i % 2 ? 0.5 : 0)]));
  const data = Buffer.from(await wb.xlsx.writeBuffer());

  global.gc?.();
  const parse = await measure(() => readXlsxRows(data, { maxRows: 50_000 }));
  report(
    `读取成绩表：${N.toLocaleString()} 行 .xlsx（${(data.length / 1024).toFixed(0)} KB）`,
    `${(parse.ms / 1000).toFixed(2)} s`,
    `peak RSS ${parse.peakRssMb} MB (${parse.peakRssMb - idleRssMb} MB above the idle process, ${idleRssMb} MB); the floor of the import below; load ${loadAverage()}`,
  );

  global.gc?.();
  const imp = await measure(() => importScores(db, admin, { planId: plan.id, data, fileName: "成绩.xlsx" }, null));
  if (!imp.result.applied || imp.result.okRows !== N) throw new Error(JSON.stringify(imp.result.errors.slice(0, 3)));
  report(
    `导入成绩：${N.toLocaleString()} 行，逐行校验后一个事务写入`,
    `${(imp.ms / 1000).toFixed(2)} s = ${(imp.ms / parse.ms).toFixed(2)}× reading the file`,
    `peak RSS ${imp.peakRssMb} MB (${imp.peakRssMb - idleRssMb} MB above idle; target ≤ 250 MB); includes reading the file; load ${loadAverage()}`,
  );

  // A file with one bad row is refused whole: the cost of finding that out.
  ws.getRow(N + 1).getCell(3).value = "一百";
  const bad = Buffer.from(await wb.xlsx.writeBuffer());
  const refused = await measure(() => importScores(db, admin, { planId: plan.id, data: bad, fileName: "成绩-有错.xlsx" }, null));
  if (refused.result.applied || refused.result.errors.length !== 1) throw new Error("expected one error");
  report(`导入成绩（最后一行有错，整表不导入）：${N.toLocaleString()} 行`, `${(refused.ms / 1000).toFixed(2)} s`, `peak RSS ${refused.peakRssMb} MB`);

  const pub = await measure(() => publishResults(db, admin, plan.id, null));
  report(`发布成绩：${N.toLocaleString()} 名考生，通知每人`, `${(pub.ms / 1000).toFixed(2)} s`, `peak RSS ${pub.peakRssMb} MB; ${pub.result.passed.toLocaleString()} passed`);
} finally {
  await client.end();
  await stop();
}
