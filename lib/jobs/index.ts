import "server-only";
import { db, sqlClient } from "@/db";
import type { SessionUser } from "@/lib/auth/roles";
import { requestBulkTickets } from "@/lib/services/batch-documents";
import { queueBatchPhotos } from "@/lib/services/batch-registrations";
import { createBoss, enqueue, QUEUES, type Boss, type JobData, type QueueName } from "./queue";
import { registerWorkers, type LocalWorkers } from "./workers";

export { QUEUES } from "./queue";

// One queue per process; `next dev` reloads modules, so keep it on globalThis.
const g = globalThis as unknown as { __kaowuJobs?: Promise<Boss>; __kaowuWorkers?: LocalWorkers };

/**
 * Starts the queue on the app's database and, unless `workers: false`, this process's workers. Called from
 * instrumentation.ts in the Next.js server; scripts and tests call it directly.
 */
export function startJobs(opts: { workers?: boolean; pollingIntervalSeconds?: number; cronMonitorIntervalSeconds?: number } = {}): Promise<Boss> {
  g.__kaowuJobs ??= (async () => {
    // An instance that works jobs also takes part in sending the scheduled ones (the daily reminders).
    const boss = await createBoss(sqlClient(), { schedule: opts.workers !== false, cronMonitorIntervalSeconds: opts.cronMonitorIntervalSeconds });
    g.__kaowuWorkers = opts.workers !== false ? await registerWorkers(boss, db, opts) : {};
    return boss;
  })();
  return g.__kaowuJobs;
}

/** Stops taking jobs and waits for the running ones (a graceful shutdown or the end of a test). */
export async function stopJobs(opts: { graceful?: boolean } = {}) {
  const boss = await g.__kaowuJobs;
  g.__kaowuJobs = undefined;
  g.__kaowuWorkers = undefined;
  await boss?.stop({ graceful: opts.graceful ?? true, close: false, timeout: 30_000 });
}

/**
 * Queues a job and, when this process has a worker for the queue, wakes it up at once instead of at its next
 * poll (up to a second later, twice for an upload that is checked and then saved). Any other instance's
 * worker may still take the job first; that is fine.
 */
async function enqueueAndWake<Q extends QueueName>(name: Q, data: JobData[Q]) {
  const boss = await startJobs();
  const id = await enqueue(boss, name, data);
  const worker = g.__kaowuWorkers?.[name];
  if (worker) boss.notifyWorker(worker);
  return id;
}

/** 批量报名 上传 → check in the background; the page polls getRegistrationBatch for progress. */
export async function enqueueBatchCheck(batchId: number) {
  return enqueueAndWake(QUEUES.batchCheck, { batchId });
}

/** 照片批量上传 of many photos → kept with the batch and normalised in the background (see queueBatchPhotos). */
export async function enqueueBatchPhotos(actor: SessionUser, batchId: number, uploads: { name: string; data: Buffer }[]) {
  const b = await queueBatchPhotos(db, actor, batchId, uploads);
  await enqueueAndWake(QUEUES.batchPhotos, { batchId });
  return b;
}

/** 确认导入 → save in the background on behalf of the user who confirmed. */
export async function enqueueBatchSave(actor: SessionUser, batchId: number) {
  return enqueueAndWake(QUEUES.batchSave, { batchId, userId: actor.id });
}

/** 证书到期提醒 now, for `today` (a Beijing date) or the current day: what the daily schedule sends. */
export async function enqueueExpiryReminders(today?: string) {
  return enqueue(await startJobs(), QUEUES.expiryReminders, today ? { today } : null);
}

/** The orphan-file sweep now (lib/storage/sweep.ts): what the daily schedule sends at 03:30. */
export async function enqueueOrphanSweep() {
  return enqueue(await startJobs(), QUEUES.orphanFiles, null);
}

/** 下载全部准考证: records the request and queues it; poll getDocumentJob, download documentJobFile. */
export async function enqueueBulkTickets(actor: SessionUser, planId: number) {
  const job = await requestBulkTickets(db, actor, planId);
  await enqueue(await startJobs(), QUEUES.bulkTickets, { documentJobId: job.id });
  return job;
}
