import "server-only";
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { files } from "@/db/schema";
import { fileStore, newStorageKey } from ".";

/**
 * Stores bytes and records whose they are. Call inside the transaction that links the file to its record;
 * if that transaction rolls back, the orphaned bytes are harmless (no row points at them) and the nightly sweep
 * deletes them once they are a day old (lib/storage/sweep.ts).
 */
export async function saveFile(
  db: DbOrTx,
  f: { data: Buffer; kind: "photo" | "import" | "attachment"; contentType: string; ext: string; originalName?: string; ownerPersonId?: number | null; uploadedByUserId?: number | null },
) {
  const key = newStorageKey(f.kind === "photo" ? "photos" : f.kind === "import" ? "imports" : "attachments", f.ext);
  await fileStore().put(key, f.data);
  const [row] = await db
    .insert(files)
    .values({
      storageKey: key,
      kind: f.kind,
      contentType: f.contentType,
      sizeBytes: f.data.length,
      sha256: crypto.createHash("sha256").update(f.data).digest("hex"),
      originalName: f.originalName?.slice(0, 200) ?? null,
      ownerPersonId: f.ownerPersonId ?? null,
      uploadedByUserId: f.uploadedByUserId ?? null,
    })
    .returning({ id: files.id });
  return row.id;
}

export async function readFile(db: DbOrTx, fileId: string) {
  const [row] = await db.select({ key: files.storageKey, contentType: files.contentType }).from(files).where(eq(files.id, fileId)).limit(1);
  if (!row) return null;
  const data = await fileStore().get(row.key);
  return data ? { data, contentType: row.contentType } : null;
}
