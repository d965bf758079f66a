import "server-only";
import crypto from "node:crypto";
import ExcelJS from "exceljs";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { importBatches, persons, registrations, users, type ImportBatch, type ImportPhoto, type ImportPhotoJob } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { AccessDenied, ActionError } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { buildRegistrationTemplate } from "@/lib/documents/registration-template";
import { readXlsxRows } from "@/lib/documents/xlsx";
import { extractZip, readCentralDirectory, ZipRefused } from "@/lib/documents/zip";
import { maskIdNumber, validateIdByType } from "@/lib/identity/chinese-id";
import { getPlan } from "@/lib/queries/plans";
import { normalizePhoto, PHOTO_MAX_BYTES } from "@/lib/photos/normalize";
import { inspectUpload, PHOTO_UPLOAD_RULE, XLSX_UPLOAD_RULE } from "@/lib/uploads/inspect";
import { reserveSerials } from "@/lib/serials";
import { readFile, saveFile } from "@/lib/storage/files";
import { IMAGE_CONCURRENCY, mapBounded } from "@/lib/concurrency";
import { beijingDate } from "@/lib/time";
import { checkContextKey, checkRowsAlone, databaseRuleErrors, mapColumns, type CellError, type CheckedRow } from "./batch-check";
import { REGISTRATION_STATUS_LABELS } from "@/lib/domain/statuses";
import { registrationWindowProblem } from "./registrations";

/**
 * 批量报名 by an enterprise or a training institution, in three steps a page (or a background job) calls:
 * 1. uploadRegistrationBatch: stores the file and creates the batch (status checking); checkRegistrationBatch
 *    checks every row, keeps the rows that passed the file's own rules in import_batch_rows, and records the
 *    errors, an .xlsx with the bad cells marked, and the counts (checked).
 * 2. attachBatchPhotos: JPGs named by ID number, or one ZIP of them, matched to the batch's rows.
 * 3. confirmRegistrationBatch: checks the kept rows against the database again (it may have moved) and saves
 *    all good rows with their photos in one transaction of a few set-based statements (or nothing, with
 *    allOrNothing, unless every row is good).
 * The same file uploaded again by the same submitter for the same plan finds its earlier batch, and the
 * unique (plan, person) key means nobody is registered twice whatever happens.
 */

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const BATCH_MAX_ROWS = 20_000;

type OrgActor = SessionUser & { role: "enterprise" | "trainer"; organizationId: number };
function assertOrg(actor: SessionUser): asserts actor is OrgActor {
  if ((actor.role !== "enterprise" && actor.role !== "trainer") || !actor.organizationId) throw new AccessDenied();
}

/** The account that uploaded a batch, as the session would show it: jobs act on its behalf. */
export async function loadActor(db: DbOrTx, userId: number): Promise<SessionUser | null> {
  const [u] = await db
    .select({ id: users.id, username: users.username, role: users.role, displayName: users.displayName, personId: users.personId, organizationId: users.organizationId })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.status, "active")))
    .limit(1);
  return u ?? null;
}

/** 报名表导入模版 for a plan taking registrations. */
export async function registrationTemplate(db: DbOrTx, actor: SessionUser, planId: number) {
  assertOrg(actor);
  const plan = await getPlan(db, planId);
  if (!plan) throw new ActionError("考试计划不存在或未发布");
  const data = await buildRegistrationTemplate({ name: plan.name, tradeNames: [plan.tradeName], minWorkYears: plan.minWorkYears });
  return { data, fileName: `报名表导入模版-${plan.code}.xlsx`, contentType: XLSX_TYPE };
}

/** A batch of this submitter (same organisation), or AccessDenied: another's batch looks like none. */
async function ownBatch(db: DbOrTx, actor: SessionUser, batchId: number, lock = false) {
  assertOrg(actor);
  const q = db
    .select()
    .from(importBatches)
    .where(and(eq(importBatches.id, batchId), eq(importBatches.kind, "registrations"), eq(importBatches.organizationId, actor.organizationId)))
    .limit(1);
  const [b] = lock ? await q.for("update") : await q;
  if (!b || !b.planId) throw new AccessDenied();
  return b as ImportBatch & { planId: number };
}

export type BatchSummary = Pick<
  ImportBatch,
  "id" | "planId" | "status" | "originalName" | "totalRows" | "processedRows" | "okRows" | "errorRows" | "errors" | "allOrNothing" | "message" | "createdAt" | "finishedAt" | "errorFileId"
> & { photoCount: number; reused: boolean; photoJob: PhotoJobView | null };

/** 照片批量上传 in the background, as the page shows it: progress, then the match table or the refusal. */
export type PhotoJobView = { status: ImportPhotoJob["status"]; done: number; total: number; result: PhotoMatch | null; error: string | null; message: string | null };

/** What 照片批量上传 answers once the photos are matched. */
export const photosUploadedMessage = (matched: number) => `照片上传成功：${matched} 张已对应到报名行`;

function summary(b: ImportBatch, reused = false): BatchSummary {
  const { id, planId, status, originalName, totalRows, processedRows, okRows, errorRows, errors, allOrNothing, message, createdAt, finishedAt, errorFileId } = b;
  const j = b.photoJob;
  const result = (j?.result as PhotoMatch | undefined) ?? null;
  const photoJob = j ? { status: j.status, done: j.done, total: j.total, result, error: j.error ?? null, message: result ? photosUploadedMessage(result.matched.length) : null } : null;
  return { id, planId, status, originalName, totalRows, processedRows, okRows, errorRows, errors, allOrNothing, message, createdAt, finishedAt, errorFileId, photoCount: Object.keys(b.photos).length, reused, photoJob };
}

/** The batch for a page that polls its progress. */
export async function getRegistrationBatch(db: DbOrTx, actor: SessionUser, batchId: number): Promise<BatchSummary> {
  return summary(await ownBatch(db, actor, batchId));
}

/**
 * 上传: stores the file and creates the batch in status checking. The same file (by content) uploaded again
 * for the same plan by the same organisation returns its earlier batch instead of a new one, unless that one
 * failed or was rejected.
 */
export async function uploadRegistrationBatch(
  db: Db,
  actor: SessionUser,
  input: { planId: number; data: Buffer; fileName: string; allOrNothing?: boolean },
): Promise<BatchSummary> {
  assertOrg(actor);
  const plan = await getPlan(db, input.planId);
  if (!plan) throw new ActionError("考试计划不存在或未发布");
  const window = registrationWindowProblem(plan, new Date());
  if (window) throw new ActionError(window);
  if (!input.data.length) throw new ActionError("请选择要上传的 Excel 文件");
  const inspected = inspectUpload({ name: input.fileName, data: input.data }, XLSX_UPLOAD_RULE);
  if (!inspected.ok) throw new ActionError(inspected.error);
  const hash = crypto.createHash("sha256").update(input.data).digest("hex");
  const [earlier] = await db
    .select()
    .from(importBatches)
    .where(
      and(
        eq(importBatches.kind, "registrations"),
        eq(importBatches.organizationId, actor.organizationId),
        eq(importBatches.planId, plan.id),
        eq(importBatches.contentHash, hash),
        inArray(importBatches.status, ["checking", "checked", "applying", "applied"]),
      ),
    )
    .orderBy(desc(importBatches.id))
    .limit(1);
  if (earlier) return summary(earlier, true);
  return db.transaction(async (tx) => {
    const fileId = await saveFile(tx, { data: input.data, kind: "import", contentType: XLSX_TYPE, ext: "xlsx", originalName: input.fileName, uploadedByUserId: actor.id });
    const [b] = await tx
      .insert(importBatches)
      .values({
        kind: "registrations",
        planId: plan.id,
        organizationId: actor.organizationId,
        uploadedByUserId: actor.id,
        fileId,
        originalName: input.fileName.slice(0, 200),
        status: "checking",
        contentHash: hash,
        allOrNothing: input.allOrNothing ?? false,
      })
      .returning();
    return summary(b);
  });
}

type Parsed = Extract<Awaited<ReturnType<typeof readXlsxRows>>, { ok: true }>;

async function parseBatchFile(db: DbOrTx, b: ImportBatch): Promise<{ ok: true; parsed: Parsed; data: Buffer } | { ok: false; error: string }> {
  const f = b.fileId ? await readFile(db, b.fileId) : null;
  if (!f) return { ok: false, error: "上传的文件已不存在，请重新上传" };
  const parsed = await readXlsxRows(f.data, { maxRows: BATCH_MAX_ROWS, maxBytes: 30 * 1024 * 1024, maxUncompressedBytes: 120 * 1024 * 1024 });
  if (!parsed.ok) return parsed;
  const { missing } = mapColumns(parsed.header);
  if (missing.length) return { ok: false, error: `第 1 行表头缺少“${missing.join("”“")}”列，请使用下载的报名表导入模版` };
  if (parsed.rows.length === 0) return { ok: false, error: "文件中没有数据行" };
  return { ok: true, parsed, data: f.data };
}

/** The uploaded workbook with each bad cell filled red and its messages as a comment (the row's first cell for row errors). */
export async function markErrors(data: Buffer, errors: CellError[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as Parameters<typeof wb.xlsx.load>[0]);
  const ws = wb.worksheets[0];
  const byCell = new Map<string, string[]>();
  for (const e of errors) {
    const key = `${e.row}:${Math.max(0, e.col)}`;
    byCell.set(key, [...(byCell.get(key) ?? []), e.message]);
  }
  for (const [key, messages] of byCell) {
    const [row, col] = key.split(":").map(Number);
    const cell = ws.getCell(row, col + 1);
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC7CE" } };
    cell.note = messages.join("\n");
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function setProgress(db: DbOrTx, batchId: number, processedRows: number) {
  await db.update(importBatches).set({ processedRows }).where(eq(importBatches.id, batchId));
}

/**
 * Checks every row of a batch in status checking and records the result: status checked with the counts and
 * the errors (第 N 行, column title, message) and the marked-up file, or failed with a message when the file
 * cannot be read. Safe to run again (a retried job): it only acts on a batch still checking.
 */
export async function checkRegistrationBatch(db: Db, batchId: number, now = new Date()): Promise<BatchSummary> {
  const [b] = await db.select().from(importBatches).where(eq(importBatches.id, batchId)).limit(1);
  if (!b) throw new Error(`import batch ${batchId} not found`);
  if (b.status !== "checking") return summary(b);
  const actor = b.uploadedByUserId ? await loadActor(db, b.uploadedByUserId) : null;
  const plan = b.planId ? await getPlan(db, b.planId) : null;
  const fail = async (message: string) => {
    const [f] = await db.update(importBatches).set({ status: "failed", message, finishedAt: new Date() }).where(eq(importBatches.id, b.id)).returning();
    return summary(f);
  };
  if (!actor || !plan) return fail("上传账号或考试计划已不存在");
  const read = await parseBatchFile(db, b);
  if (!read.ok) return fail(read.error);
  await db.update(importBatches).set({ totalRows: read.parsed.rows.length, processedRows: 0 }).where(eq(importBatches.id, b.id));
  const ctx = { actor, plan, now };
  // The page polls every 0.6 s: a few progress writes a second are plenty (each is a commit).
  let lastProgress = performance.now();
  const onProgress = async (n: number) => {
    if (performance.now() - lastProgress < 250) return;
    lastProgress = performance.now();
    await setProgress(db, b.id, n);
  };
  const alone = await checkRowsAlone(db, { ...ctx, onProgress }, read.parsed);
  const { cols } = mapColumns(read.parsed.header);
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ status: importBatches.status }).from(importBatches).where(eq(importBatches.id, b.id)).for("update");
    if (locked?.status !== "checking") return summary((await tx.select().from(importBatches).where(eq(importBatches.id, b.id)))[0] ?? b);
    await stageRows(tx, b.id, alone.candidates);
    const ruleErrors = await databaseRuleErrors(tx, ctx, b.id, cols);
    const errors = [...alone.errors, ...ruleErrors.map(({ row, key, column, message }) => ({ row, col: cols[key], column, message }))];
    errors.sort((x, y) => x.row - y.row || x.col - y.col);
    await setProgress(tx, b.id, alone.totalRows);
    const errorFileId = errors.length
      ? await saveFile(tx, { data: await markErrors(read.data, errors), kind: "import", contentType: XLSX_TYPE, ext: "xlsx", originalName: `错误标注-${b.originalName ?? "报名表"}`, uploadedByUserId: actor.id })
      : null;
    const errorRows = new Set(errors.map((x) => x.row)).size;
    const [f] = await tx
      .update(importBatches)
      .set({
        status: "checked",
        totalRows: alone.totalRows,
        processedRows: alone.totalRows,
        okRows: alone.candidates.length - new Set(ruleErrors.map((x) => x.row)).size,
        errorRows,
        errors: errors.map(({ row, column, message }) => ({ row, column, message })),
        errorFileId,
        checkKey: alone.key,
        message: null,
      })
      .where(eq(importBatches.id, b.id))
      .returning();
    return summary(f);
  });
}

/**
 * Keeps the rows that passed the file's own rules with the batch (replacing any kept before), in one
 * statement: each column goes as one array parameter and PostgreSQL unnests them side by side (several times
 * faster than one JSON parameter unpacked with json_to_recordset).
 */
async function stageRows(tx: DbOrTx, batchId: number, rows: CheckedRow[]) {
  await tx.execute(sql`delete from import_batch_rows where batch_id = ${batchId}`);
  if (!rows.length) return;
  // Text and integer arrays only, without nulls (postgres.js would send a null element as the text "NULL").
  const col = (f: (r: CheckedRow) => string | number) => sql.param(rows.map(f));
  await tx.execute(sql`
    insert into import_batch_rows (batch_id, row_no, id_type, id_number, name, gender, birth_date, education, phone, employer_name,
      employer_code, work_start_date, years_of_work, resume, employer_opinion)
    select ${batchId}, x.row_no, x.id_type, x.id_number, x.name, x.gender, nullif(x.birth_date, '')::date, x.education, x.phone,
      x.employer_name, nullif(x.employer_code, ''), x.work_start_date::date, x.years_of_work, x.resume::jsonb, x.employer_opinion
    from unnest(${col((r) => r.row)}::int[], ${col((r) => r.idType)}::text[], ${col((r) => r.idNumber)}::text[], ${col((r) => r.name)}::text[],
      ${col((r) => r.gender)}::text[], ${col((r) => r.birthDate ?? "")}::text[], ${col((r) => r.education)}::text[], ${col((r) => r.phone)}::text[],
      ${col((r) => r.employerName)}::text[], ${col((r) => r.employerCode ?? "")}::text[], ${col((r) => r.workStartDate)}::text[],
      ${col((r) => r.yearsOfWork)}::int[], ${col((r) => JSON.stringify(r.resume))}::text[], ${col((r) => r.employerOpinion)}::text[])
      as x(row_no, id_type, id_number, name, gender, birth_date, education, phone, employer_name, employer_code, work_start_date,
        years_of_work, resume, employer_opinion)`);
}

/** The marked-up .xlsx of a batch, for its uploader's organisation only. */
export async function batchErrorFile(db: DbOrTx, actor: SessionUser, batchId: number) {
  const b = await ownBatch(db, actor, batchId);
  if (!b.errorFileId) return null;
  const f = await readFile(db, b.errorFileId);
  return f ? { data: f.data, fileName: `错误标注-${b.originalName ?? "报名表.xlsx"}`, contentType: XLSX_TYPE } : null;
}

// ---------------------------------------------------------------------------------------------------------
// 照片批量上传

export const PHOTO_ZIP_LIMITS = { maxEntries: 5_000, maxTotalBytes: 500 * 1024 * 1024, maxEntryBytes: PHOTO_MAX_BYTES, maxRatio: 20 };
export const ZIP_REFUSED = "ZIP 文件无法使用：文件数量过多、解压后过大、压缩比异常或含有指向压缩包以外的路径，请重新打包后上传";

export type PhotoMatch = {
  /** ID number → file name, attached to the batch. */
  matched: { idNumber: string; fileName: string; row: number }[];
  /** 第 N 行 of the batch with no photo yet. */
  rowsWithoutPhoto: { row: number; idNumber: string; name: string }[];
  /** Files whose name is no ID number of the batch. */
  photosWithoutRow: string[];
  unreadable: { fileName: string; error: string }[];
  /** A second file for the same ID number in this upload (the first one is used). */
  duplicates: string[];
};

/** The batch's rows by normalised ID number (what photo file names are matched against). */
async function batchRowIds(db: DbOrTx, b: ImportBatch) {
  const read = await parseBatchFile(db, b);
  if (!read.ok) throw new ActionError(read.error);
  const { cols } = mapColumns(read.parsed.header);
  const out = new Map<string, { row: number; name: string }>();
  for (const r of read.parsed.rows) {
    const raw = String(r.cells[cols.idNumber] ?? "").trim().toUpperCase();
    const v = validateIdByType("resident", raw);
    out.set(v.ok ? v.value : raw, { row: r.rowNumber, name: String(r.cells[cols.name] ?? "") });
  }
  return out;
}

/**
 * 照片批量上传: JPG (or PNG) files named by ID number, or ZIP files of them. Each photo is normalised exactly
 * as in the person's flow (EXIF orientation, 295×413, metadata stripped) and stored as this submitter's
 * unclaimed upload; saving the batch puts it on the registration, never on the person's own record.
 * A ZIP that breaks a limit refuses the whole upload at once.
 */
export async function attachBatchPhotos(
  db: Db,
  actor: SessionUser,
  batchId: number,
  uploads: { name: string; data: Buffer }[],
  opts: { onProgress?: (done: number, total: number) => Promise<void> | void } = {},
): Promise<PhotoMatch> {
  const b = await ownBatch(db, actor, batchId);
  if (b.status !== "checked") throw new ActionError("该批次已保存或尚未检查完成，不能再上传照片");
  const candidates: { name: string; data: Buffer }[] = [];
  for (const u of uploads) {
    if (/\.zip$/i.test(u.name) || (u.data.length >= 4 && u.data.readUInt32LE(0) === 0x04034b50)) {
      try {
        candidates.push(...extractZip(u.data, PHOTO_ZIP_LIMITS));
      } catch (e) {
        if (e instanceof ZipRefused || (e instanceof Error && typeof (e as { code?: unknown }).code === "number")) throw new ActionError(ZIP_REFUSED);
        throw e;
      }
    } else candidates.push(u);
  }
  const rows = await batchRowIds(db, b);
  const result: PhotoMatch = { matched: [], rowsWithoutPhoto: [], photosWithoutRow: [], unreadable: [], duplicates: [] };
  const seen = new Set<string>();
  const photos: Record<string, ImportPhoto> = { ...b.photos };
  const named = candidates.map((c) => {
    const base = c.name.split("/").pop()!;
    const m = /^(.+?)\.(jpe?g|png)$/i.exec(base);
    const key = m ? m[1].trim().toUpperCase() : base.toUpperCase();
    const v = validateIdByType("resident", key);
    const inspected = inspectUpload({ name: base, data: c.data }, PHOTO_UPLOAD_RULE);
    return { c, base, isPhoto: Boolean(m), idNumber: v.ok ? v.value : key, problem: inspected.ok ? null : inspected.error };
  });
  // Normalising is the cost (sharp, CPU-bound): done a few at a time up front, then matched in file order
  // exactly as before (a duplicate is normalised too, and dropped below, which keeps the order-based rules).
  let done = 0;
  const normalised = await mapBounded(named, IMAGE_CONCURRENCY, async ({ c, isPhoto, idNumber, problem }) => {
    const n = isPhoto && rows.has(idNumber) && !problem ? await normalizePhoto(c.data) : null;
    await opts.onProgress?.(++done, named.length);
    return n;
  });
  const toSave: { idNumber: string; base: string; jpeg: Buffer }[] = [];
  for (const [k, { base, isPhoto, idNumber, problem }] of named.entries()) {
    if (!isPhoto) {
      result.unreadable.push({ fileName: base, error: "不是 JPG 或 PNG 照片文件" });
      continue;
    }
    if (!rows.has(idNumber)) {
      result.photosWithoutRow.push(base);
      continue;
    }
    if (seen.has(idNumber)) {
      result.duplicates.push(base);
      continue;
    }
    if (problem) {
      result.unreadable.push({ fileName: base, error: problem });
      continue;
    }
    const n = normalised[k]!;
    if (!n.ok) {
      result.unreadable.push({ fileName: base, error: n.error });
      continue;
    }
    seen.add(idNumber);
    toSave.push({ idNumber, base, jpeg: n.jpeg });
  }
  const fileIds = await mapBounded(toSave, IMAGE_CONCURRENCY, ({ base, jpeg }) =>
    saveFile(db, { data: jpeg, kind: "photo", contentType: "image/jpeg", ext: "jpg", originalName: base, ownerPersonId: null, uploadedByUserId: actor.id }),
  );
  toSave.forEach(({ idNumber, base }, k) => {
    photos[idNumber] = { fileId: fileIds[k], originalName: base };
    result.matched.push({ idNumber: maskIdNumber(idNumber), fileName: base, row: rows.get(idNumber)!.row });
  });
  await db.update(importBatches).set({ photos }).where(eq(importBatches.id, b.id));
  for (const [idNumber, r] of rows) if (!photos[idNumber]) result.rowsWithoutPhoto.push({ row: r.row, idNumber: maskIdNumber(idNumber), name: r.name });
  return result;
}

/**
 * At most this many photos are normalised inside the request (measured: 30–60 photos a second on the 2-core
 * server, so about 2–3 s); more go to a background job (queueBatchPhotos), see docs/batch-registration.md.
 */
export const PHOTOS_IN_REQUEST = 100;

/** How many photo files an upload holds (the entries of a ZIP by its central directory, without inflating). */
export function countPhotoFiles(uploads: { name: string; data: Buffer }[]): number {
  let n = 0;
  for (const u of uploads) {
    if (/\.zip$/i.test(u.name) || (u.data.length >= 4 && u.data.readUInt32LE(0) === 0x04034b50)) {
      try {
        n += readCentralDirectory(u.data, PHOTO_ZIP_LIMITS.maxEntries + 1).length;
      } catch {
        n += 1; // refused at once by attachBatchPhotos
      }
    } else n += 1;
  }
  return n;
}

/**
 * 照片批量上传 of many photos: keeps the uploaded files and records the job on the batch (status queued); the
 * caller queues it (enqueueBatchPhotos) and the page polls getRegistrationBatch for photoJob.
 */
export async function queueBatchPhotos(db: Db, actor: SessionUser, batchId: number, uploads: { name: string; data: Buffer }[]): Promise<BatchSummary> {
  const pre = await ownBatch(db, actor, batchId);
  if (pre.status !== "checked") throw new ActionError("该批次已保存或尚未检查完成，不能再上传照片");
  const stored: ImportPhotoJob["uploads"] = [];
  for (const u of uploads) {
    const zip = /\.zip$/i.test(u.name);
    const fileId = await saveFile(db, {
      data: u.data,
      kind: "import",
      contentType: zip ? "application/zip" : "application/octet-stream",
      ext: zip ? "zip" : (/\.(\w{1,5})$/.exec(u.name)?.[1] ?? "bin").toLowerCase(),
      originalName: u.name.slice(0, 200),
      uploadedByUserId: actor.id,
    });
    stored.push({ fileId, name: u.name });
  }
  return db.transaction(async (tx) => {
    const b = await ownBatch(tx, actor, batchId, true);
    if (b.status !== "checked") throw new ActionError("该批次已保存或尚未检查完成，不能再上传照片");
    if (b.photoJob && (b.photoJob.status === "queued" || b.photoJob.status === "running")) throw new ActionError("上一次上传的照片还在处理中，请稍候");
    const photoJob: ImportPhotoJob = { status: "queued", userId: actor.id, uploads: stored, done: 0, total: 0 };
    const [f] = await tx.update(importBatches).set({ photoJob }).where(eq(importBatches.id, b.id)).returning();
    return summary(f);
  });
}

/**
 * The background job of queueBatchPhotos: attachBatchPhotos on the kept files, on behalf of the user who
 * uploaded them, with progress in photoJob; the match table (or the refusal, e.g. a ZIP over the limits) is
 * kept for the page. Safe to run again (a retried job): it acts only on a job still queued or running.
 */
export async function runBatchPhotos(db: Db, batchId: number): Promise<void> {
  const [b] = await db.select().from(importBatches).where(eq(importBatches.id, batchId)).limit(1);
  const job = b?.photoJob;
  if (!job || (job.status !== "queued" && job.status !== "running")) return;
  const set = (patch: Partial<ImportPhotoJob>) =>
    db.execute(sql`update import_batches set photo_job = photo_job || ${JSON.stringify(patch)}::jsonb where id = ${batchId}`);
  const actor = await loadActor(db, job.userId);
  if (!actor) return void (await set({ status: "failed", error: "上传照片的账号已停用" }));
  await set({ status: "running" });
  const uploads: { name: string; data: Buffer }[] = [];
  for (const u of job.uploads) {
    const f = await readFile(db, u.fileId);
    if (!f) return void (await set({ status: "failed", error: "上传的照片文件已不存在，请重新上传" }));
    uploads.push({ name: u.name, data: f.data });
  }
  let last = 0;
  try {
    const result = await attachBatchPhotos(db, actor, batchId, uploads, {
      onProgress: async (done, total) => {
        if (done < total && performance.now() - last < 250) return;
        last = performance.now();
        await set({ done, total });
      },
    });
    await set({ status: "done", result });
  } catch (e) {
    if (e instanceof ActionError) return void (await set({ status: "failed", error: e.message }));
    if (e instanceof AccessDenied) return void (await set({ status: "failed", error: "无权为该批次上传照片" }));
    // Anything else would leave the batch "running" for good once the queue stops retrying, and further photo
    // uploads wait for a running job: reported as failed instead (a retry of this job then finds it finished).
    // When even this write fails (the database is away), the job throws and the queue retries it.
    console.error(`[jobs] 照片批量上传 of batch ${batchId} failed`, e);
    await set({ status: "failed", error: "照片处理失败，请重新上传；如仍失败，请联系考务中心" });
  }
}

/** 删除 a photo chosen before saving: the row goes back to 无照片. */
export async function removeBatchPhoto(db: Db, actor: SessionUser, batchId: number, idNumber: string) {
  return db.transaction(async (tx) => {
    const b = await ownBatch(tx, actor, batchId, true);
    if (b.status !== "checked") throw new ActionError("该批次已保存，不能再删除照片");
    const photos = { ...b.photos };
    delete photos[idNumber.trim().toUpperCase()];
    await tx.update(importBatches).set({ photos }).where(eq(importBatches.id, b.id));
  });
}

// ---------------------------------------------------------------------------------------------------------
// 确认保存

/** JavaScript's \s: names are compared with whitespace removed, in SQL exactly as in sameName. */
const JS_WHITESPACE = String.raw`[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]`;

type ReportError = { row: number; column: string; message: string };

/**
 * The batch's photos (ID number → file) as one jsonb parameter: looked up per row in memory. Read from the
 * batch's own column, the large value would be fetched from TOAST storage again for every row.
 */
const photosParam = (photos: Record<string, ImportPhoto>) => sql`${JSON.stringify(photos)}::jsonb`;

/**
 * 确认导入: checks the good rows again and saves them with photos in ONE transaction. With allOrNothing (or
 * when no row is good) nothing is saved unless every row is good, and the batch becomes rejected. Saving
 * twice (a double click, a retried job) saves nothing twice: the batch row is locked and its status checked,
 * and the (plan, person) key skips anyone already registered.
 *
 * The rows come from import_batch_rows, kept when the file was checked: the file's own rules are not run
 * again unless what they read has changed since (checkKey: the plan's trade or minimum years, the enterprise's
 * names, the day), in which case the file is read and checked again. The database rules (already registered,
 * a valid certificate, a known number with another name) and the photos are checked again in set queries, and
 * the save is a few set-based statements: new persons, registrations numbered from one reserved range, photos
 * handed to their person.
 */
export async function confirmRegistrationBatch(db: Db, actor: SessionUser, batchId: number, opts: { now?: Date; ip?: string | null; onProgress?: (done: number) => Promise<void> | void } = {}): Promise<BatchSummary> {
  const now = opts.now ?? new Date();
  const pre = await ownBatch(db, actor, batchId);
  if (pre.status === "applied" || pre.status === "rejected") return summary(pre);
  if (pre.status !== "checked" && pre.status !== "applying") throw new ActionError("该批次尚未检查完成，请稍候");
  const plan = await getPlan(db, pre.planId);
  if (!plan) throw new ActionError("考试计划不存在或未发布");
  const window = registrationWindowProblem(plan, now);
  if (window) throw new ActionError(window);
  const ctx = { actor, plan, now };

  // The file's own rules: their errors at check time still hold unless what they read has changed.
  let fileErrors: ReportError[];
  let staged: number;
  if (pre.checkKey && pre.checkKey === (await checkContextKey(db, ctx))) {
    const rows = new Set((await db.execute<{ row: number }>(sql`select row_no as "row" from import_batch_rows where batch_id = ${pre.id}`)).map((r) => r.row));
    fileErrors = pre.errors.filter((e) => !rows.has(e.row)).map(({ row, column, message }) => ({ row, column: column ?? "", message }));
    staged = rows.size;
  } else {
    const read = await parseBatchFile(db, pre);
    if (!read.ok) throw new ActionError(read.error);
    const alone = await checkRowsAlone(db, ctx, read.parsed);
    const restaged = await db.transaction(async (tx) => {
      const b = await ownBatch(tx, actor, batchId, true);
      if (b.status !== "checked" && b.status !== "applying") return false;
      await stageRows(tx, b.id, alone.candidates);
      await tx.update(importBatches).set({ checkKey: alone.key }).where(eq(importBatches.id, b.id));
      return true;
    });
    if (!restaged) return summary((await ownBatch(db, actor, batchId)) as ImportBatch);
    fileErrors = alone.errors.map(({ row, column, message }) => ({ row, column, message }));
    staged = alone.candidates.length;
  }

  // The database rules again (someone may have registered a person meanwhile), and a photo per row.
  const ruleErrors = await databaseRuleErrors(db, ctx, pre.id);
  const ruleBad = new Set(ruleErrors.map((e) => e.row));
  const noPhoto = (
    await db.execute<{ row: number; idNumber: string }>(sql`
      select r.row_no as "row", r.id_number as "idNumber" from import_batch_rows r
      where r.batch_id = ${pre.id} and not (${photosParam(pre.photos)} ? r.id_number)
      order by r.row_no`)
  ).filter((r) => !ruleBad.has(r.row));
  const errors: ReportError[] = [
    ...fileErrors,
    ...ruleErrors.map(({ row, column, message }) => ({ row, column, message })),
    ...noPhoto.map(({ row, idNumber }) => ({ row, column: "照片", message: `缺少照片：请上传文件名为 ${idNumber}.jpg 的照片` })),
  ].sort((a, b) => a.row - b.row);
  const bad = [...ruleBad, ...noPhoto.map((r) => r.row)];
  const good = staged - bad.length;
  const errorRows = new Set(errors.map((e) => e.row)).size;
  const reject = good === 0 || (pre.allOrNothing && errorRows > 0);

  // Numbers are reserved outside the saving transaction, as for single registrations (see nextRegistrationNo).
  const day = beijingDate(now).replaceAll("-", "");
  let firstNo = 0;
  if (!reject) {
    firstNo = await db.transaction(async (tx) => {
      await tx.execute(sql`set local synchronous_commit = off`);
      return reserveSerials(tx, `registration:${day}`, good);
    });
  }

  return db.transaction(async (tx) => {
    const b = await ownBatch(tx, actor, batchId, true);
    if (b.status === "applied" || b.status === "rejected") return summary(b);
    if (reject) {
      const [f] = await tx
        .update(importBatches)
        .set({ status: "rejected", errors, errorRows, okRows: 0, finishedAt: now, message: good ? "有错误的行，按“全部正确才导入”的选择，未保存任何报名" : "没有可以保存的行" })
        .where(eq(importBatches.id, b.id))
        .returning();
      await tx.execute(sql`delete from import_batch_rows where batch_id = ${b.id}`);
      return summary(f);
    }
    await tx.update(importBatches).set({ status: "applying", processedRows: 0 }).where(eq(importBatches.id, b.id));
    const badRows = sql`${sql.param(bad)}::int[]`;
    const photos = photosParam(b.photos);
    await tx.execute(sql`set local work_mem = '64MB'`); // the rows are sorted by row number in memory
    const employerOrgId = actor.role === "enterprise" ? actor.organizationId : null;

    // New persons first, in file order; a number created meanwhile by someone else is left as it is.
    await tx.execute(sql`
      insert into persons (id_type, id_number, name, gender, birth_date, phone, education, employer_org_id, employer_name, work_start_date)
      select r.id_type, r.id_number, r.name, r.gender, r.birth_date, nullif(r.phone, ''), nullif(r.education, ''), ${employerOrgId}::int,
        r.employer_name, r.work_start_date
      from import_batch_rows r
      where r.batch_id = ${b.id} and r.row_no <> all(${badRows})
        and not exists (select 1 from persons p where p.id_type = r.id_type and p.id_number = r.id_number)
      order by r.row_no
      on conflict do nothing`);

    // The registrations, numbered in file order from the reserved range, for the person holding the number
    // under the same name (someone may have created it meanwhile under another); the batch photos then belong
    // to their person (so the person sees the photo of their registration); the person's own record is left alone.
    const [{ saved }] = await tx.execute<{ saved: number }>(sql`
      with ins as (
        insert into registrations (registration_no, plan_id, person_id, submitter_kind, submitter_org_id, submitted_by_user_id,
          employer_org_id, employer_name, employer_code, work_start_date, years_of_work, resume, employer_opinion, photo_file_id,
          status, submitted_at, import_batch_id)
        select 'BM' || ${day}::text || lpad((${firstNo}::int + row_number() over (order by r.row_no) - 1)::text, 6, '0'),
          ${plan.id}::int, p.id, ${actor.role}::text, ${actor.organizationId}::int, ${actor.id}::int,
          ${employerOrgId}::int, r.employer_name, r.employer_code, r.work_start_date, r.years_of_work, r.resume, r.employer_opinion,
          (${photos} -> r.id_number ->> 'fileId')::uuid, 'submitted', ${now.toISOString()}::timestamptz, ${b.id}::int
        from import_batch_rows r
        join persons p on p.id_type = r.id_type and p.id_number = r.id_number
          and (p.name = r.name or regexp_replace(p.name, ${JS_WHITESPACE}, '', 'g') = regexp_replace(r.name, ${JS_WHITESPACE}, '', 'g'))
        where r.batch_id = ${b.id} and r.row_no <> all(${badRows}) and ${photos} ? r.id_number
        order by r.row_no
        on conflict (plan_id, person_id) do nothing
        returning person_id, photo_file_id
      ), owned as (
        update files f set owner_person_id = ins.person_id from ins
        where f.id = ins.photo_file_id and f.owner_person_id is null and f.uploaded_by_user_id = ${actor.id}
      )
      select count(*)::int as saved from ins`);
    await opts.onProgress?.(good);
    const [f] = await tx
      .update(importBatches)
      .set({ status: "applied", okRows: saved, errorRows, errors, processedRows: good, finishedAt: now, message: saved < good ? `${good - saved} 行的人员已在其他批次或单独报名，未重复保存` : null })
      .where(eq(importBatches.id, b.id))
      .returning();
    await tx.execute(sql`delete from import_batch_rows where batch_id = ${b.id}`);
    await writeAudit(tx, {
      actor,
      ip: opts.ip,
      action: "registration.batch_imported",
      entityType: "import_batch",
      entityId: b.id,
      summary: `${actor.displayName} 批量报名 ${plan.name}：保存 ${saved} 人，${errorRows} 行有错误未保存（${b.originalName ?? ""}）`,
      after: { planId: plan.id, saved, errorRows, totalRows: b.totalRows },
    });
    return summary(f);
  });
}

/** 本批次报名信息: the registrations a batch saved, paginated, ID numbers masked. */
export async function listBatchRegistrations(db: DbOrTx, actor: SessionUser, batchId: number, opts: { page?: number; pageSize?: number } = {}) {
  const b = await ownBatch(db, actor, batchId);
  const page = Math.max(1, opts.page ?? 1);
  const pageSize = Math.min(100, opts.pageSize ?? 20);
  const where = and(eq(registrations.importBatchId, b.id), eq(registrations.submitterOrgId, actor.organizationId!));
  const [rows, total] = await Promise.all([
    db
      .select({ id: registrations.id, registrationNo: registrations.registrationNo, status: registrations.status, name: persons.name, idNumber: persons.idNumber, submittedAt: registrations.submittedAt })
      .from(registrations)
      .innerJoin(persons, eq(persons.id, registrations.personId))
      .where(where)
      .orderBy(registrations.id)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.$count(registrations, where),
  ]);
  return { rows: rows.map((r) => ({ ...r, idNumber: maskIdNumber(r.idNumber) })), total, page, pageSize };
}

// ---------------------------------------------------------------------------------------------------------
// 删除所有报名信息 / 删除

/** What a submitter may still delete: nothing reviewed. Approved (payment notice sent), paid and seated stay. */
export const DELETABLE_STATUSES = ["submitted", "withdrawn", "rejected"] as const;

export type KeptRegistration = { id: number; registrationNo: string; name: string; statusLabel: string };

async function deleteWhere(db: Db, actor: SessionUser, where: ReturnType<typeof and>, ip: string | null, what: string) {
  assertOrg(actor);
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: registrations.id, registrationNo: registrations.registrationNo, status: registrations.status, name: persons.name, planId: registrations.planId })
      .from(registrations)
      .innerJoin(persons, eq(persons.id, registrations.personId))
      .where(and(where, eq(registrations.submitterKind, actor.role), eq(registrations.submitterOrgId, actor.organizationId)))
      .orderBy(registrations.id)
      .for("update", { of: registrations });
    const del = rows.filter((r) => (DELETABLE_STATUSES as readonly string[]).includes(r.status));
    const kept: KeptRegistration[] = rows
      .filter((r) => !(DELETABLE_STATUSES as readonly string[]).includes(r.status))
      .map((r) => ({ id: r.id, registrationNo: r.registrationNo, name: r.name, statusLabel: REGISTRATION_STATUS_LABELS[r.status] }));
    for (let i = 0; i < del.length; i += 5_000) {
      const ids = del.slice(i, i + 5_000).map((r) => r.id);
      // The status is checked again in the statement itself: a review that committed meanwhile wins.
      await tx.delete(registrations).where(and(inArray(registrations.id, ids), inArray(registrations.status, [...DELETABLE_STATUSES])));
    }
    if (del.length) {
      await writeAudit(tx, {
        actor,
        ip,
        action: "registration.deleted",
        entityType: "registration",
        entityId: del.length === 1 ? del[0].id : undefined,
        summary: `${actor.displayName} ${what}：删除 ${del.length} 条报名${kept.length ? `，保留已审核或已缴费的 ${kept.length} 条` : ""}`,
        before: { registrations: del.map((r) => ({ id: r.id, registrationNo: r.registrationNo, status: r.status })) },
      });
    }
    return { deleted: del.length, kept, found: rows.length };
  });
}

/**
 * 删除所有报名信息 for a plan: every registration of the plan this organisation submitted and may still
 * delete, in one transaction; the ones already reviewed (paid above all) are kept and listed by name.
 */
export async function deleteAllRegistrations(db: Db, actor: SessionUser, planId: number, ip: string | null = null) {
  return deleteWhere(db, actor, eq(registrations.planId, planId), ip, "删除所有报名信息");
}

/** 删除 one registration of this organisation; a reviewed one is refused with its status, someone else's is not found. */
export async function deleteRegistration(db: Db, actor: SessionUser, registrationId: number, ip: string | null = null) {
  const r = await deleteWhere(db, actor, eq(registrations.id, registrationId), ip, "删除报名信息");
  if (r.found === 0) throw new AccessDenied();
  if (r.kept.length) throw new ActionError(`该报名状态为“${r.kept[0].statusLabel}”，不能删除`);
  return r;
}
