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
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export type JobData = {
  [QUEUES.batchCheck]: { batchId: number };
  [QUEUES.batchSave]: { batchId: number; userId: number };
  [QUEUES.bulkTickets]: { documentJobId: number };
};

/** Retries after a crash or an error; the handlers are idempotent (they act on the batch's status). */
const QUEUE_OPTIONS = { retryLimit: 3, retryDelay: 5, expireInSeconds: 15 * 60 } as const;

export async function createBoss(sql: Sql) {
  const boss = new PgBoss({ db: postgresJsAdapter(sql), schema: "pgboss", supervise: true, schedule: false });
  boss.on("error", (e) => console.error("[jobs]", e));
  await boss.start();
  for (const name of Object.values(QUEUES)) {
    await boss.createQueue(name, QUEUE_OPTIONS);
  }
  return boss;
}

export type Boss = Awaited<ReturnType<typeof createBoss>>;

export async function enqueue<Q extends QueueName>(boss: Boss, name: Q, data: JobData[Q]) {
  return boss.send(name, data);
}
