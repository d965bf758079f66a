import { attachment, notFoundResponse, unauthorized } from "@/lib/download-response";
import { db } from "@/db";
import { getCurrentUser } from "@/lib/auth/current-user";
import { renderCertificateApplicationPdf } from "@/lib/documents/certificate-application-pdf";
import { loadApplicationForm } from "@/lib/services/certificate-applications/documents";
import { answeringUnavailable } from "@/lib/http/unavailable";

/** 打印: the filled 证书变更申请表 or 证书进京申请表 as PDF, for whoever may see the application. */
async function handleGet(_request: Request, props: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return unauthorized();
  const data = await loadApplicationForm(db, user, Number((await props.params).id));
  if (!data) return notFoundResponse("申请不存在");
  return attachment(await renderCertificateApplicationPdf(data), "application/pdf", `${data.title}-${data.batchNo}.pdf`);
}

export const GET = answeringUnavailable(handleGet);
