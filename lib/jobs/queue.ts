import "server-only";
import { PgBoss } from "pg-boss";
import type { Sql } from "postgres";
import { postgresJsAdapter } from "./postgres-adapter";

/**
 * The background job queue: pg-boss keeps its jobs in PostgreSQL (schema pgboss), so any app instance can
 * pick a job up and a job survives a restart (an active job whose worker died is retried once it expires).
 */

export const QUEUES = {
  /** Check every row of an uploaded 批量报名 file. Data: { batchId }. */
  batchCheck: "registration-batch-check",
  /** Save the good rows of a checked batch. Data: { batchId, userId }. */
  batchSave: "registration-batch-save",
  /** Normalise and match the photos uploaded for a batch (照片批量上传 of many photos). Data: { batchId }. */
  batchPhotos: "registration-batch-photos",
  /** Render all printable tickets of a plan for a submitter into one stored PDF. Data: { documentJobId }. */
  bulkTickets: "bulk-tickets",
  /** The daily 证书到期提醒. Data: { today? } (a Beijing date; the day it runs when absent). */
  expiryReminders: "certificate-expiry-reminders",
  /** The daily sweep of orphaned file-store objects (lib/storage/sweep.ts). No data. */
  orphanFiles: "orphan-files-sweep",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export type JobData = {
  [QUEUES.batchCheck]: { batchId: number };
  [QUEUES.batchSave]: { batchId: number; userId: number };
  [QUEUES.batchPhotos]: { batchId: number };
  [QUEUES.bulkTickets]: { documentJobId: number };
  [QUEUES.expiryReminders]: { today?: string } | null;
  [QUEUES.orphanFiles]: null;
};

/**
 * 证书到期提醒 once a day at 06:00 Beijing time. pg-boss keeps one schedule row; each instance's cron pass (every
 * 30 s, claimed through a timestamp so one instance runs it at a time) files the due occurrence as a job on its
 * internal `__pgboss__send-it` queue under a singleton key and the occurrence's minute, so two passes, or two
 * instances, file it once; that job then sends the real one. The send itself carried no de-duplication, so a
 * send-it job run twice (retried after its worker died, or after it expired) sent the reminders job twice. The
 * schedule's send options close that: `singletonKey` with `singletonSeconds` files every job the schedule sends in a
 * 12-hour slot (counted from the Unix epoch: 08:00–20:00 and 20:00–08:00 Beijing time) and pg-boss's unique index
 * refuses a second job in a slot, whatever its state. 06:00 lies two hours before the end of its slot, so a
 * repeated send lands in the same one, while a catch-up sent after 08:00 for a missed 06:00 cannot take the
 * next morning's slot. An occurrence missed while every instance was down is sent once on the next start
 * (`missed: 'once'`). The queue's `singleton` policy runs one reminder job (per singleton key) at a time; jobs sent
 * by hand share the key, so they queue behind the scheduled one instead of running beside it. The service itself
 * never reminds twice either way (its unique key); see docs/certificate-services.md.
 */
export const EXPIRY_REMINDER_SCHEDULE = { cron: "0 6 * * *", tz: "Asia/Shanghai" } as const;
const DAILY_SINGLETON = { singletonKey: "daily", singletonSeconds: 12 * 60 * 60 } as const;
export const EXPIRY_REMINDER_SINGLETON = DAILY_SINGLETON;

/**
 * The sweep of orphaned file-store objects once a day at 03:30 Beijing time (19:30 UTC), when few uploads run,
 * scheduled like the reminders above: 03:30 lies in the 20:00–08:00 Beijing slot, four and a half hours before its
 * end, so a repeated send lands in the same slot and a catch-up after 08:00 cannot take the next night's. One run
 * a day however many instances are up, and never two at once (the queue's `singleton` policy); a run sent by hand
 * queues behind a scheduled one. Running it twice is harmless anyway: the second finds nothing left to delete.
 */
export const ORPHAN_SWEEP_SCHEDULE = { cron: "30 3 * * *", tz: "Asia/Shanghai" } as const;
export const ORPHAN_SWEEP_SINGLETON = DAILY_SINGLETON;

/** The queues a schedule sends to once a day, with the schedule and the send options that keep it to once. */
const DAILY_JOBS = [
  { name: QUEUES.expiryReminders, ...EXPIRY_REMINDER_SCHEDULE, singleton: EXPIRY_REMINDER_SINGLETON },
  { name: QUEUES.orphanFiles, ...ORPHAN_SWEEP_SCHEDULE, singleton: ORPHAN_SWEEP_SINGLETON },
] as const;

/**
 * Retries after a crash or an error; the handlers are idempotent (they act on the batch's status). A worker sends
 * a heartbeat every 15 s while it runs a job; a job whose worker died (kill -9, a lost machine) misses it and is
 * failed by the next supervision pass of any instance (every 60 s), then retried after retryDelay, so it is
 * picked up again within about two minutes instead of at expireInSeconds. A job that keeps failing stays
 * in pgboss.job as failed, with its error in `output`, and a copy goes to FAILED_JOBS_QUEUE.
 */
export const QUEUE_OPTIONS = { retryLimit: 3, retryDelay: 5, expireInSeconds: 15 * 60, heartbeatSeconds: 30 } as const;

/**
 * The dead-letter queue of every queue above: pg-boss puts a copy of a job there once it has failed its last retry
 * (thrown each time, or its worker killed each time), and its worker marks what the user waits for (the batch, the
 * photo upload, the ticket PDF) as failed with a message, so that no page waits for good (lib/jobs/failures.ts).
 */
export const FAILED_JOBS_QUEUE = "jobs-failed";
const QUEUE_OVERRIDES: Partial<Record<QueueName, { policy: "singleton" }>> = Object.fromEntries(
  DAILY_JOBS.map((d) => [d.name, { policy: "singleton" }]),
);

/**
 * `schedule: true` makes this instance take part in sending scheduled jobs (the app server); scripts and tests
 * that only enqueue leave it off.
 */
export async function createBoss(sql: Sql, opts: { schedule?: boolean; cronMonitorIntervalSeconds?: number } = {}) {
  const boss = new PgBoss({
    db: postgresJsAdapter(sql),
    schema: "pgboss",
    supervise: true,
    schedule: opts.schedule ?? false,
    ...(opts.cronMonitorIntervalSeconds ? { cronMonitorIntervalSeconds: opts.cronMonitorIntervalSeconds } : {}),
  });
  boss.on("error", (e) => console.error("[jobs]", e));
  await boss.start();
  // Before the queues that name it as their dead-letter queue.
  await boss.createQueue(FAILED_JOBS_QUEUE, QUEUE_OPTIONS);
  for (const name of Object.values(QUEUES)) {
    const options = { ...QUEUE_OPTIONS, deadLetter: FAILED_JOBS_QUEUE };
    // createQueue leaves an existing queue as it is; updateQueue brings one made by an older release up to date.
    await boss.createQueue(name, { ...options, ...QUEUE_OVERRIDES[name] });
    await boss.updateQueue(name, options);
  }
  if (opts.schedule) {
    for (const { name, cron, tz, singleton } of DAILY_JOBS) await boss.schedule(name, cron, null, { tz, missed: "once", ...singleton });
  }
  return boss;
}

export type Boss = Awaited<ReturnType<typeof createBoss>>;

export async function enqueue<Q extends QueueName>(boss: Boss, name: Q, data: JobData[Q]) {
  // A daily job sent by hand waits for a scheduled one in progress (same singleton key), and is never dropped.
  const daily = DAILY_JOBS.find((d) => d.name === name);
  if (daily) return boss.send(name, data, { singletonKey: daily.singleton.singletonKey });
  return boss.send(name, data);
}
