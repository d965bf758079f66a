import "server-only";
import crypto from "node:crypto";

/**
 * Tokens for the public verification pages (/verify/ticket/…, /verify/certificate/…) that the QR codes on
 * tickets and certificates point to. A token names one record and carries an HMAC made with AUTH_SECRET, so
 * nobody can walk through ids or forge a link; the pages themselves show only what a verifier needs.
 */
export type VerifyKind = "ticket" | "certificate";

const PREFIX: Record<VerifyKind, string> = { ticket: "t", certificate: "c" };
// 96 bits of MAC keeps the URL (and so the QR code) short while guessing stays out of reach.
const MAC_BYTES = 12;

function secret(): string {
  const s = process.env.AUTH_SECRET;
  if (s) return s;
  if (process.env.NODE_ENV === "production") throw new Error("AUTH_SECRET is not set");
  return "development-only-verify-secret";
}

function mac(body: string): string {
  return crypto.createHmac("sha256", `verify:${secret()}`).update(body).digest().subarray(0, MAC_BYTES).toString("base64url");
}

export function signVerifyToken(kind: VerifyKind, id: number): string {
  if (!Number.isSafeInteger(id) || id <= 0) throw new RangeError(`bad id ${id}`);
  const body = `${PREFIX[kind]}${id.toString(36)}`;
  return `${body}.${mac(body)}`;
}

/** The record id the token names, or null for anything forged, truncated or of the other kind. */
export function readVerifyToken(kind: VerifyKind, token: string): number | null {
  const m = /^([tc])([0-9a-z]{1,12})\.([A-Za-z0-9_-]{16})$/.exec(token);
  if (!m || m[1] !== PREFIX[kind]) return null;
  const expected = Buffer.from(mac(`${m[1]}${m[2]}`));
  const given = Buffer.from(m[3]);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  const id = parseInt(m[2], 36);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The site's public address, as the QR code must carry an absolute URL. */
export function publicBaseUrl(): string {
  return (process.env.PUBLIC_BASE_URL || process.env.AUTH_URL || "http://localhost:3000").replace(/\/+$/, "");
}

export function verifyUrl(kind: VerifyKind, id: number): string {
  return `${publicBaseUrl()}/verify/${kind}/${signVerifyToken(kind, id)}`;
}
