import { attachment, notFoundResponse, refused, unauthorized } from "@/lib/download-response";
import { db } from "@/db";
import { getCurrentUser } from "@/lib/auth/current-user";
import { renderCertificatePdf } from "@/lib/documents/certificate-pdf";
import { loadCertificatePdf } from "@/lib/services/certificates";
import { answeringUnavailable } from "@/lib/http/unavailable";

/** The certificate as a PDF with the QR code to its public verification page; never a superseded or revoked version. */
async function handleGet(_request: Request, props: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return unauthorized();
  const data = await loadCertificatePdf(db, user, Number((await props.params).id));
  if (!data) return notFoundResponse("证书不存在");
  if ("refused" in data) return refused(data.refused);
  return attachment(await renderCertificatePdf(data), "application/pdf", `证书-${data.certificateNo}.pdf`);
}

export const GET = answeringUnavailable(handleGet);
