/**
 * `npm run files:sweep`: runs the daily sweep of orphaned file-store objects once (lib/storage/sweep.ts) against
 * DATABASE_URL and the file store the environment names (S3_BUCKET, else FILE_STORAGE_DIR), as the job queue does
 * every night at 03:30 Beijing time. Only objects older than 24 hours that no `files` row names are deleted.
 */
import { createDb } from "../db/client";
import { fileStore } from "../lib/storage";
import { sweepOrphanFiles } from "../lib/storage/sweep";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set");
  process.exit(1);
}
const { client, db } = createDb(url, { max: 2 });
try {
  const r = await sweepOrphanFiles(db, fileStore());
  console.log(`清理孤立文件：删除 ${r.removed} 个（共检查 ${r.listed} 个，其中存入已超过 24 小时的 ${r.candidates} 个）`);
} finally {
  await client.end();
}
