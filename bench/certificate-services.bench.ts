/**
 * 证书业务: approving a 申请批号 of 5,000 renewals in one transaction (set-based), and the daily 证书到期提醒 job
 * over 1,000,000 certificates (first run with the catch-up windows full, then the next day's run), with the plan
 * of the reminder query.
 */
import { sql } from "drizzle-orm";
import { createDb } from "../db/client";
import { applyForRenewal } from "../lib/services/certificate-applications/renewal";
import { approveBatch } from "../lib/services/certificate-applications/review";
import { dueReminders, runExpiryReminders } from "../lib/services/certificate-applications/reminders";
import { beijingDate } from "../lib/time";
import { adminSession } from "../tests/integration/admin-fixtures";
import { benchServer, freshDatabase, measure, report } from "./support";

const RENEWALS = Number(process.env.BENCH_RENEWALS ?? 5_000);
const CERTS = Number(process.env.BENCH_CERTIFICATES ?? 1_000_000);
const { serverUrl, stop } = await benchServer();
const url = await freshDatabase(serverUrl, "bench_certificate_services");
const { db, client } = createDb(url);
const today = beijingDate();
try {
  const [ent] = (await db.execute(sql`
    select id, username, role, display_name as "displayName", person_id as "personId", organization_id as "organizationId"
    from users where username = 'chengjian'`)) as unknown as Parameters<typeof applyForRenewal>[1][];
  const admin = await adminSession(db);

  // 1,000,000 certificates of 100,000 people, expiries spread evenly over a year back and two years ahead.
  const people = Math.ceil(CERTS / 10);
  await db.execute(sql`
    insert into persons (id_type, id_number, name, gender, employer_org_id, employer_name)
    select 'passport', 'B' || lpad(i::text, 8, '0'), '压测' || i, case when i % 2 = 0 then 'M' else 'F' end,
      case when i <= ${RENEWALS} then ${ent.organizationId}::int else null end, case when i <= ${RENEWALS} then '压测单位' else null end
    from generate_series(1, ${people}) i`);
  await db.execute(sql`
    insert into certificates (certificate_no, person_id, trade_id, source, holder_name, employer_name, issue_date, valid_until, issuer)
    select 'YC' || lpad(i::text, 9, '0'), p.id, (select min(id) from trades), 'exam', p.name, p.employer_name,
      d - interval '3 years', d, '北京市住房和城乡建设委员会'
    from generate_series(1, ${CERTS}) i
    join persons p on p.id_number = 'B' || lpad((1 + (i - 1) % ${people})::text, 8, '0')
    cross join lateral (select (${today}::date - 365 + ((i::bigint * 7919) % 1095)::int) as d) x`);
  // The first RENEWALS people's certificates expire in 30 days, so the enterprise can renew 5,000 of them.
  await db.execute(sql`update certificates set valid_until = ${today}::date + 30
    where id in (select min(c.id) from certificates c join persons p on p.id = c.person_id where p.employer_org_id = ${ent.organizationId} and p.id_number like 'B%' group by p.id)`);
  await db.execute(sql`vacuum analyze`);

  const ids = ((await db.execute(sql`select c.id from certificates c join persons p on p.id = c.person_id
    where p.employer_org_id = ${ent.organizationId} and c.valid_until = ${today}::date + 30 order by c.id limit ${RENEWALS}`)) as unknown as { id: number }[]).map((r) => r.id);
  const submit = await measure(() => applyForRenewal(db, ent, ids));
  if (submit.result.applied.length !== RENEWALS) throw new Error(JSON.stringify(submit.result.refused.slice(0, 3)));
  report(`申请证书续期：企业一次勾选 ${RENEWALS.toLocaleString()} 本`, `${(submit.ms / 1000).toFixed(2)} s`, `peak RSS ${submit.peakRssMb} MB; 申请批号 ${submit.result.batchNo}`);

  const approve = await measure(() => approveBatch(db, admin, submit.result.batchNo!));
  if (approve.result.approved.length !== RENEWALS) throw new Error(JSON.stringify(approve.result.skipped.slice(0, 3)));
  report(`续期审核：整批 ${RENEWALS.toLocaleString()} 本审核通过，一个事务`, `${(approve.ms / 1000).toFixed(2)} s`, `peak RSS ${approve.peakRssMb} MB; 新版本、通知、操作日志均为 INSERT … SELECT`);
  const again = await measure(() => approveBatch(db, admin, submit.result.batchNo!).catch((e: Error) => e.message));
  report("再次整批审核（已全部审核，不重复发证）", `${again.ms.toFixed(0)} ms`, String(typeof again.result === "string" ? again.result : "?"));

  const explain = async (day: string) => {
    const rows = (await db.execute(sql`explain (analyze, buffers, costs off) ${dueReminders(day)}`)) as unknown as { "QUERY PLAN": string }[];
    console.error(`-- reminder query for ${day}\n` + rows.map((r) => r["QUERY PLAN"]).join("\n"));
  };
  await db.execute(sql`vacuum analyze`);
  await explain(today);
  const first = await measure(() => runExpiryReminders(db, today, { mail: null }));
  report(
    `证书到期提醒：${CERTS.toLocaleString()} 本证书，首次运行（补齐各窗口）`,
    `${(first.ms / 1000).toFixed(2)} s`,
    `${first.result.reminders.toLocaleString()} 条提醒、${first.result.notifications.toLocaleString()} 条消息; peak RSS ${first.peakRssMb} MB`,
  );
  const tomorrow = new Date(Date.UTC(+today.slice(0, 4), +today.slice(5, 7) - 1, +today.slice(8, 10) + 1)).toISOString().slice(0, 10);
  await db.execute(sql`analyze certificate_reminders`);
  await explain(tomorrow);
  const next = await measure(() => runExpiryReminders(db, tomorrow, { mail: null }));
  report(
    `证书到期提醒：${CERTS.toLocaleString()} 本证书，次日例行运行`,
    `${(next.ms / 1000).toFixed(2)} s`,
    `${next.result.reminders.toLocaleString()} 条提醒、${next.result.notifications.toLocaleString()} 条消息`,
  );
  const same = await measure(() => runExpiryReminders(db, tomorrow, { mail: null }));
  if (same.result.reminders !== 0) throw new Error("reminded twice");
  report("证书到期提醒：同日再次运行（不重复提醒）", `${(same.ms / 1000).toFixed(2)} s`, "0 条");
} finally {
  await client.end();
  await stop();
}
