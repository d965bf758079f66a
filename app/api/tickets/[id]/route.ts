import { attachment, notFoundResponse, refused, unauthorized } from "@/lib/download-response";
import { db } from "@/db";
import { NO_PERMISSION } from "@/lib/actions";
import { renderTicketDocx } from "@/lib/documents/ticket-docx";
import { renderTicketPdf } from "@/lib/documents/ticket-pdf";
import { getCurrentUser } from "@/lib/auth/current-user";
import { isSameOrigin } from "@/lib/http/request-guards";
import { clientIp } from "@/lib/request-context";
import { loadTicket, markTicketPrinted } from "@/lib/services/tickets";
import { answeringUnavailable } from "@/lib/http/unavailable";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

async function ticketFile(request: Request, props: { params: Promise<{ id: string }> }, print: boolean) {
  const user = await getCurrentUser();
  if (!user) return unauthorized();
  if (print && !isSameOrigin(request)) return refused(NO_PERMISSION, 403);
  const id = Number((await props.params).id);
  const format = new URL(request.url).searchParams.get("format") === "docx" ? "docx" : "pdf";
  const t = await loadTicket(db, user, id);
  if (!t.ok) return t.notFound ? notFoundResponse("准考证不存在") : refused(t.reason);
  const file = format === "pdf" ? await renderTicketPdf(t.data) : await renderTicketDocx(t.data);
  if (print) await markTicketPrinted(db, user, id, format, await clientIp());
  return attachment(file, format === "pdf" ? "application/pdf" : DOCX, `准考证-${t.data.ticketNo}.${format}`);
}

/** The ticket file (?format=pdf, the default, or docx) to look at; changes nothing. */
async function handleGet(request: Request, props: { params: Promise<{ id: string }>; }) {
  return ticketFile(request, props, false);
}

/**
 * 打印准考证 (the 打印 dialog posts here): the same file, and the first one notes the ticket as printed, which
 * the seating keeps in place when it re-arranges rooms. A POST, so a link or a prefetch cannot change that.
 */
async function handlePost(request: Request, props: { params: Promise<{ id: string }> }) {
  return ticketFile(request, props, true);
}

export const GET = answeringUnavailable(handleGet);
export const POST = answeringUnavailable(handlePost);
