import { db } from "@/db";
import { CAPTCHA_COOKIE, CAPTCHA_TTL_SECONDS, createCaptcha } from "@/lib/auth/captcha";

export const dynamic = "force-dynamic";

/** A new 4-digit image captcha; its id rides in an httpOnly cookie, its answer stays in the database. */
export async function GET() {
  const { id, png } = await createCaptcha(db);
  const res = new Response(new Uint8Array(png), {
    headers: { "content-type": "image/png", "cache-control": "no-store" },
  });
  const secure = process.env.AUTH_URL?.startsWith("https://") ? "; Secure" : "";
  res.headers.append("set-cookie", `${CAPTCHA_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${CAPTCHA_TTL_SECONDS}${secure}`);
  return res;
}
