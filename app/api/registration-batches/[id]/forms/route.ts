import { db } from "@/db";
import { getCurrentUser } from "@/lib/auth/current-user";
import { attachment, notFoundResponse, refused, unauthorized } from "@/lib/download-response";
import { ActionError, AccessDenied } from "@/lib/errors";
import { batchFormsPdf } from "@/lib/services/batch-documents";
import { answeringUnavailable } from "@/lib/http/unavailable";

/** 打印报名表: one PDF with the form of every registration the batch saved. */
async function handleGet(_request: Request, props: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return unauthorized();
  if (user.role !== "enterprise" && user.role !== "trainer") return refused("无权访问", 403);
  const id = Number((await props.params).id);
  if (!Number.isSafeInteger(id) || id <= 0) return notFoundResponse("批次不存在");
  try {
    const f = await batchFormsPdf(db, user, id);
    return attachment(f.data, "application/pdf", f.fileName, { inline: true });
  } catch (e) {
    if (e instanceof AccessDenied) return notFoundResponse("批次不存在");
    if (e instanceof ActionError) return refused(e.message);
    throw e;
  }
}

export const GET = answeringUnavailable(handleGet);
