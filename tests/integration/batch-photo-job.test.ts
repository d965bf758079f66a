/**
 * 照片批量上传 of many photos runs as a background job (pg-boss) with progress on the batch: the page polls
 * getRegistrationBatch for photoJob. A job queued while no worker runs waits for the next start.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { importBatches } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/roles";
import { enqueueBatchPhotos, startJobs, stopJobs } from "@/lib/jobs";
import { checkRegistrationBatch, countPhotoFiles, getRegistrationBatch, PHOTOS_IN_REQUEST, uploadRegistrationBatch, ZIP_REFUSED } from "@/lib/services/batch-registrations";
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

async function photoJobDone(batchId: number, timeoutMs = 60_000) {
  const t0 = Date.now();
  for (;;) {
    const b = await getRegistrationBatch(db, enterprise, batchId);
    if (b.photoJob && (b.photoJob.status === "done" || b.photoJob.status === "failed")) return b;
    if (Date.now() - t0 > timeoutMs) throw new Error(`photo job of batch ${batchId} still ${b.photoJob?.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("后台任务：照片批量上传", () => {
  it("照片批量上传：照片多时在后台处理，进度写入批次，完成后显示对应结果；任务在重启后继续执行", async () => {
    const rows = Array.from({ length: 12 }, (_, i) => goodRow(3000 + i));
    const b = await uploadRegistrationBatch(db, enterprise, { planId: dg, data: await workbookWith(rows), fileName: "照片后台.xlsx" });
    await checkRegistrationBatch(db, b.id);
    const jpeg = await smallJpeg();
    // One row without a photo, one photo without a row.
    const files = Object.fromEntries(rows.slice(1).map((r) => [`${r.idNumber}.jpg`, jpeg]));
    files["110108197001010000.jpg"] = jpeg;
    const zip = zipOf(files);
    expect(countPhotoFiles([{ name: "照片.zip", data: zip }])).toBe(12);
    expect(PHOTOS_IN_REQUEST).toBeLessThan(1000);

    // Queued while no worker runs (the server is down): the uploads are kept and the job waits.
    await startJobs({ workers: false });
    const queued = await enqueueBatchPhotos(enterprise, b.id, [{ name: "照片.zip", data: zip }]);
    expect(queued.photoJob).toMatchObject({ status: "queued", result: null });
    await stopJobs();
    expect((await getRegistrationBatch(db, enterprise, b.id)).photoJob?.status).toBe("queued");

    await startJobs({ pollingIntervalSeconds: 0.5 });
    const done = await photoJobDone(b.id);
    expect(done.photoJob).toMatchObject({ status: "done", done: 12, total: 12, error: null, message: "照片上传成功：11 张已对应到报名行" });
    expect(done.photoJob!.result!.matched).toHaveLength(11);
    expect(done.photoJob!.result!.rowsWithoutPhoto.map((r) => r.row)).toEqual([2]);
    expect(done.photoJob!.result!.photosWithoutRow).toEqual(["110108197001010000.jpg"]);
    expect(done.photoCount).toBe(11);
    const [row] = await db.select({ photos: importBatches.photos }).from(importBatches).where(eq(importBatches.id, b.id));
    expect(Object.keys(row.photos).sort()).toEqual(rows.slice(1).map((r) => String(r.idNumber)).sort());
  });

  it("照片批量上传：后台处理时压缩包超出限制，显示拒绝原因", async () => {
    const b = await uploadRegistrationBatch(db, enterprise, { planId: dg, data: await workbookWith([goodRow(3100)]), fileName: "照片炸弹.xlsx" });
    await checkRegistrationBatch(db, b.id);
    const bomb = zipOf({ [`${goodRow(3100).idNumber}.jpg`]: new Uint8Array(64 * 1024 * 1024) }, 6);
    await startJobs({ pollingIntervalSeconds: 0.5 });
    await enqueueBatchPhotos(enterprise, b.id, [{ name: "bomb.zip", data: bomb }]);
    const done = await photoJobDone(b.id);
    expect(done.photoJob).toMatchObject({ status: "failed", error: ZIP_REFUSED, result: null });
    expect(done.photoCount).toBe(0);
  });
});
