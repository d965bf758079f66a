/**
 * The sweep of orphaned file-store objects (lib/storage/sweep.ts) against both stores: the local folder and an
 * S3-protocol server (s3rver, started here). Bytes whose `files` row never committed are deleted once older than
 * the grace period; referenced and young ones stay. Then the daily job that runs it.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { auditLogs, files } from "@/db/schema";
import type { FileStore, StoredObject } from "@/lib/storage";
import { startS3Server, type S3TestServer } from "../support/s3-server";

let s3: S3TestServer;
const localRoot = fs.mkdtempSync(path.join(os.tmpdir(), "kaowu-orphan-sweep-"));

beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  const jobs = await import("@/lib/jobs");
  await jobs.stopJobs({ graceful: false });
  for (const k of Object.keys(s3?.env ?? {})) delete process.env[k];
  delete process.env.FILE_STORAGE_DIR;
  await s3?.close();
  fs.rmSync(localRoot, { recursive: true, force: true });
});

/**
 * The app's storage modules, loaded afresh with the environment naming one store: fileStore() chooses its store
 * from the environment once per module instance, and saveFile writes to that one.
 */
async function modulesFor(kind: "local" | "s3") {
  for (const k of Object.keys(s3.env)) delete process.env[k];
  delete process.env.FILE_STORAGE_DIR;
  if (kind === "s3") Object.assign(process.env, s3.env);
  else process.env.FILE_STORAGE_DIR = localRoot;
  vi.resetModules();
  const m = {
    storage: await import("@/lib/storage"),
    s3: await import("@/lib/storage/s3"),
    files: await import("@/lib/storage/files"),
    sweep: await import("@/lib/storage/sweep"),
  };
  expect(m.storage.fileStore()).toBeInstanceOf(kind === "s3" ? m.s3.S3FileStore : m.storage.LocalFileStore);
  return m;
}
type Modules = Awaited<ReturnType<typeof modulesFor>>;

async function objectsOf(store: FileStore, prefix: string) {
  const all: StoredObject[] = [];
  for await (const page of store.listPages(prefix)) all.push(...page);
  return all;
}

/** Empties the app's folders of the store, so that each test counts only what it made. */
async function clear(m: Modules) {
  const store = m.storage.fileStore();
  for (const p of m.storage.STORAGE_PREFIXES) for (const o of await objectsOf(store, `${p}/`)) await store.delete(o.key);
}

const lastAudit = async () =>
  (await db.select().from(auditLogs).where(eq(auditLogs.action, "file.orphans_removed")).orderBy(desc(auditLogs.id)).limit(1))[0];

const DAY = 24 * 60 * 60 * 1000;

describe.each([{ kind: "local" as const, name: "本地目录" }, { kind: "s3" as const, name: "S3 兼容存储" }])("清理孤立文件：$name", ({ kind }) => {
  let m: Modules;
  let store: FileStore;
  beforeAll(async () => {
    m = await modulesFor(kind);
    store = m.storage.fileStore();
  });
  beforeEach(async () => {
    await clear(m);
  });

  it("超过宽限期、没有 files 记录的对象被删除；有记录的、宽限期内的、应用目录以外的保留；写入操作日志", async () => {
    const { newStorageKey } = m.storage;
    const oldOrphans = [newStorageKey("photos", "jpg"), newStorageKey("imports", "xlsx"), newStorageKey("attachments", "pdf")];
    for (const k of oldOrphans) await store.put(k, Buffer.from(`orphan ${k}`));
    const referencedBytes = crypto.randomBytes(2000);
    const referencedId = await m.files.saveFile(db, { data: referencedBytes, kind: "photo", contentType: "image/jpeg", ext: "jpg" });
    const [{ key: referenced }] = await db.select({ key: files.storageKey }).from(files).where(eq(files.id, referencedId));
    const foreign = "backups/2026/01/dump.sql";
    await store.put(foreign, Buffer.from("not the app's"));
    // The stores keep the time to the second (S3) or finer: the young orphan is put more than a second later.
    await new Promise((r) => setTimeout(r, 1_100));
    const youngOrphan = newStorageKey("photos", "jpg");
    await store.put(youngOrphan, Buffer.from("young"));

    const listed = new Map((await objectsOf(store, "")).map((o) => [o.key, o.lastModified.getTime()]));
    const oldest = Math.max(...[...oldOrphans, referenced, foreign].map((k) => listed.get(k)!));
    expect(listed.get(youngOrphan)! - oldest).toBeGreaterThan(2);
    // "Now" is a day after a moment between the two puts: the first objects are past the grace period, the young one not.
    const now = new Date(Math.floor((oldest + listed.get(youngOrphan)!) / 2) + m.sweep.ORPHAN_GRACE_MS);
    const r = await m.sweep.sweepOrphanFiles(db, store, { now });

    expect(r).toEqual({ listed: 5, candidates: 4, removed: 3 });
    for (const k of oldOrphans) expect(await store.get(k), k).toBeNull();
    expect((await store.get(referenced))?.equals(referencedBytes)).toBe(true);
    expect((await store.get(youngOrphan))?.toString()).toBe("young");
    expect((await store.get(foreign))?.toString()).toBe("not the app's");
    expect((await m.files.readFile(db, referencedId))?.data.equals(referencedBytes)).toBe(true);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ actorUserId: null, summary: expect.stringContaining("删除 3 个") });
    expect(audit.after).toMatchObject({ removed: 3, listed: 5, candidates: 4, completed: true });

    // Again at the same moment: nothing is left to delete, and the log says so.
    expect(await m.sweep.sweepOrphanFiles(db, store, { now })).toEqual({ listed: 2, candidates: 1, removed: 0 });
    expect((await lastAudit()).summary).toContain("删除 0 个");
  });

  it("事务回滚后 saveFile 存入的字节成为孤立文件：宽限期内保留，过后由清理任务删除", async () => {
    const data = crypto.randomBytes(3000);
    let key: string | undefined;
    await expect(
      db.transaction(async (tx) => {
        const id = await m.files.saveFile(tx, { data, kind: "import", contentType: "application/octet-stream", ext: "xlsx", originalName: "报名表.xlsx" });
        [{ key }] = await tx.select({ key: files.storageKey }).from(files).where(eq(files.id, id));
        // A refusal after the upload: the transaction, and with it the files row, rolls back.
        throw new Error("refused after the upload");
      }),
    ).rejects.toThrow(/refused after the upload/);
    expect(key).toMatch(/^imports\/\d{4}\/\d{2}\/[0-9a-f-]+\.xlsx$/);
    expect(await db.select().from(files).where(eq(files.storageKey, key!))).toEqual([]);
    expect((await store.get(key!))?.equals(data)).toBe(true);
    const keptBytes = Buffer.from("committed");
    const keptId = await m.files.saveFile(db, { data: keptBytes, kind: "import", contentType: "application/octet-stream", ext: "xlsx" });

    // Its transaction could still be open: at once, and a minute short of the grace period, the bytes stay.
    expect((await m.sweep.sweepOrphanFiles(db, store)).removed).toBe(0);
    expect((await m.sweep.sweepOrphanFiles(db, store, { now: new Date(Date.now() + m.sweep.ORPHAN_GRACE_MS - 60_000) })).removed).toBe(0);
    expect((await store.get(key!))?.equals(data)).toBe(true);

    const r = await m.sweep.sweepOrphanFiles(db, store, { now: new Date(Date.now() + m.sweep.ORPHAN_GRACE_MS + 60_000) });
    expect(r).toEqual({ listed: 2, candidates: 2, removed: 1 });
    expect(await store.get(key!)).toBeNull();
    expect((await m.files.readFile(db, keptId))?.data.equals(keptBytes)).toBe(true);
  });

  it("按批核对 files 表（每批一次查询，不是每个键一次），跨分页也只删孤立的", async () => {
    // The S3 store lists two keys a page here, so the sweep walks several pages.
    const paged = kind === "s3" ? new m.s3.S3FileStore({ ...m.s3.s3ConfigFromEnv(s3.env)!, listPageSize: 2 }) : store;
    const referenced: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = await m.files.saveFile(db, { data: Buffer.from(`kept ${i}`), kind: "photo", contentType: "image/jpeg", ext: "jpg" });
      referenced.push((await db.select({ key: files.storageKey }).from(files).where(eq(files.id, id)))[0].key);
    }
    const orphans = Array.from({ length: 5 }, () => m.storage.newStorageKey("photos", "jpg"));
    for (const k of orphans) await store.put(k, Buffer.from("orphan"));
    let selects = 0;
    const counting = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === "select") selects += 1;
        return Reflect.get(target, prop, receiver);
      },
    });
    const r = await m.sweep.sweepOrphanFiles(counting, paged, { now: new Date(Date.now() + 2 * DAY), batchSize: 2 });
    expect(r).toEqual({ listed: 9, candidates: 9, removed: 5 });
    // Nine keys, at most two per query: five queries (the S3 pages hold two keys each, the local one all nine).
    expect(selects).toBe(5);
    for (const k of orphans) expect(await store.get(k)).toBeNull();
    for (const k of referenced) expect(await store.get(k)).not.toBeNull();
  });
});

describe("清理孤立文件：S3 存储桶中不是应用生成的键", () => {
  it("目录占位对象和不合应用键格式的对象不删除，也不使清理中断", async () => {
    const m = await modulesFor("s3");
    await clear(m);
    const store = m.storage.fileStore();
    const client = new S3Client({
      region: s3.env.S3_REGION,
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: s3.env.S3_ACCESS_KEY_ID, secretAccessKey: s3.env.S3_SECRET_ACCESS_KEY },
    });
    const strangers = ["photos/", "photos/2026/01/Scan 1.PDF"];
    for (const Key of strangers) await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key, Body: Buffer.from("x") }));
    const orphan = m.storage.newStorageKey("photos", "jpg");
    await store.put(orphan, Buffer.from("orphan"));
    const r = await m.sweep.sweepOrphanFiles(db, store, { now: new Date(Date.now() + 2 * DAY) });
    expect(r).toMatchObject({ candidates: 1, removed: 1 });
    expect(await store.get(orphan)).toBeNull();
    for (const Key of strangers) {
      const got = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key }));
      expect(await got.Body?.transformToString(), Key).toBe("x");
    }
    client.destroy();
  });
});

describe("清理孤立文件：每日任务", () => {
  it("每天北京时间 3:30 由任务队列执行，同一时刻只发出一次；发出的任务执行清理并写入操作日志", async () => {
    const m = await modulesFor("local");
    await clear(m);
    // The job runs with the real clock: on the local store an object is made old by its file's time.
    const orphan = m.storage.newStorageKey("attachments", "pdf");
    const young = m.storage.newStorageKey("attachments", "pdf");
    await m.storage.fileStore().put(orphan, Buffer.from("old orphan"));
    await m.storage.fileStore().put(young, Buffer.from("young orphan"));
    const twoDaysAgo = new Date(Date.now() - 2 * DAY);
    fs.utimesSync(path.join(localRoot, orphan), twoDaysAgo, twoDaysAgo);

    const jobs = await import("@/lib/jobs");
    const { ORPHAN_SWEEP_SCHEDULE, ORPHAN_SWEEP_SINGLETON } = await import("@/lib/jobs/queue");
    const boss = await jobs.startJobs({ pollingIntervalSeconds: 0.5 });
    const s = await boss.getSchedule(jobs.QUEUES.orphanFiles);
    expect(s).toMatchObject({ cron: "30 3 * * *", timezone: "Asia/Shanghai" });
    expect(s?.options).toMatchObject(ORPHAN_SWEEP_SINGLETON);
    // 03:30 in Beijing is 19:30 UTC.
    const next = boss.previewSchedule(ORPHAN_SWEEP_SCHEDULE.cron, { tz: ORPHAN_SWEEP_SCHEDULE.tz, from: new Date("2026-12-02T12:00:00Z"), count: 2 });
    expect(next.map((d) => d.toISOString())).toEqual(["2026-12-02T19:30:00.000Z", "2026-12-03T19:30:00.000Z"]);
    // What pg-boss's send-it handler does with a filed occurrence, twice (a retried forward): one job.
    const sendOptions = Object.fromEntries(Object.entries(s!.options ?? {}).filter(([k]) => !["tz", "key", "missed"].includes(k)));
    const first = await boss.send(jobs.QUEUES.orphanFiles, null, sendOptions);
    expect(first).toBeTruthy();
    expect(await boss.send(jobs.QUEUES.orphanFiles, null, sendOptions)).toBeNull();
    const byHand = await jobs.enqueueOrphanSweep();
    expect(byHand).toBeTruthy();

    const ids = [first!, byHand!];
    const t0 = Date.now();
    let rows: { id: string; state: string; output: { removed?: number } | null }[] = [];
    for (;;) {
      rows = await db.execute<{ id: string; state: string; output: { removed?: number } | null }>(
        sql`select id::text, state::text, output from pgboss.job where id = any(${sql.param(ids)}::uuid[])`,
      );
      if (rows.length === 2 && rows.every((j) => j.state === "completed")) break;
      if (rows.some((j) => j.state === "failed")) throw new Error(`sweep job failed: ${JSON.stringify(rows)}`);
      if (Date.now() - t0 > 30_000) throw new Error(`sweep jobs still ${JSON.stringify(rows)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    // The two runs went one after the other (singleton queue): one deleted the old orphan, the other found nothing.
    expect(rows.map((j) => j.output?.removed).sort()).toEqual([0, 1]);
    expect(fs.existsSync(path.join(localRoot, orphan))).toBe(false);
    expect((await m.storage.fileStore().get(young))?.toString()).toBe("young orphan");
    const lines = await db.select().from(auditLogs).where(eq(auditLogs.action, "file.orphans_removed")).orderBy(desc(auditLogs.id)).limit(2);
    expect(lines.map((l) => (l.after as { removed: number }).removed).sort()).toEqual([0, 1]);
  });
});
