import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { importBatches, registrations } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/roles";
import { enqueueBatchCheck, enqueueBatchSave, startJobs, stopJobs } from "@/lib/jobs";
import { attachBatchPhotos, getRegistrationBatch, uploadRegistrationBatch } from "@/lib/services/batch-registrations";
import { actAs } from "../support/users";
import { goodRow, smallJpeg, workbookWith, zipOf } from "./batch-fixtures";
import { planByCode } from "./person-fixtures";

let enterprise: SessionUser;
let dg: number;

beforeAll(async () => {
  enterprise = (await actAs("chengjian"))!;
  dg = (await planByCode("KS2026-DG-04")).id;
});

afterAll(async () => {
  await stopJobs({ graceful: false });
});

async function until(batchId: number, status: string, timeoutMs = 30_000) {
  const t0 = Date.now();
  for (;;) {
    const [b] = await db.select().from(importBatches).where(eq(importBatches.id, batchId));
    if (b.status === status) return b;
    if (Date.now() - t0 > timeoutMs) throw new Error(`batch ${batchId} still ${b.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("后台任务：批量报名的检查和保存", () => {
  it("批量报名：后台检查和保存，进度写入批次；任务在重启后继续执行", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => goodRow(900 + i));
    const data = await workbookWith(rows);
    const b = await uploadRegistrationBatch(db, enterprise, { planId: dg, data, fileName: "后台.xlsx" });
    expect(b.status).toBe("checking");

    // Queued while no worker runs (the server is down): the job waits in PostgreSQL.
    await startJobs({ workers: false });
    await enqueueBatchCheck(b.id);
    await stopJobs();
    const [{ n }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = 'registration-batch-check' and state = 'created'`);
    expect(n).toBe(1);
    expect((await getRegistrationBatch(db, enterprise, b.id)).status).toBe("checking");

    // The next start picks it up.
    await startJobs({ pollingIntervalSeconds: 0.5 });
    const checked = await until(b.id, "checked");
    expect(checked).toMatchObject({ totalRows: 30, processedRows: 30, okRows: 30 });

    const jpeg = await smallJpeg();
    await attachBatchPhotos(db, enterprise, b.id, [{ name: "p.zip", data: zipOf(Object.fromEntries(rows.map((r) => [`${r.idNumber}.jpg`, jpeg]))) }]);
    await enqueueBatchSave(enterprise, b.id);
    const applied = await until(b.id, "applied");
    expect(applied.okRows).toBe(30);
    expect(await db.$count(registrations, eq(registrations.importBatchId, b.id))).toBe(30);
  });

  it("打印准考证：后台生成全部准考证 PDF，显示进度，完成后本单位可以下载，其他单位不能", async () => {
    const { and } = await import("drizzle-orm");
    const { enqueueBulkTickets } = await import("@/lib/jobs");
    const { documentJobFile, getDocumentJob } = await import("@/lib/services/batch-documents");
    const { AccessDenied } = await import("@/lib/auth/guards");
    const { seat, setTicketWindow } = await import("./person-fixtures");
    const sg = (await planByCode("KS2026-SG-04")).id;
    const [mine] = await db.select({ id: registrations.id }).from(registrations).where(and(eq(registrations.planId, sg), eq(registrations.submitterOrgId, enterprise.organizationId!)));
    await seat(mine.id);
    await setTicketWindow(sg, -1, 5);
    await startJobs({ pollingIntervalSeconds: 0.5 });
    const job = await enqueueBulkTickets(enterprise, sg);
    const t0 = Date.now();
    let state = await getDocumentJob(db, enterprise, job.id);
    while (state.status !== "done" && state.status !== "failed" && Date.now() - t0 < 60_000) {
      await new Promise((r) => setTimeout(r, 300));
      state = await getDocumentJob(db, enterprise, job.id);
    }
    expect(state).toMatchObject({ status: "done", ready: true });
    expect(state.done).toBeGreaterThan(0);
    const file = await documentJobFile(db, enterprise, job.id);
    expect(file!.data.subarray(0, 5).toString()).toBe("%PDF-");
    expect(file!.data.toString("latin1").match(/\/Type\s*\/Page\b/g)).toHaveLength(state.done);
    const other = (await actAs("zhuzong"))!;
    await expect(documentJobFile(db, other, job.id)).rejects.toBeInstanceOf(AccessDenied);
  });
});

describe("后台任务失败时页面显示原因", () => {
  it("检查、保存、照片和准考证任务最后一次重试也失败（进程每次被结束或每次出错）后，页面显示处理失败和原因，不会一直等待", async () => {
    const { QUEUES } = await import("@/lib/jobs/queue");
    const { JOB_FAILED_MESSAGES } = await import("@/lib/jobs/failures");
    const { checkRegistrationBatch, queueBatchPhotos } = await import("@/lib/services/batch-registrations");
    const { getDocumentJob, requestBulkTickets } = await import("@/lib/services/batch-documents");
    await stopJobs({ graceful: false });
    const boss = await startJobs({ workers: false });
    const upload = async (seq: number, fileName: string) => uploadRegistrationBatch(db, enterprise, { planId: dg, data: await workbookWith([goodRow(seq)]), fileName });
    const toCheck = await upload(950, "失败-检查.xlsx");
    const toSave = await upload(951, "失败-保存.xlsx");
    await checkRegistrationBatch(db, toSave.id);
    const forPhotos = await upload(952, "失败-照片.xlsx");
    await checkRegistrationBatch(db, forPhotos.id);
    await queueBatchPhotos(db, enterprise, forPhotos.id, [{ name: "p.jpg", data: await smallJpeg() }]);
    const tickets = await requestBulkTickets(db, enterprise, (await planByCode("KS2026-SG-04")).id);

    // Each job on its last try (retryLimit 0) fails, as one does after its retries.
    const failLastTry = async (name: string, data: object) => {
      await boss.send(name, data, { retryLimit: 0 });
      const [job] = await boss.fetch(name);
      expect(job.data).toEqual(data);
      await boss.fail(name, job.id, { message: "测试：任务失败" });
    };
    await failLastTry(QUEUES.batchCheck, { batchId: toCheck.id });
    await failLastTry(QUEUES.batchSave, { batchId: toSave.id, userId: enterprise.id });
    await failLastTry(QUEUES.batchPhotos, { batchId: forPhotos.id });
    await failLastTry(QUEUES.bulkTickets, { documentJobId: tickets.id });
    await stopJobs();

    await startJobs({ pollingIntervalSeconds: 0.5 });
    await until(toCheck.id, "failed");
    await until(toSave.id, "failed");
    // What the pages poll.
    expect(await getRegistrationBatch(db, enterprise, toCheck.id)).toMatchObject({ status: "failed", message: JOB_FAILED_MESSAGES[QUEUES.batchCheck] });
    expect(await getRegistrationBatch(db, enterprise, toSave.id)).toMatchObject({ status: "failed", message: JOB_FAILED_MESSAGES[QUEUES.batchSave] });
    expect(await db.$count(registrations, eq(registrations.importBatchId, toSave.id))).toBe(0);
    const t0 = Date.now();
    let doc = await getDocumentJob(db, enterprise, tickets.id);
    let photos = await getRegistrationBatch(db, enterprise, forPhotos.id);
    while ((doc.status !== "failed" || photos.photoJob?.status !== "failed") && Date.now() - t0 < 30_000) {
      await new Promise((r) => setTimeout(r, 200));
      doc = await getDocumentJob(db, enterprise, tickets.id);
      photos = await getRegistrationBatch(db, enterprise, forPhotos.id);
    }
    expect(doc).toMatchObject({ status: "failed", message: JOB_FAILED_MESSAGES[QUEUES.bulkTickets], ready: false });
    expect(photos).toMatchObject({ status: "checked", photoJob: { status: "failed", error: JOB_FAILED_MESSAGES[QUEUES.batchPhotos] } });
    // The same file uploaded again starts a new batch instead of finding the failed one.
    const again = await upload(950, "失败-检查.xlsx");
    expect(again.id).not.toBe(toCheck.id);
  });

  it("确认导入后报名已截止：保存任务不重试，批次立即显示处理失败和原因（报名已截止）", async () => {
    const { checkRegistrationBatch } = await import("@/lib/services/batch-registrations");
    await stopJobs({ graceful: false });
    const rows = [goodRow(970), goodRow(971)];
    const b = await uploadRegistrationBatch(db, enterprise, { planId: dg, data: await workbookWith(rows), fileName: "截止.xlsx" });
    await checkRegistrationBatch(db, b.id);
    const jpeg = await smallJpeg();
    await attachBatchPhotos(db, enterprise, b.id, [{ name: "p.zip", data: zipOf(Object.fromEntries(rows.map((r) => [`${r.idNumber}.jpg`, jpeg]))) }]);
    const [{ end }] = await db.execute<{ end: string }>(sql`select registration_end_at::text as "end" from exam_plans where id = ${dg}`);
    await db.execute(sql`update exam_plans set registration_end_at = now() - interval '1 minute' where id = ${dg}`);
    try {
      await startJobs({ pollingIntervalSeconds: 0.5 });
      const { QUEUES } = await import("@/lib/jobs/queue");
      await enqueueBatchSave(enterprise, b.id);
      const failed = await until(b.id, "failed", 20_000);
      // At once: the save job's first try ends it (not three retries 5 s apart).
      const jobs = await db.execute<{ state: string; retries: number }>(sql`select state::text, retry_count as retries from pgboss.job
        where name = ${QUEUES.batchSave} and (data->>'batchId')::int = ${b.id}`);
      expect(jobs.map((j) => ({ ...j }))).toEqual([{ state: "completed", retries: 0 }]);
      expect(failed.message).toMatch(/^报名已截止（报名时间为 /);
      expect(await db.$count(registrations, eq(registrations.importBatchId, b.id))).toBe(0);
    } finally {
      await db.execute(sql`update exam_plans set registration_end_at = ${end}::timestamptz where id = ${dg}`);
    }
  });
});
