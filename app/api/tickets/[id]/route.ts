import { attachment, notFoundResponse, refused, unauthorized } from "@/lib/download-response";
import { db } from "@/db";
import { renderTicketDocx } from "@/lib/documents/ticket-docx";
import { renderTicketPdf } from "@/lib/documents/ticket-pdf";
import { getCurrentUser } from "@/lib/auth/current-user";
import { clientIp } from "@/lib/request-context";
import { loadTicket, markTicketPrinted } from "@/lib/services/tickets";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** 打印准考证: ?format=pdf (default) or docx, only for a seated registration inside the printing window. */
export async function GET(request: Request, props: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return unauthorized();
  const id = Number((await props.params).id);
  const format = new URL(request.url).searchParams.get("format") === "docx" ? "docx" : "pdf";
  const t = await loadTicket(db, user, id);
  if (!t.ok) return t.notFound ? notFoundResponse("准考证不存在") : refused(t.reason);
  const file = format === "pdf" ? await renderTicketPdf(t.data) : await renderTicketDocx(t.data);
  await markTicketPrinted(db, user, id, format, await clientIp());
  return attachment(file, format === "pdf" ? "application/pdf" : DOCX, `准考证-${t.data.ticketNo}.${format}`);
}
