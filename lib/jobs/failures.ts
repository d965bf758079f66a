import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { documentJobs, importBatches } from "@/db/schema";
import { QUEUES, type JobData, type QueueName } from "./queue";

/** What the user reads on the page once a job has failed its last retry. */
export const JOB_FAILED_MESSAGES = {
  [QUEUES.batchCheck]: "检查报名表时出错，多次重试仍未完成；请重新上传报名表，如仍失败请联系考务中心",
  [QUEUES.batchSave]: "保存报名时出错，多次重试仍未完成，没有保存任何报名；请重新上传报名表，如仍失败请联系考务中心",
  [QUEUES.batchPhotos]: "照片处理失败，多次重试仍未完成；请重新上传照片，如仍失败请联系考务中心",
  [QUEUES.bulkTickets]: "生成准考证时出错，多次重试仍未完成；请重新申请下载，如仍失败请联系考务中心",
} as const;

/**
 * A job of `queue` has failed every retry (its copy arrived on FAILED_JOBS_QUEUE): the record its page polls is
 * marked failed with a message, unless the job got as far as finishing it (a worker killed after its last commit).
 * The batch save is one transaction, so a failed save saved nothing and the batch is failed as a whole: the same
 * file uploaded again starts a new batch. The daily jobs (reminders, orphan-file sweep) have no page; their failure is logged.
 */
export async function reportFailedJob(db: Db, queue: string, data: unknown, output?: unknown) {
  console.error(`[jobs] ${queue} failed every retry`, JSON.stringify(data), JSON.stringify(output ?? null));
  const q = queue as QueueName;
  switch (q) {
    case QUEUES.batchCheck:
    case QUEUES.batchSave: {
      const { batchId } = data as JobData[typeof QUEUES.batchCheck];
      await failBatch(db, batchId, JOB_FAILED_MESSAGES[q], q === QUEUES.batchCheck ? ["checking"] : ["checked", "applying"]);
      return;
    }
    case QUEUES.batchPhotos: {
      const { batchId } = data as JobData[typeof QUEUES.batchPhotos];
      const patch = JSON.stringify({ status: "failed", error: JOB_FAILED_MESSAGES[q] });
      await db.execute(sql`
        update import_batches set photo_job = photo_job || ${patch}::jsonb
        where id = ${batchId} and photo_job->>'status' in ('queued', 'running')`);
      return;
    }
    case QUEUES.bulkTickets: {
      const { documentJobId } = data as JobData[typeof QUEUES.bulkTickets];
      await db
        .update(documentJobs)
        .set({ status: "failed", message: JOB_FAILED_MESSAGES[q], finishedAt: new Date() })
        .where(and(eq(documentJobs.id, documentJobId), inArray(documentJobs.status, ["queued", "running"])));
      return;
    }
    default:
      return;
  }
}

/** A 批量报名 batch still in one of `from` becomes 处理失败 with `message` (what its page shows). */
export async function failBatch(db: Db, batchId: number, message: string, from: ("checking" | "checked" | "applying")[]) {
  await db
    .update(importBatches)
    .set({ status: "failed", message, finishedAt: new Date() })
    .where(and(eq(importBatches.id, batchId), inArray(importBatches.status, from)));
}
