import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { documentJobs, importBatches, registrations } from "@/db/schema";
import { AccessDenied, ActionError } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { renderRegistrationFormsPdf } from "@/lib/documents/registration-form-pdf";
import { PDFDocument } from "pdf-lib";
import { renderTicketsPdf } from "@/lib/documents/ticket-pdf";
import type { RegistrationFormData, TicketData } from "@/lib/documents/types";
import { getRegistrationsWhere } from "@/lib/queries/registrations";
import { mapBounded } from "@/lib/concurrency";
import { readFile, saveFile } from "@/lib/storage/files";
import { loadActor } from "./batch-registrations";
import { loadRegistrationForm } from "./registrations";
import { ticketAvailability, ticketData } from "./tickets";

/** One PDF holds at most this many pages; a larger set is split by the caller (or printed per batch). */
export const MAX_PDF_PAGES = 2_000;

function assertOrg(actor: SessionUser): asserts actor is SessionUser & { organizationId: number } {
  if ((actor.role !== "enterprise" && actor.role !== "trainer") || !actor.organizationId) throw new AccessDenied();
}

/**
 * 打印报名表 of a batch: one PDF with the form of every registration the batch saved, each loaded through the
 * same scoped query as a single form (so nothing outside the submitter's scope can slip in).
 */
export async function batchFormsPdf(db: DbOrTx, actor: SessionUser, batchId: number) {
  assertOrg(actor);
  const [b] = await db
    .select({ id: importBatches.id, originalName: importBatches.originalName })
    .from(importBatches)
    .where(and(eq(importBatches.id, batchId), eq(importBatches.kind, "registrations"), eq(importBatches.organizationId, actor.organizationId)))
    .limit(1);
  if (!b) throw new AccessDenied();
  const ids = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.importBatchId, b.id), eq(registrations.submitterOrgId, actor.organizationId)))
    .orderBy(registrations.id)
    .limit(MAX_PDF_PAGES + 1);
  if (ids.length === 0) throw new ActionError("本批次没有报名信息");
  if (ids.length > MAX_PDF_PAGES) throw new ActionError(`本批次超过 ${MAX_PDF_PAGES} 人，请分批打印`);
  const forms: RegistrationFormData[] = [];
  for (const { id } of ids) {
    const f = await loadRegistrationForm(db, actor, id);
    if (f) forms.push(f);
  }
  return { data: await renderRegistrationFormsPdf(forms, `报名表（第 ${b.id} 批）`), count: forms.length, fileName: `报名表-批次${b.id}.pdf` };
}

/** Tickets per react-pdf document: its layout cost grows faster than the page count, and memory with it. */
export const TICKETS_PER_CHUNK = 100;
const PHOTO_READS_AT_ONCE = 8;

/**
 * 打印准考证 for all of a plan's candidates this organisation submitted: one PDF of every ticket that may be
 * printed now (seated, within the printing window); the others are counted, not printed. The tickets' data
 * comes in one scoped query; they are rendered TICKETS_PER_CHUNK at a time (photos read per chunk) and the
 * chunks merged, so memory stays bounded by a chunk rather than the whole plan.
 */
export async function bulkTicketsPdf(db: DbOrTx, actor: SessionUser, planId: number, now = new Date(), onProgress?: (done: number, total: number) => Promise<void>, chunkSize = TICKETS_PER_CHUNK) {
  assertOrg(actor);
  const rows = await getRegistrationsWhere(
    db,
    actor,
    and(
      eq(registrations.planId, planId),
      eq(registrations.submitterKind, actor.role as "enterprise" | "trainer"),
      eq(registrations.submitterOrgId, actor.organizationId),
      eq(registrations.status, "seated"),
    ),
    MAX_PDF_PAGES + 1,
  );
  if (rows.length > MAX_PDF_PAGES) throw new ActionError(`准考证超过 ${MAX_PDF_PAGES} 张，请分批下载`);
  const printable = rows.filter((r) => ticketAvailability(r, now).ok);
  const skipped = rows.length - printable.length;
  if (printable.length === 0) throw new ActionError(skipped ? "当前不在准考证打印时间内" : "该考试计划没有可打印的准考证");

  const merged = await PDFDocument.create();
  merged.setTitle("准考证");
  merged.setLanguage("zh-CN");
  let done = skipped;
  for (let i = 0; i < printable.length; i += chunkSize) {
    const chunk = printable.slice(i, i + chunkSize);
    const photos = await mapBounded(chunk, PHOTO_READS_AT_ONCE, async (r) => (r.photoFileId ? ((await readFile(db, r.photoFileId))?.data ?? null) : null));
    const tickets: TicketData[] = chunk.map((r, k) => ticketData(r, photos[k]));
    const part = await PDFDocument.load(await renderTicketsPdf(tickets, "准考证"));
    for (const page of await merged.copyPages(part, part.getPageIndices())) merged.addPage(page);
    done += chunk.length;
    await onProgress?.(done, rows.length);
  }
  // Plain objects (no object streams), as react-pdf writes them, so page objects stay visible to simple checks.
  return { data: Buffer.from(await merged.save({ useObjectStreams: false })), count: printable.length, skipped, fileName: `准考证-${planId}.pdf` };
}

// ---------------------------------------------------------------------------------------------------------
// Bulk tickets in the background

/** 下载全部准考证 as a background job: creates the job row; the caller enqueues it (lib/jobs enqueueBulkTickets). */
export async function requestBulkTickets(db: DbOrTx, actor: SessionUser, planId: number) {
  assertOrg(actor);
  const [job] = await db
    .insert(documentJobs)
    .values({ kind: "tickets", organizationId: actor.organizationId, requestedByUserId: actor.id, planId })
    .returning();
  return job;
}

async function ownDocumentJob(db: DbOrTx, actor: SessionUser, jobId: number) {
  assertOrg(actor);
  const [job] = await db
    .select()
    .from(documentJobs)
    .where(and(eq(documentJobs.id, jobId), eq(documentJobs.organizationId, actor.organizationId)))
    .limit(1);
  if (!job) throw new AccessDenied();
  return job;
}

/** For the page that polls: status, done / total, message. */
export async function getDocumentJob(db: DbOrTx, actor: SessionUser, jobId: number) {
  const { id, kind, status, total, done, message, createdAt, finishedAt, fileId } = await ownDocumentJob(db, actor, jobId);
  return { id, kind, status, total, done, message, createdAt, finishedAt, ready: Boolean(fileId) };
}

/** The finished PDF, for its organisation only. */
export async function documentJobFile(db: DbOrTx, actor: SessionUser, jobId: number) {
  const job = await ownDocumentJob(db, actor, jobId);
  if (!job.fileId) return null;
  const f = await readFile(db, job.fileId);
  return f ? { data: f.data, contentType: "application/pdf", fileName: `准考证-${job.planId}.pdf` } : null;
}

/**
 * The worker's part: renders the tickets with progress (done / total) and stores the PDF. A job that already
 * finished is left alone, so a retry after a crash renders at most once more.
 */
export async function runBulkTickets(db: Db, jobId: number) {
  const [job] = await db.select().from(documentJobs).where(eq(documentJobs.id, jobId)).limit(1);
  if (!job || job.status === "done" || job.status === "failed") return;
  const actor = job.requestedByUserId ? await loadActor(db, job.requestedByUserId) : null;
  const finish = (values: Partial<typeof documentJobs.$inferInsert>) =>
    db.update(documentJobs).set({ ...values, finishedAt: new Date() }).where(eq(documentJobs.id, jobId));
  if (!actor || !job.planId) return finish({ status: "failed", message: "申请账号或考试计划已不存在" });
  await db.update(documentJobs).set({ status: "running", done: 0 }).where(eq(documentJobs.id, jobId));
  try {
    const pdf = await bulkTicketsPdf(db, actor, job.planId, new Date(), (done, total) =>
      db.update(documentJobs).set({ done, total }).where(eq(documentJobs.id, jobId)).then(() => undefined),
    );
    const fileId = await saveFile(db, { data: pdf.data, kind: "attachment", contentType: "application/pdf", ext: "pdf", originalName: pdf.fileName, uploadedByUserId: actor.id });
    await finish({ status: "done", fileId, done: pdf.count, total: pdf.count + pdf.skipped, message: pdf.skipped ? `${pdf.skipped} 张准考证当前不能打印，未包含在内` : null });
  } catch (e) {
    if (e instanceof ActionError || e instanceof AccessDenied) return finish({ status: "failed", message: e.message });
    throw e;
  }
}
