import { db } from "@/db";
import { getCurrentUser } from "@/lib/auth/current-user";
import { attachment, refused, unauthorized } from "@/lib/download-response";
import { ActionError, AccessDenied } from "@/lib/errors";
import { registrationTemplate } from "@/lib/services/batch-registrations";
import { answeringUnavailable } from "@/lib/http/unavailable";

/** 报名表导入模版 (.xlsx) of a plan, for an enterprise or a training institution. */
async function handleGet(request: Request) {
  const user = await getCurrentUser();
  if (!user) return unauthorized();
  if (user.role !== "enterprise" && user.role !== "trainer") return refused("无权访问", 403);
  const planId = Number(new URL(request.url).searchParams.get("planId"));
  if (!Number.isSafeInteger(planId) || planId <= 0) return refused("请选择考试计划", 400);
  try {
    const t = await registrationTemplate(db, user, planId);
    return attachment(t.data, t.contentType, t.fileName);
  } catch (e) {
    if (e instanceof ActionError) return refused(e.message, 404);
    if (e instanceof AccessDenied) return refused("无权访问", 403);
    throw e;
  }
}

export const GET = answeringUnavailable(handleGet);
