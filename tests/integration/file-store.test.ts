/**
 * The two file stores behave alike: one suite runs against the local folder and against an S3-protocol server
 * (s3rver, started here). Then the app's own saveFile/readFile run on the S3 store, and two instances sharing it
 * read each other's files.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { files } from "@/db/schema";
import { fileStore, LocalFileStore, newStorageKey, type FileStore } from "@/lib/storage";
import { readFile, saveFile } from "@/lib/storage/files";
import { S3FileStore, s3ConfigFromEnv } from "@/lib/storage/s3";
import { startS3Server, type S3TestServer } from "../support/s3-server";

let s3: S3TestServer;
const localRoot = fs.mkdtempSync(path.join(os.tmpdir(), "kaowu-local-store-"));

beforeAll(async () => {
  s3 = await startS3Server();
  // The app's store (fileStore()) is chosen from the environment on first use: this file's is the S3 one.
  Object.assign(process.env, s3.env);
});
afterAll(async () => {
  for (const k of Object.keys(s3?.env ?? {})) delete process.env[k];
  await s3?.close();
  fs.rmSync(localRoot, { recursive: true, force: true });
});

function s3Store(listPageSize?: number) {
  const config = s3ConfigFromEnv(s3.env);
  if (!config) throw new Error("no S3 config");
  return new S3FileStore({ ...config, listPageSize });
}

const STORES: { name: string; make: () => FileStore; makeSmallPages: () => FileStore }[] = [
  { name: "本地目录", make: () => new LocalFileStore(localRoot), makeSmallPages: () => new LocalFileStore(localRoot) },
  { name: "S3 兼容存储", make: () => s3Store(), makeSmallPages: () => s3Store(2) },
];

describe.each(STORES)("文件存储：$name", ({ make, makeSmallPages }) => {
  // Each test works under its own prefix, so the two stores' suites and the tests do not see each other's keys.
  const base = () => `attachments/t${crypto.randomBytes(4).toString("hex")}`;

  it("存入后原样取回（二进制、空文件、中文内容）", async () => {
    const store = make();
    const p = base();
    const bin = crypto.randomBytes(300_000);
    await store.put(`${p}/a.bin`, bin);
    await store.put(`${p}/empty.txt`, Buffer.alloc(0));
    await store.put(`${p}/zh.txt`, Buffer.from("准考证 张三", "utf8"));
    expect((await store.get(`${p}/a.bin`))?.equals(bin)).toBe(true);
    expect((await store.get(`${p}/empty.txt`))?.length).toBe(0);
    expect((await store.get(`${p}/zh.txt`))?.toString("utf8")).toBe("准考证 张三");
  });

  it("同一键再次存入时整体替换", async () => {
    const store = make();
    const key = `${base()}/x.pdf`;
    await store.put(key, Buffer.from("first version, longer than the second"));
    await store.put(key, Buffer.from("second"));
    expect((await store.get(key))?.toString()).toBe("second");
  });

  it("不存在的键：取回为 null，删除不报错", async () => {
    const store = make();
    const key = `${base()}/missing.jpg`;
    expect(await store.get(key)).toBeNull();
    await expect(store.delete(key)).resolves.toBeUndefined();
  });

  it("删除后取不回，也不再列出", async () => {
    const store = make();
    const p = base();
    await store.put(`${p}/a.jpg`, Buffer.from("a"));
    await store.put(`${p}/b.jpg`, Buffer.from("b"));
    await store.delete(`${p}/a.jpg`);
    expect(await store.get(`${p}/a.jpg`)).toBeNull();
    expect((await store.get(`${p}/b.jpg`))?.toString()).toBe("b");
    expect(await store.list(`${p}/`)).toEqual([`${p}/b.jpg`]);
  });

  it("按前缀列出：只列该前缀下的键，按顺序，含下级目录，分页取全", async () => {
    const store = makeSmallPages();
    const p = base();
    const keys = [`${p}/2026/01/c.jpg`, `${p}/2026/01/a.jpg`, `${p}/2026/02/b.jpg`, `${p}/2025/12/z.jpg`, `${p}x/other.jpg`];
    for (const k of keys) await store.put(k, Buffer.from(k));
    expect(await store.list(`${p}/`)).toEqual([`${p}/2025/12/z.jpg`, `${p}/2026/01/a.jpg`, `${p}/2026/01/c.jpg`, `${p}/2026/02/b.jpg`]);
    expect(await store.list(`${p}/2026/0`)).toEqual([`${p}/2026/01/a.jpg`, `${p}/2026/01/c.jpg`, `${p}/2026/02/b.jpg`]);
    expect(await store.list(`${p}/2026/01/a`)).toEqual([`${p}/2026/01/a.jpg`]);
    expect(await store.list(p)).toEqual([...keys.slice(0, 4)].sort().concat(`${p}x/other.jpg`));
    expect(await store.list(`${p}/none/`)).toEqual([]);
    expect(await store.list("")).toEqual(expect.arrayContaining(keys));
  });

  it("分页列出对象及其修改时间：与 list 相同的键，时间为存入之时，删除上一页列出的键不影响下一页", async () => {
    const store = makeSmallPages();
    const p = base();
    const keys = [`${p}/2026/01/a.jpg`, `${p}/2026/01/b.jpg`, `${p}/2026/02/c.jpg`, `${p}/2026/03/d.jpg`, `${p}/2026/03/e.jpg`];
    // S3 gives the time to the second: allow a second either side of the puts.
    const before = Date.now() - 1_000;
    for (const k of keys) await store.put(k, Buffer.from(k));
    const after = Date.now() + 1_000;
    const pages: { key: string; lastModified: Date }[][] = [];
    for await (const page of store.listPages(`${p}/`)) {
      pages.push(page);
      // What the orphan sweep does: delete some of a page's keys before the next page is listed.
      await store.delete(page[0].key);
    }
    const listed = pages.flat();
    expect(listed.map((o) => o.key).sort()).toEqual(keys);
    for (const o of listed) {
      expect(o.lastModified).toBeInstanceOf(Date);
      expect(o.lastModified.getTime(), o.key).toBeGreaterThanOrEqual(before);
      expect(o.lastModified.getTime(), o.key).toBeLessThanOrEqual(after);
    }
    expect(pages.every((page) => page.length >= 1)).toBe(true);
    // The deleted first key of each page is gone; the rest are still there.
    const deleted = pages.map((page) => page[0].key);
    expect(await store.list(`${p}/`)).toEqual(keys.filter((k) => !deleted.includes(k)));
    // A prefix with nothing under it gives no page; an invalid one is refused.
    const none: unknown[] = [];
    for await (const page of store.listPages(`${p}/none/`)) none.push(page);
    expect(none).toEqual([]);
    await expect(
      (async () => {
        for await (const page of store.listPages("../")) void page;
      })(),
    ).rejects.toThrow(/invalid storage prefix/);
  });

  it("拒绝不合规的键和前缀（不写入任何内容）", async () => {
    const store = make();
    for (const bad of ["../etc/passwd", "photos/../../x.jpg", "/abs.jpg", "Photos/A.JPG", "photos/a b.jpg", "photos//a.jpg", "photos/", ""]) {
      await expect(store.put(bad, Buffer.from("x")), bad).rejects.toThrow(/invalid storage key/);
      await expect(store.get(bad), bad).rejects.toThrow(/invalid storage key/);
      await expect(store.delete(bad), bad).rejects.toThrow(/invalid storage key/);
    }
    await expect(store.list("../")).rejects.toThrow(/invalid storage prefix/);
  });

  it("并发写同一键：读到的是其中一份完整内容", async () => {
    const store = make();
    const key = `${base()}/race.bin`;
    const versions = Array.from({ length: 6 }, (_, i) => Buffer.alloc(200_000, i + 1));
    await Promise.all(versions.map((v) => store.put(key, v)));
    const got = await store.get(key);
    expect(versions.some((v) => got?.equals(v))).toBe(true);
  });
});

describe("S3 兼容存储：多个应用实例共用", () => {
  it("未设置 S3_BUCKET 时使用本地目录；设置了则用 S3；密钥只设一半时报错", () => {
    expect(s3ConfigFromEnv({})).toBeNull();
    expect(s3ConfigFromEnv({ S3_BUCKET: "b" })).toMatchObject({ bucket: "b", region: "us-east-1", forcePathStyle: false, endpoint: undefined });
    expect(s3ConfigFromEnv({ S3_BUCKET: "b", S3_FORCE_PATH_STYLE: "true", S3_ENDPOINT: "http://minio:9000", S3_REGION: "cn-north-1" })).toMatchObject({
      forcePathStyle: true,
      endpoint: "http://minio:9000",
      region: "cn-north-1",
    });
    expect(() => s3ConfigFromEnv({ S3_BUCKET: "b", S3_ACCESS_KEY_ID: "k" })).toThrow(/together/);
    expect(fileStore()).toBeInstanceOf(S3FileStore);
  });

  it("应用存入的照片记录在 files 表，字节在 S3 中，另一个实例能读出", async () => {
    const bytes = crypto.randomBytes(5000);
    const id = await saveFile(db, { data: bytes, kind: "photo", contentType: "image/jpeg", ext: "jpg", originalName: "照片.jpg" });
    const [row] = await db.select().from(files).where(eq(files.id, id));
    expect(row.storageKey).toMatch(/^photos\/\d{4}\/\d{2}\/[0-9a-f-]+\.jpg$/);
    // Another instance: its own client, no shared folder.
    const other = s3Store();
    expect((await other.get(row.storageKey))?.equals(bytes)).toBe(true);
    const read = await readFile(db, id);
    expect(read?.contentType).toBe("image/jpeg");
    expect(read?.data.equals(bytes)).toBe(true);
    // Nothing went to a local folder.
    expect(fs.existsSync(path.join(process.cwd(), ".data", "files", row.storageKey))).toBe(false);
  });

  it("一个实例删除后，另一个实例也取不到", async () => {
    const a = s3Store();
    const b = s3Store();
    const key = newStorageKey("imports", "xlsx");
    await a.put(key, Buffer.from("batch"));
    expect((await b.get(key))?.toString()).toBe("batch");
    await b.delete(key);
    expect(await a.get(key)).toBeNull();
  });

  it("存储服务不可达时报错而不是返回空", async () => {
    const config = s3ConfigFromEnv({ ...s3.env, S3_ENDPOINT: "http://127.0.0.1:9" });
    const down = new S3FileStore(config!);
    await expect(down.get(newStorageKey("photos", "jpg"))).rejects.toThrow();
  });
});
