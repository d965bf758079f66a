import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// Without AUTH_SECRET (scripts, tests) a key for this process only: sealed links then last until a restart.
const key = createHash("sha256").update(`url-seal:${process.env.AUTH_SECRET ?? randomBytes(32).toString("hex")}`).digest();

/**
 * Wraps a personal value (e.g. an ID number typed as a search term) for a URL: links, history, Referer headers
 * and access logs then carry an opaque token, and only this server can read it back.
 */
export function sealParam(value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64url");
}

/** The sealed value, or null when the token was not made by this server (or was altered). */
export function unsealParam(token: string): string | null {
  try {
    const raw = Buffer.from(token, "base64url");
    if (raw.length < 29) return null;
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
