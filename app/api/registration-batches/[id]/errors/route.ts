import { db } from "@/db";
import { getCurrentUser } from "@/lib/auth/current-user";
import { attachment, notFoundResponse, refused, unauthorized } from "@/lib/download-response";
import { ActionError, AccessDenied } from "@/lib/errors";
import { batchErrorFile } from "@/lib/services/batch-registrations";
import { answeringUnavailable } from "@/lib/http/unavailable";

/** The uploaded 报名表 with its bad cells marked red and commented: only for the organisation that uploaded it. */
async function handleGet(_request: Request, props: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return unauthorized();
  if (user.role !== "enterprise" && user.role !== "trainer") return refused("无权访问", 403);
  const id = Number((await props.params).id);
  if (!Number.isSafeInteger(id) || id <= 0) return notFoundResponse("批次不存在");
  try {
    const f = await batchErrorFile(db, user, id);
    if (!f) return notFoundResponse("该批次没有错误");
    return attachment(f.data, f.contentType, f.fileName);
  } catch (e) {
    if (e instanceof AccessDenied) return notFoundResponse("批次不存在");
    if (e instanceof ActionError) return refused(e.message);
    throw e;
  }
}

export const GET = answeringUnavailable(handleGet);
