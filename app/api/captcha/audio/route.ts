import { db } from "@/db";
import { openCaptchaAnswer } from "@/lib/auth/captcha";
import { captchaAudioWav } from "@/lib/auth/captcha-audio";
import { isServiceUnavailable, serviceUnavailableResponse } from "@/lib/http/unavailable";
import { captchaIdOf, captchaThrottle } from "../throttle";

export const dynamic = "force-dynamic";

/**
 * 听语音验证码: the captcha now on screen (the one in the caller's cookie) read aloud as a WAV, for people who
 * cannot read the image. Throttled with the image; a spent or expired captcha answers 410 without a word of it.
 */
export async function GET(req: Request) {
  try {
    return await audio(req);
  } catch (e) {
    if (isServiceUnavailable(e)) return serviceUnavailableResponse();
    throw e;
  }
}

async function audio(req: Request) {
  const refused = await captchaThrottle();
  if (refused) return refused;
  const answer = await openCaptchaAnswer(db, captchaIdOf(req));
  if (!answer) {
    return new Response("验证码已失效，请换一张", { status: 410, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  }
  return new Response(new Uint8Array(captchaAudioWav(answer)), {
    headers: { "content-type": "audio/wav", "cache-control": "no-store", "content-disposition": "inline" },
  });
}
