import "server-only";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { checkStorageKey, checkStoragePrefix, LIST_PAGE_SIZE, STORAGE_KEY, type StoredObject } from "./keys";
import { S3FileStore, s3ConfigFromEnv } from "./s3";

export { checkStorageKey, checkStoragePrefix, LIST_PAGE_SIZE, type StoredObject } from "./keys";

/**
 * Where uploaded bytes live (photos, scans, import files, generated documents). The default keeps them in a local
 * folder (FILE_STORAGE_DIR, ignored by git); with S3_BUCKET set they go to an S3-compatible store (MinIO or a
 * cloud one, lib/storage/s3.ts), which every app instance shares. Keys are opaque and never come from users.
 * Both stores behave alike (tests/integration/file-store.test.ts runs one suite against each):
 * - put writes the whole object or nothing, and replaces an existing one;
 * - get returns null for a key that is not there;
 * - delete of a missing key succeeds;
 * - list returns every key that starts with the prefix, sorted, however many there are;
 * - listPages gives the same objects with their last modification time (when the bytes were last put), a page of
 *   at most LIST_PAGE_SIZE at a time (the orphan sweep, lib/storage/sweep.ts, works page by page). The S3 store
 *   fetches one page per request; the local folder is read whole (one machine's folder) and handed out in pages.
 */
export interface FileStore {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
  list(prefix: string): Promise<string[]>;
  listPages(prefix: string): AsyncIterable<StoredObject[]>;
}

export class LocalFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private pathOf(key: string) {
    return path.join(this.root, checkStorageKey(key));
  }

  async put(key: string, data: Buffer) {
    const p = this.pathOf(key);
    await fs.mkdir(path.dirname(p), { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const tmp = `${p}.${crypto.randomBytes(4).toString("hex")}.tmp`;
    await fs.writeFile(tmp, data, { mode: 0o600 });
    await fs.rename(tmp, p);
  }

  async get(key: string) {
    try {
      return await fs.readFile(this.pathOf(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
  }

  async delete(key: string) {
    await fs.rm(this.pathOf(key), { force: true });
  }

  async list(prefix: string) {
    return (await this.objects(prefix)).map((o) => o.key);
  }

  async *listPages(prefix: string) {
    const all = await this.objects(prefix);
    for (let i = 0; i < all.length; i += LIST_PAGE_SIZE) yield all.slice(i, i + LIST_PAGE_SIZE);
  }

  /** Every object under the prefix, sorted by key. */
  private async objects(prefix: string): Promise<StoredObject[]> {
    checkStoragePrefix(prefix);
    // Only the folder the prefix names needs walking ("photos/2026/1" → photos/2026).
    const dir = prefix.includes("/") ? prefix.slice(0, prefix.lastIndexOf("/")) : "";
    let names: string[];
    try {
      names = (await fs.readdir(path.join(this.root, dir), { recursive: true })).map(String);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw e;
    }
    const objects: StoredObject[] = [];
    for (const name of names) {
      const key = (dir ? `${dir}/${name}` : name).split(path.sep).join("/");
      // Half-written files (".tmp") and folders are not objects.
      if (!key.startsWith(prefix) || !STORAGE_KEY.test(key) || key.endsWith(".tmp")) continue;
      const st = await fs.stat(path.join(this.root, key)).catch(() => null);
      if (st?.isFile()) objects.push({ key, lastModified: st.mtime });
    }
    return objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}

let store: FileStore | undefined;

/** The store this process uses, chosen once from the environment (see README, 配置). */
export function fileStore(): FileStore {
  if (!store) {
    const s3 = s3ConfigFromEnv(process.env);
    store = s3 ? new S3FileStore(s3) : new LocalFileStore(path.resolve(/*turbopackIgnore: true*/ process.env.FILE_STORAGE_DIR ?? path.join(process.cwd(), ".data", "files")));
  }
  return store;
}

/**
 * The folders under which the app makes keys: the orphan sweep (lib/storage/sweep.ts) looks only there, so it never
 * touches other objects of a shared bucket.
 */
export const STORAGE_PREFIXES = ["photos", "imports", "attachments"] as const;

/** A fresh key such as "photos/2026/11/3f2a….jpg". */
export function newStorageKey(kind: (typeof STORAGE_PREFIXES)[number], ext: string) {
  const d = new Date();
  return `${kind}/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${crypto.randomUUID()}.${ext}`;
}
