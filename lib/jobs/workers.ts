import "server-only";
import os from "node:os";
import type { Db } from "@/db/client";
import { runBulkTickets } from "@/lib/services/batch-documents";
import { checkRegistrationBatch, confirmRegistrationBatch, loadActor, runBatchPhotos } from "@/lib/services/batch-registrations";
import { runExpiryReminders } from "@/lib/services/certificate-applications/reminders";
import { QUEUES, type Boss, type JobData, type QueueName } from "./queue";

/**
 * The one place that says which function runs each job. Handlers only call services: they hold no rules of
 * their own and are safe to run twice (a retry after a crash), because the services act on the batch's status.
 */
/** Which process ran a job, kept in the job's output (pgboss.job.output) for whoever investigates. */
const ranBy = () => ({ instance: `${os.hostname()}:${process.pid}` });

export async function registerWorkers(boss: Boss, db: Db, opts: { pollingIntervalSeconds?: number } = {}): Promise<LocalWorkers> {
  const poll = { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1, batchSize: 1 };
  const workers: LocalWorkers = {};
  workers[QUEUES.batchCheck] = await boss.work<JobData[typeof QUEUES.batchCheck]>(QUEUES.batchCheck, poll, async ([job]) => {
    await checkRegistrationBatch(db, job.data.batchId);
    return ranBy();
  });
  workers[QUEUES.batchPhotos] = await boss.work<JobData[typeof QUEUES.batchPhotos]>(QUEUES.batchPhotos, poll, async ([job]) => {
    await runBatchPhotos(db, job.data.batchId);
    return ranBy();
  });
  workers[QUEUES.batchSave] = await boss.work<JobData[typeof QUEUES.batchSave]>(QUEUES.batchSave, poll, async ([job]) => {
    const actor = await loadActor(db, job.data.userId);
    if (!actor) return ranBy(); // the account was disabled meanwhile: nothing is saved on its behalf
    await confirmRegistrationBatch(db, actor, job.data.batchId);
    return ranBy();
  });
  await boss.work<JobData[typeof QUEUES.bulkTickets]>(QUEUES.bulkTickets, poll, async ([job]) => {
    await runBulkTickets(db, job.data.documentJobId);
    return ranBy();
  });
  // Safe to run twice (a retry, or a day's job sent by hand as well): the reminders' unique key decides.
  await boss.work<JobData[typeof QUEUES.expiryReminders]>(QUEUES.expiryReminders, poll, async ([job]) => {
    const r = await runExpiryReminders(db, job.data?.today);
    console.info(`[jobs] 证书到期提醒 ${r.today}: ${r.reminders} 条提醒，${r.notifications} 条站内消息，${r.emailed} 封邮件`);
    return ranBy();
  });
  return workers;
}

/** This process's worker of each queue (pg-boss worker ids), to wake one up when a job is queued here. */
export type LocalWorkers = Partial<Record<QueueName, string>>;
