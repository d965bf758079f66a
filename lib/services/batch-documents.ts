import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { importBatches, registrations } from "@/db/schema";
import { ActionError } from "@/lib/actions";
import { AccessDenied } from "@/lib/auth/guards";
import type { SessionUser } from "@/lib/auth/roles";
import { renderRegistrationFormsPdf } from "@/lib/documents/registration-form-pdf";
import { renderTicketsPdf } from "@/lib/documents/ticket-pdf";
import type { RegistrationFormData, TicketData } from "@/lib/documents/types";
import { loadRegistrationForm } from "./registrations";
import { loadTicket } from "./tickets";

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

/**
 * 打印准考证 for all of a plan's candidates this organisation submitted: one PDF of every ticket that may be
 * printed now (seated, within the printing window); the others are counted, not printed.
 */
export async function bulkTicketsPdf(db: DbOrTx, actor: SessionUser, planId: number, now = new Date()) {
  assertOrg(actor);
  const ids = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(
      and(
        eq(registrations.planId, planId),
        eq(registrations.submitterKind, actor.role as "enterprise" | "trainer"),
        eq(registrations.submitterOrgId, actor.organizationId),
        eq(registrations.status, "seated"),
      ),
    )
    .orderBy(registrations.ticketNo)
    .limit(MAX_PDF_PAGES + 1);
  if (ids.length > MAX_PDF_PAGES) throw new ActionError(`准考证超过 ${MAX_PDF_PAGES} 张，请分批下载`);
  const tickets: TicketData[] = [];
  let skipped = 0;
  for (const { id } of ids) {
    const t = await loadTicket(db, actor, id, now);
    if (t.ok) tickets.push(t.data);
    else skipped++;
  }
  if (tickets.length === 0) throw new ActionError(skipped ? "当前不在准考证打印时间内" : "该考试计划没有可打印的准考证");
  return { data: await renderTicketsPdf(tickets, "准考证"), count: tickets.length, skipped, fileName: `准考证-${planId}.pdf` };
}
