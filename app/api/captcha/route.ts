import { db } from "@/db";
import { CAPTCHA_COOKIE, CAPTCHA_TTL_SECONDS, createCaptcha } from "@/lib/auth/captcha";
import { isServiceUnavailable, serviceUnavailableResponse } from "@/lib/http/unavailable";
import { captchaIdOf, captchaThrottle } from "./throttle";

export const dynamic = "force-dynamic";

/**
 * A new 4-digit image captcha; its id rides in an httpOnly cookie, its answer stays in the database. The
 * captcha it replaces is spent. /api/captcha/audio reads the same challenge aloud.
 */
export async function GET(req: Request) {
  try {
    return await captcha(req);
  } catch (e) {
    if (isServiceUnavailable(e)) return serviceUnavailableResponse();
    throw e;
  }
}

async function captcha(req: Request) {
  const refused = await captchaThrottle();
  if (refused) return refused;
  const { id, png } = await createCaptcha(db, captchaIdOf(req));
  const res = new Response(new Uint8Array(png), {
    headers: { "content-type": "image/png", "cache-control": "no-store" },
  });
  const secure = process.env.AUTH_URL?.startsWith("https://") ? "; Secure" : "";
  res.headers.append("set-cookie", `${CAPTCHA_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${CAPTCHA_TTL_SECONDS}${secure}`);
  return res;
}
