import { db } from "@/db";
import { CAPTCHA_COOKIE } from "@/lib/auth/captcha";
import { hitRateLimit } from "@/lib/rate-limit";
import { clientIp } from "@/lib/request-context";

/**
 * Each captcha request, image or audio, draws something and reads or writes a row: a person needs a few, a
 * script gets refused. Both kinds share one budget per IP.
 */
const CAPTCHA_LIMIT = { perIp: 60, windowSeconds: 600, whenIpUnknown: 600 } as const;

/** Null when the caller may have another captcha; otherwise the 429 to answer with. */
export async function captchaThrottle(): Promise<Response | null> {
  // Without a known address all such callers share one larger budget, so the table still cannot be flooded.
  const ip = await clientIp();
  const allowed = await hitRateLimit(db, `captcha-ip:${ip ?? "unknown"}`, ip ? CAPTCHA_LIMIT.perIp : CAPTCHA_LIMIT.whenIpUnknown, CAPTCHA_LIMIT.windowSeconds);
  if (allowed) return null;
  return new Response("请求验证码过于频繁，请稍后再试", {
    status: 429,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "retry-after": String(CAPTCHA_LIMIT.windowSeconds) },
  });
}

/** The captcha id the browser holds (an httpOnly cookie set with the image). */
export function captchaIdOf(req: Request): string | undefined {
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === CAPTCHA_COOKIE) return value.join("=");
  }
  return undefined;
}
