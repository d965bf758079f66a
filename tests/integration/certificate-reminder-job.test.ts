import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, sqlClient } from "@/db";
import { certificateReminders, notifications } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/roles";
import { enqueueExpiryReminders, QUEUES, startJobs, stopJobs } from "@/lib/jobs";
import { createBoss, EXPIRY_REMINDER_SCHEDULE, EXPIRY_REMINDER_SINGLETON, type Boss } from "@/lib/jobs/queue";
import { beijingDate } from "@/lib/time";
import { actAs } from "../support/users";
import { daysFromToday, makeCertificate, makePerson } from "./certificate-fixtures";

let enterprise: SessionUser;
let second: Boss | undefined;

beforeAll(async () => {
  enterprise = (await actAs("chengjian"))!;
});

afterAll(async () => {
  await second?.unschedule(QUEUES.expiryReminders, "every-minute-test").catch(() => {});
  await second?.stop({ graceful: false, close: false });
  await stopJobs({ graceful: false });
});

async function jobsSettled(ids: string[], timeoutMs = 30_000) {
  const t0 = Date.now();
  for (;;) {
    const rows = await db.execute<{ state: string }>(sql`select state from pgboss.job where id = any(${sql.param(ids)}::uuid[])`);
    if (rows.length === ids.length && rows.every((r) => r.state === "completed")) return;
    if (rows.some((r) => r.state === "failed")) throw new Error("reminder job failed");
    if (Date.now() - t0 > timeoutMs) throw new Error(`jobs still ${rows.map((r) => r.state).join(",")}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const remindersOf = (certificateId: number) => db.select().from(certificateReminders).where(eq(certificateReminders.certificateId, certificateId));
const holderMessages = (personId: number, certificateNo: string) =>
  db
    .select()
    .from(notifications)
    .where(and(eq(notifications.personId, personId), eq(notifications.kind, "certificate_expiry"), sql`${notifications.body} like ${`%${certificateNo}%`}`));

describe("证书到期提醒：每日任务", () => {
  it("证书到期提醒：每天北京时间 6:00 由任务队列发出（计划任务登记在 PostgreSQL 中，按 Asia/Shanghai 时区）", async () => {
    const boss = await startJobs({ pollingIntervalSeconds: 0.5 });
    const s = await boss.getSchedule(QUEUES.expiryReminders);
    expect(s).toMatchObject({ cron: "0 6 * * *", timezone: "Asia/Shanghai" });
    // 06:00 in Beijing is 22:00 UTC the day before.
    const next = boss.previewSchedule(EXPIRY_REMINDER_SCHEDULE.cron, { tz: EXPIRY_REMINDER_SCHEDULE.tz, from: new Date("2026-12-02T12:00:00Z"), count: 2 });
    expect(next.map((d) => d.toISOString())).toEqual(["2026-12-02T22:00:00.000Z", "2026-12-03T22:00:00.000Z"]);
  });

  it("证书到期提醒：计划任务的同一时刻被转发两次（如转发任务重试），只产生一个提醒任务；手动发出的不受限", async () => {
    const boss = await startJobs({ pollingIntervalSeconds: 0.5 });
    const s = await boss.getSchedule(QUEUES.expiryReminders);
    expect(s?.options).toMatchObject(EXPIRY_REMINDER_SINGLETON);
    // What pg-boss's send-it handler does with a filed occurrence: send the schedule's data with its stored options.
    const sendOptions = Object.fromEntries(Object.entries(s!.options ?? {}).filter(([k]) => !["tz", "key", "missed"].includes(k)));
    const first = await boss.send(QUEUES.expiryReminders, { marker: "forwarded-twice" }, sendOptions);
    const again = await boss.send(QUEUES.expiryReminders, { marker: "forwarded-twice" }, sendOptions);
    expect(first).toBeTruthy();
    expect(again).toBeNull();
    const byHand = [await enqueueExpiryReminders(), await enqueueExpiryReminders()];
    expect(byHand.every(Boolean)).toBe(true);
    await jobsSettled([first!, ...(byHand as string[])]);
  });

  it("证书到期提醒：同一天的任务发出两次（两个实例），每张证书只提醒一次", async () => {
    const p = await makePerson(db, { employerOrgId: enterprise.organizationId });
    const c = await makeCertificate(db, { personId: p.id, validUntil: daysFromToday(30) });
    await startJobs({ pollingIntervalSeconds: 0.5 });
    const ids = [await enqueueExpiryReminders(beijingDate()), await enqueueExpiryReminders(beijingDate())].filter((id): id is string => Boolean(id));
    expect(ids.length).toBe(2);
    await jobsSettled(ids);
    expect((await remindersOf(c.id)).map((r) => r.stage)).toEqual(["d30"]);
    expect(await holderMessages(p.id, c.certificateNo)).toHaveLength(1);
  });

  it(
    "证书到期提醒：两个实例都在运行时，计划任务每个时刻只发出一个任务，提醒由任务执行",
    async () => {
      const p = await makePerson(db, { employerOrgId: enterprise.organizationId });
      const c = await makeCertificate(db, { personId: p.id, validUntil: daysFromToday(7) });
      await stopJobs({ graceful: false });
      // Two app instances, both taking part in scheduling, with the cron pass every second so a minute's
      // occurrence comes within the test; the extra schedule fires every minute instead of once a day.
      await startJobs({ pollingIntervalSeconds: 0.5, cronMonitorIntervalSeconds: 1 });
      second = await createBoss(sqlClient(), { schedule: true, cronMonitorIntervalSeconds: 1 });
      await second.schedule(QUEUES.expiryReminders, "* * * * *", { marker: "every-minute-test" }, { key: "every-minute-test", tz: EXPIRY_REMINDER_SCHEDULE.tz });
      const t0 = Date.now();
      let jobs: { id: string; state: string; minute: string }[] = [];
      for (;;) {
        jobs = await db.execute<{ id: string; state: string; minute: string }>(sql`select id::text, state::text,
            to_char(date_trunc('minute', created_on), 'HH24:MI') as minute
          from pgboss.job where name = ${QUEUES.expiryReminders} and data->>'marker' = 'every-minute-test' order by created_on`);
        if (jobs.some((j) => j.state === "completed")) break;
        if (Date.now() - t0 > 80_000) throw new Error(`no scheduled job completed: ${JSON.stringify(jobs)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
      // Let both instances' cron passes run a few more times over the same minute, then stop the schedule and let
      // the occurrences already filed be forwarded.
      await new Promise((r) => setTimeout(r, 3_000));
      await second.unschedule(QUEUES.expiryReminders, "every-minute-test");
      for (const t1 = Date.now(); ; ) {
        const open = await db.execute(sql`select 1 from pgboss.job where name = '__pgboss__send-it' and data->>'key' = 'every-minute-test'
          and state <> 'completed'`);
        if (open.length === 0) break;
        if (Date.now() - t1 > 30_000) throw new Error("send-it jobs still open");
        await new Promise((r) => setTimeout(r, 300));
      }
      // Each occurrence is filed once on pg-boss's send-it queue, under its own minute (singleton_on), however many
      // passes saw it; each filed occurrence sends exactly one job. (Counting jobs by their created_on minute is not
      // the same thing: an occurrence found late in its minute is sent a moment after the next minute begins, beside
      // that minute's own job.)
      const filed = await db.execute<{ slot: string }>(sql`select singleton_on::text as slot from pgboss.job
        where name = '__pgboss__send-it' and data->>'key' = 'every-minute-test'`);
      jobs = await db.execute<{ id: string; state: string; minute: string }>(sql`select id::text, state::text,
          to_char(date_trunc('minute', created_on), 'HH24:MI') as minute
        from pgboss.job where name = ${QUEUES.expiryReminders} and data->>'marker' = 'every-minute-test'`);
      expect(filed.length).toBeGreaterThan(0);
      expect(new Set(filed.map((f) => f.slot)).size).toBe(filed.length);
      expect(jobs.length).toBe(filed.length);
      expect((await remindersOf(c.id)).map((r) => r.stage)).toEqual(["d7"]);
      expect(await holderMessages(p.id, c.certificateNo)).toHaveLength(1);
    },
    120_000,
  );
});
