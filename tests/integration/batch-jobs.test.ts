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
