import "server-only";
import crypto from "node:crypto";
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import sharp from "sharp";
import svgCaptcha from "svg-captcha";
import type { DbOrTx } from "@/db/client";
import { captchas } from "@/db/schema";

export const CAPTCHA_COOKIE = "kw_captcha";
export const CAPTCHA_TTL_SECONDS = 300;

function isCaptchaId(id: string | undefined): id is string {
  return Boolean(id && /^[0-9a-f-]{36}$/.test(id));
}

/**
 * Draws a new 4-digit captcha as a PNG (glyphs are paths, not text) and stores its answer. The captcha it
 * replaces (the id in the caller's cookie) is spent, so only the newest challenge, image or audio, is valid.
 */
export async function createCaptcha(db: DbOrTx, replaces?: string) {
  if (isCaptchaId(replaces)) await db.update(captchas).set({ usedAt: new Date() }).where(and(eq(captchas.id, replaces), isNull(captchas.usedAt)));
  const c = svgCaptcha.create({ size: 4, charPreset: "0123456789", noise: 3, width: 120, height: 44, fontSize: 48, background: "#f4f6fa" });
  const answer = c.text;
  const [row] = await db
    .insert(captchas)
    .values({ answer, expiresAt: new Date(Date.now() + CAPTCHA_TTL_SECONDS * 1000) })
    .returning({ id: captchas.id });
  // Old rows are useless; a cheap sweep on creation keeps the table small.
  if (crypto.randomInt(20) === 0) await db.delete(captchas).where(lt(captchas.expiresAt, sql`now() - interval '1 hour'`));
  const png = await sharp(Buffer.from(c.data)).png().toBuffer();
  return { id: row.id, png };
}

/**
 * Checks and spends a captcha: each one can be tried once, right or wrong,
 * so it cannot be brute-forced by replaying the cookie.
 */
export async function consumeCaptcha(db: DbOrTx, id: string | undefined, answer: string): Promise<"ok" | "wrong" | "expired"> {
  if (!isCaptchaId(id)) return "expired";
  const [row] = await db
    .update(captchas)
    .set({ usedAt: new Date() })
    .where(and(eq(captchas.id, id), isNull(captchas.usedAt), gt(captchas.expiresAt, new Date())))
    .returning({ answer: captchas.answer });
  if (!row) return "expired";
  const a = Buffer.from(row.answer);
  const b = Buffer.from(answer.trim());
  return a.length === b.length && crypto.timingSafeEqual(a, b) ? "ok" : "wrong";
}

/** The answer of a captcha that can still be tried (for reading it aloud), or null when spent or expired. */
export async function openCaptchaAnswer(db: DbOrTx, id: string | undefined): Promise<string | null> {
  if (!isCaptchaId(id)) return null;
  const [row] = await db
    .select({ answer: captchas.answer })
    .from(captchas)
    .where(and(eq(captchas.id, id), isNull(captchas.usedAt), gt(captchas.expiresAt, new Date())));
  return row?.answer ?? null;
}
