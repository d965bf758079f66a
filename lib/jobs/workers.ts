import "server-only";
import os from "node:os";
import type { Db } from "@/db/client";
import { runBulkTickets } from "@/lib/services/batch-documents";
import { checkRegistrationBatch, confirmRegistrationBatch, loadActor, runBatchPhotos } from "@/lib/services/batch-registrations";
import { runExpiryReminders } from "@/lib/services/certificate-applications/reminders";
import { AccessDenied, ActionError } from "@/lib/errors";
import { fileStore } from "@/lib/storage";
import { sweepOrphanFiles } from "@/lib/storage/sweep";
import { failBatch, reportFailedJob } from "./failures";
import { FAILED_JOBS_QUEUE, QUEUES, type Boss, type JobData, type QueueName } from "./queue";

/** Which process ran a job, kept in the job's output (pgboss.job.output) for whoever investigates. */
const ranBy = () => ({ instance: `${os.hostname()}:${process.pid}` });

type Handler = (job: { data: never }) => Promise<unknown>;

/**
 * The one place that says which function runs each job. Handlers only call services: they hold no rules of
 * their own and are safe to run twice (a retry after a crash), because the services act on the batch's status.
 */
function handlers(db: Db): Record<QueueName, Handler> {
  const h: { [Q in QueueName]: (job: { data: JobData[Q] }) => Promise<unknown> } = {
    [QUEUES.batchCheck]: async (job) => {
      await checkRegistrationBatch(db, job.data.batchId);
      return ranBy();
    },
    [QUEUES.batchPhotos]: async (job) => {
      await runBatchPhotos(db, job.data.batchId);
      return ranBy();
    },
    [QUEUES.batchSave]: async (job) => {
      const actor = await loadActor(db, job.data.userId);
      if (!actor) return ranBy(); // the account was disabled meanwhile: nothing is saved on its behalf
      try {
        await confirmRegistrationBatch(db, actor, job.data.batchId);
      } catch (e) {
        // A refusal (registration closed since the check, the file gone) is the same on every retry: the batch
        // says why at once, instead of a general message after the retries.
        if (!(e instanceof ActionError || e instanceof AccessDenied)) throw e;
        await failBatch(db, job.data.batchId, e.message, ["checked", "applying"]);
      }
      return ranBy();
    },
    [QUEUES.bulkTickets]: async (job) => {
      await runBulkTickets(db, job.data.documentJobId);
      return ranBy();
    },
    // Safe to run twice (a retry, or a day's job sent by hand as well): the reminders' unique key decides.
    [QUEUES.expiryReminders]: async (job) => {
      const r = await runExpiryReminders(db, job.data?.today);
      console.info(`[jobs] 证书到期提醒 ${r.today}: ${r.reminders} 条提醒，${r.notifications} 条站内消息，${r.emailed} 封邮件`);
      return ranBy();
    },
    // Safe to run twice: a second run finds nothing left to delete (and deleting a missing key succeeds).
    [QUEUES.orphanFiles]: async () => {
      const r = await sweepOrphanFiles(db, fileStore());
      console.info(`[jobs] 清理孤立文件：删除 ${r.removed} 个（共检查 ${r.listed} 个）`);
      return { ...ranBy(), ...r };
    },
  };
  return h as unknown as Record<QueueName, Handler>;
}

/**
 * A worker polls every second; one that has not finished a poll for this long while running no job is stuck
 * (seen after PostgreSQL restarted under a serving app: the queue's rows were readable again, pages were served,
 * yet a worker never fetched another job). It is replaced by a new worker on the same queue.
 */
export const STUCK_WORKER_MS = 90_000;

export async function registerWorkers(
  boss: Boss,
  db: Db,
  opts: { pollingIntervalSeconds?: number; watchdogMs?: number } = {},
): Promise<LocalWorkers> {
  const poll = { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1, batchSize: 1 };
  const h = handlers(db);
  const workers: LocalWorkers = {};
  const workOn = async (name: QueueName | typeof FAILED_JOBS_QUEUE) => {
    if (name === FAILED_JOBS_QUEUE) {
      // A job that failed its last retry: what its page waits for is marked failed (see FAILED_JOBS_QUEUE).
      const withMetadata = { ...poll, includeMetadata: true } as const;
      await boss.work<unknown, unknown, typeof withMetadata>(name, withMetadata, async ([job]) => {
        await reportFailedJob(db, job.sourceName ?? "", job.data, job.sourceOutput);
        return ranBy();
      });
      return;
    }
    workers[name] = await boss.work<never>(name, poll, async ([job]) => h[name](job));
  };
  for (const name of [...Object.values(QUEUES), FAILED_JOBS_QUEUE] as const) await workOn(name);

  const timer = setInterval(() => {
    const now = Date.now();
    for (const w of boss.getWipData()) {
      const name = w.name as QueueName | typeof FAILED_JOBS_QUEUE;
      if ((!(name in h) && name !== FAILED_JOBS_QUEUE) || w.state !== "active" || w.count > 0) continue;
      const last = Math.max(w.lastFetchedOn ?? 0, w.lastJobEndedOn ?? 0, w.lastErrorOn ?? 0, w.createdOn);
      if (now - last < (opts.watchdogMs ?? STUCK_WORKER_MS)) continue;
      console.error(`[jobs] worker ${w.id} of ${name} has not polled for ${Math.round((now - last) / 1000)} s: replaced`);
      void boss.offWork(name, { id: w.id, wait: false }).catch(() => {});
      void workOn(name).catch((e) => console.error("[jobs] replacing a stuck worker failed", e));
    }
  }, 15_000);
  timer.unref();
  boss.once("stopped", () => clearInterval(timer));
  return workers;
}

/** This process's worker of each queue (pg-boss worker ids), to wake one up when a job is queued here. */
export type LocalWorkers = Partial<Record<QueueName, string>>;
