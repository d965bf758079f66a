import "server-only";
import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { files } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { STORAGE_PREFIXES, type FileStore } from ".";
import { checkStorageKey } from "./keys";

/**
 * saveFile puts the bytes in the store before it inserts their `files` row, inside the caller's transaction. When
 * that transaction rolls back (a refusal after the upload, an error, the app killed mid-transaction), or the
 * process dies between the put and the insert, the bytes stay in the store and no row points at them. The daily
 * sweep (job queue, 03:30 Beijing time; `npm run files:sweep` by hand) deletes such orphans.
 *
 * An object is deleted only when it is older than the grace period AND no `files` row has its key: an upload
 * whose transaction is still open is younger than that, so its bytes are never taken from under it. Nothing else
 * names storage keys (other tables point at `files.id`), and no code deletes `files` rows, so a key with a row
 * stays. Only the app's own folders (STORAGE_PREFIXES) are looked at, and within them only keys the app could
 * have made, so other objects of a shared bucket are left alone.
 */
export const ORPHAN_GRACE_MS = 24 * 60 * 60 * 1000;

/** Keys checked against `files` per query (one indexed `storage_key in (…)` each). */
export const SWEEP_BATCH_SIZE = 500;

export type SweepResult = { listed: number; candidates: number; removed: number };

export async function sweepOrphanFiles(
  db: Db,
  store: FileStore,
  opts: { now?: Date; graceMs?: number; batchSize?: number } = {},
): Promise<SweepResult> {
  const now = opts.now ?? new Date();
  const graceMs = opts.graceMs ?? ORPHAN_GRACE_MS;
  const cutoff = now.getTime() - graceMs;
  const batchSize = opts.batchSize ?? SWEEP_BATCH_SIZE;
  const r: SweepResult = { listed: 0, candidates: 0, removed: 0 };
  let failure: unknown;
  try {
    for (const prefix of STORAGE_PREFIXES) {
      for await (const page of store.listPages(`${prefix}/`)) {
        r.listed += page.length;
        const old = page.filter((o) => o.lastModified.getTime() < cutoff && isAppKey(o.key)).map((o) => o.key);
        r.candidates += old.length;
        for (let i = 0; i < old.length; i += batchSize) {
          const batch = old.slice(i, i + batchSize);
          const rows = await db.select({ key: files.storageKey }).from(files).where(inArray(files.storageKey, batch));
          const referenced = new Set(rows.map((row) => row.key));
          for (const key of batch) {
            if (referenced.has(key)) continue;
            await store.delete(key);
            r.removed += 1;
          }
        }
      }
    }
  } catch (e) {
    failure = e;
  }
  // The 操作日志 line says how many were deleted, also when the sweep stopped part way (the job is then retried).
  const hours = Math.round((graceMs / 3_600_000) * 100) / 100;
  await writeAudit(db, {
    actor: null,
    action: "file.orphans_removed",
    summary: `清理孤立文件：删除 ${r.removed} 个（共检查 ${r.listed} 个，其中存入已超过 ${hours} 小时的 ${r.candidates} 个）${failure ? "；清理中途出错，未完成" : ""}`,
    after: { ...r, graceHours: hours, prefixes: STORAGE_PREFIXES, completed: !failure },
  }).catch((e) => {
    if (!failure) throw e;
  });
  if (failure) throw failure;
  return r;
}

/** A key newStorageKey could have made under its folder; anything else (a folder marker, a stranger's object) is kept. */
function isAppKey(key: string) {
  try {
    checkStorageKey(key);
    return true;
  } catch {
    return false;
  }
}
