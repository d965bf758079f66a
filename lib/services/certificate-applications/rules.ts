/**
 * The pure rules of the certificate services (dates, the renewal window, file types): no database, no Next.js,
 * so unit tests and the browser-side preview can use them.
 */
import type { CertificateStatus } from "@/db/schema/certificates";
import { sniffImageType } from "@/lib/photos/sniff";

export function dayNumber(date: string) {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** YYYY-MM-DD plus whole months (the 31st falls back to the month's last day), as PostgreSQL's date + interval. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

export type RenewalFacts = {
  status: CertificateStatus;
  validUntil: string;
  windowMonths: number;
  graceDays: number;
  openBatchNo: string | null;
};

/** Why a certificate cannot be renewed today, or null when it can. The same rule the submission enforces. */
export function renewalRefusal(c: RenewalFacts, today: string): string | null {
  if (c.status === "revoked") return "证书已注销，不能续期";
  if (c.status === "superseded") return "证书已变更，此版本不能续期，请对当前版本申请";
  if (c.openBatchNo) return `该证书已有待审核的续期申请（申请批号 ${c.openBatchNo}），不能重复申请`;
  const opensOn = addMonths(c.validUntil, -c.windowMonths);
  if (today < opensOn) return `未到续期时间：证书有效期至 ${c.validUntil}，可于 ${opensOn} 起申请续期`;
  const closesOn = addDays(c.validUntil, c.graceDays);
  if (today > closesOn) return `证书已于 ${c.validUntil} 到期，已超过 ${c.graceDays} 天的续期宽限期，不能续期`;
  return null;
}

/** PDF or image, decided from the bytes: the declared type follows the file name and proves nothing. */
export function sniffScanType(buf: Uint8Array): { contentType: string; ext: string } | null {
  if (buf.length >= 5 && Buffer.from(buf.subarray(0, 5)).toString("latin1") === "%PDF-") return { contentType: "application/pdf", ext: "pdf" };
  const img = sniffImageType(buf);
  if (img === "jpeg") return { contentType: "image/jpeg", ext: "jpg" };
  if (img === "png") return { contentType: "image/png", ext: "png" };
  return null;
}
