import { db } from "@/db";
import { CAPTCHA_COOKIE, CAPTCHA_TTL_SECONDS, createCaptcha } from "@/lib/auth/captcha";
import { hitRateLimit } from "@/lib/rate-limit";
import { isServiceUnavailable, serviceUnavailableResponse } from "@/lib/http/unavailable";
import { clientIp } from "@/lib/request-context";

/** Each call draws an image and writes a row: a person needs a few, a script gets refused. */
const CAPTCHA_LIMIT = { perIp: 60, windowSeconds: 600, whenIpUnknown: 600 } as const;

export const dynamic = "force-dynamic";

/** A new 4-digit image captcha; its id rides in an httpOnly cookie, its answer stays in the database. */
export async function GET() {
  try {
    return await captcha();
  } catch (e) {
    if (isServiceUnavailable(e)) return serviceUnavailableResponse();
    throw e;
  }
}

async function captcha() {
  // Without a known address all such callers share one larger budget, so the table still cannot be flooded.
  const ip = await clientIp();
  const allowed = await hitRateLimit(db, `captcha-ip:${ip ?? "unknown"}`, ip ? CAPTCHA_LIMIT.perIp : CAPTCHA_LIMIT.whenIpUnknown, CAPTCHA_LIMIT.windowSeconds);
  if (!allowed) {
    return new Response("请求验证码过于频繁，请稍后再试", {
      status: 429,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "retry-after": String(CAPTCHA_LIMIT.windowSeconds) },
    });
  }
  const { id, png } = await createCaptcha(db);
  const res = new Response(new Uint8Array(png), {
    headers: { "content-type": "image/png", "cache-control": "no-store" },
  });
  const secure = process.env.AUTH_URL?.startsWith("https://") ? "; Secure" : "";
  res.headers.append("set-cookie", `${CAPTCHA_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${CAPTCHA_TTL_SECONDS}${secure}`);
  return res;
}
