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
  /** Render all printable tickets of a plan for a submitter into one stored PDF. Data: { documentJobId }. */
  bulkTickets: "bulk-tickets",
  /** The daily 证书到期提醒. Data: { today? } (a Beijing date; the day it runs when absent). */
  expiryReminders: "certificate-expiry-reminders",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export type JobData = {
  [QUEUES.batchCheck]: { batchId: number };
  [QUEUES.batchSave]: { batchId: number; userId: number };
  [QUEUES.bulkTickets]: { documentJobId: number };
  [QUEUES.expiryReminders]: { today?: string } | null;
};

/**
 * 证书到期提醒 once a day at 06:00 Beijing time. pg-boss keeps one schedule row and its cron pass sends one job
 * per occurrence however many instances run it; an occurrence missed while every instance was down is sent once
 * on the next start. The queue runs one reminder job at a time, and the service itself never reminds twice.
 */
export const EXPIRY_REMINDER_SCHEDULE = { cron: "0 6 * * *", tz: "Asia/Shanghai" } as const;

/**
 * Retries after a crash or an error; the handlers are idempotent (they act on the batch's status). A worker sends
 * a heartbeat every 15 s while it runs a job; a job whose worker died (kill -9, a lost machine) misses it and is
 * failed by the next supervision pass of any instance (every 60 s), then retried after retryDelay, so it is
 * picked up again within about two minutes instead of at expireInSeconds. A job that keeps failing stays
 * in pgboss.job as failed, with its error in `output`.
 */
export const QUEUE_OPTIONS = { retryLimit: 3, retryDelay: 5, expireInSeconds: 15 * 60, heartbeatSeconds: 30 } as const;
const QUEUE_OVERRIDES: Partial<Record<QueueName, { policy: "singleton" }>> = { [QUEUES.expiryReminders]: { policy: "singleton" } };

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
  for (const name of Object.values(QUEUES)) {
    // createQueue leaves an existing queue as it is; updateQueue brings one made by an older release up to date.
    await boss.createQueue(name, { ...QUEUE_OPTIONS, ...QUEUE_OVERRIDES[name] });
    await boss.updateQueue(name, QUEUE_OPTIONS);
  }
  if (opts.schedule) {
    const { cron, tz } = EXPIRY_REMINDER_SCHEDULE;
    await boss.schedule(QUEUES.expiryReminders, cron, null, { tz, missed: "once" });
  }
  return boss;
}

export type Boss = Awaited<ReturnType<typeof createBoss>>;

export async function enqueue<Q extends QueueName>(boss: Boss, name: Q, data: JobData[Q]) {
  return boss.send(name, data);
}
