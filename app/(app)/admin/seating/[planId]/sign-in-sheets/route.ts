import { db } from "@/db";
import { ActionError } from "@/lib/errors";
import { getCurrentUser } from "@/lib/auth/current-user";
import { signInSheets } from "@/lib/services/admin/seating";
import { answeringUnavailable } from "@/lib/http/unavailable";

/** 考场签到表 (.xlsx, one sheet per room). */
async function handleGet(_request: Request, props: { params: Promise<{ planId: string }> }) {
  const user = await getCurrentUser();
  if (!user) return new Response("登录已失效，请重新登录", { status: 401, headers: { "cache-control": "no-store" } });
  if (user.role !== "admin") return new Response("无权访问", { status: 403, headers: { "cache-control": "no-store" } });
  const planId = Number((await props.params).planId);
  if (!Number.isInteger(planId) || planId <= 0) return new Response("考试计划不存在", { status: 404 });
  try {
    const { fileName, data } = await signInSheets(db, user, planId);
    return new Response(new Uint8Array(data), {
      headers: {
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": `attachment; filename="sign-in-${planId}.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        "cache-control": "private, no-store",
      },
    });
  } catch (e) {
    if (e instanceof ActionError) return new Response(e.message, { status: 409, headers: { "content-type": "text/plain; charset=utf-8" } });
    throw e;
  }
}

export const GET = answeringUnavailable(handleGet);
