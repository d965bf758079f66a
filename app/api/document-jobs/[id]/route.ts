import { db } from "@/db";
import { AccessDenied } from "@/lib/errors";
import { getCurrentUser } from "@/lib/auth/current-user";
import { attachment, notFoundResponse, unauthorized } from "@/lib/download-response";
import { documentJobFile } from "@/lib/services/batch-documents";
import { answeringUnavailable } from "@/lib/http/unavailable";

/** The finished 下载全部准考证 PDF, for the organisation that requested it (anyone else: not found). */
async function handleGet(_request: Request, props: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return unauthorized();
  const id = Number((await props.params).id);
  if (!Number.isSafeInteger(id) || id <= 0) return notFoundResponse("文件不存在");
  try {
    const file = await documentJobFile(db, user, id);
    if (!file) return notFoundResponse("文件不存在或尚未生成");
    return attachment(file.data, file.contentType, file.fileName);
  } catch (e) {
    if (e instanceof AccessDenied) return notFoundResponse("文件不存在");
    throw e;
  }
}

export const GET = answeringUnavailable(handleGet);
