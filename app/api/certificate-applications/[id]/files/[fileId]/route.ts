import { attachment, notFoundResponse, unauthorized } from "@/lib/download-response";
import { db } from "@/db";
import { getCurrentUser } from "@/lib/auth/current-user";
import { loadApplicationScan } from "@/lib/services/certificate-applications/documents";
import { answeringUnavailable } from "@/lib/http/unavailable";

/** A supporting scan of a 变更 / 进京 application, for whoever may see the application (inline: PDF or image). */
async function handleGet(_request: Request, props: { params: Promise<{ id: string; fileId: string }> }) {
  const user = await getCurrentUser();
  if (!user) return unauthorized();
  const { id, fileId } = await props.params;
  const scan = await loadApplicationScan(db, user, Number(id), fileId);
  if (!scan) return notFoundResponse("文件不存在");
  return attachment(scan.data, scan.contentType, scan.name, { inline: true });
}

export const GET = answeringUnavailable(handleGet);
