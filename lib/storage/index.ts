import "server-only";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

/**
 * Where uploaded bytes live. The default keeps them in a local folder (FILE_STORAGE_DIR, ignored by git);
 * an S3-compatible store can implement the same three calls. Keys are opaque and never come from users.
 */
export interface FileStore {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}

export class LocalFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private pathOf(key: string) {
    if (!/^[a-z0-9][a-z0-9/_-]*(\.[a-z0-9]+)?$/.test(key) || key.includes("..")) throw new Error(`invalid storage key: ${key}`);
    return path.join(this.root, key);
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
}

let store: FileStore | undefined;

export function fileStore(): FileStore {
  store ??= new LocalFileStore(path.resolve(process.env.FILE_STORAGE_DIR ?? path.join(process.cwd(), ".data", "files")));
  return store;
}

/** A fresh key such as "photos/2026/11/3f2a….jpg". */
export function newStorageKey(kind: "photos" | "imports" | "attachments", ext: string) {
  const d = new Date();
  return `${kind}/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${crypto.randomUUID()}.${ext}`;
}
