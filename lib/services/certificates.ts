import "server-only";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { certificates, persons, trades, type CertificateStatus } from "@/db/schema";
import type { CertificateData } from "@/lib/documents/types";
import type { SessionUser } from "@/lib/auth/roles";
import { maskIdNumber } from "@/lib/identity/chinese-id";
import { getCertificate } from "@/lib/queries/certificates";
import { readFile } from "@/lib/storage/files";
import { beijingDate } from "@/lib/time";
import { verifyUrl } from "@/lib/verify";

export const EXPIRING_WITHIN_DAYS = 90;

export type CertificateState = "valid" | "expiring" | "expired" | "revoked" | "superseded";

export const CERTIFICATE_STATE_LABELS: Record<CertificateState, string> = {
  valid: "有效",
  expiring: "即将到期",
  expired: "已过期",
  revoked: "已注销",
  superseded: "已变更",
};

export const CERTIFICATE_STATE_TONES: Record<CertificateState, "success" | "warning" | "danger" | "neutral"> = {
  valid: "success",
  expiring: "warning",
  expired: "danger",
  revoked: "danger",
  superseded: "neutral",
};

function dayNumber(date: string) {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/**
 * The status a holder sees: stored 注销/变更 first, then expiry derived from validUntil against today's date in
 * Beijing: valid through validUntil itself, 即将到期 within 90 days of it.
 */
export function certificateState(status: CertificateStatus, validUntil: string, today: string = beijingDate()): CertificateState {
  if (status === "revoked") return "revoked";
  if (status === "superseded") return "superseded";
  const days = dayNumber(validUntil) - dayNumber(today);
  if (days < 0) return "expired";
  if (days <= EXPIRING_WITHIN_DAYS) return "expiring";
  return "valid";
}

async function submittedPhoto(db: DbOrTx, certificateId: number): Promise<string | null> {
  const [row] = await db.execute<{ photoFileId: string | null }>(
    sql`select r.photo_file_id as "photoFileId" from certificates c join registrations r on r.id = c.registration_id where c.id = ${certificateId}`,
  );
  return row?.photoFileId ?? null;
}

/** The certificate PDF's data for a holder or whoever may see them; null when not theirs. */
export async function loadCertificatePdf(db: DbOrTx, user: SessionUser, id: number): Promise<CertificateData | null> {
  const c = await getCertificate(db, user, id);
  if (!c) return null;
  // A training institution never sees the person's stored photo: its copy shows the photo it submitted.
  const photoFileId = user.role === "trainer" ? await submittedPhoto(db, id) : c.photoFileId;
  const photo = photoFileId ? await readFile(db, photoFileId) : null;
  return {
    certificateNo: c.certificateNo,
    name: c.holderName,
    gender: c.gender === "M" ? "男" : "女",
    // The holder's own printout carries the full number; anyone else's copy masks it.
    idNumber: user.role === "person" ? c.idNumber : maskIdNumber(c.idNumber),
    tradeName: c.tradeName,
    issueDate: c.issueDate,
    validUntil: c.validUntil,
    issuer: c.issuer,
    statusLabel: CERTIFICATE_STATE_LABELS[certificateState(c.status, c.validUntil)],
    photoJpeg: photo?.data ?? null,
    verifyUrl: verifyUrl("certificate", c.id),
  };
}

/** What the public certificate check shows: masked ID, name, trade, validity and status. */
export async function certificateForVerification(db: DbOrTx, id: number) {
  const [c] = await db
    .select({
      certificateNo: certificates.certificateNo,
      status: certificates.status,
      holderName: certificates.holderName,
      issueDate: certificates.issueDate,
      validUntil: certificates.validUntil,
      issuer: certificates.issuer,
      tradeName: trades.name,
      idNumber: persons.idNumber,
    })
    .from(certificates)
    .innerJoin(persons, eq(persons.id, certificates.personId))
    .innerJoin(trades, eq(trades.id, certificates.tradeId))
    .where(eq(certificates.id, id))
    .limit(1);
  if (!c) return null;
  const state = certificateState(c.status, c.validUntil);
  return {
    certificateNo: c.certificateNo,
    name: c.holderName,
    maskedId: maskIdNumber(c.idNumber),
    tradeName: c.tradeName,
    issueDate: c.issueDate,
    validUntil: c.validUntil,
    issuer: c.issuer,
    state,
    stateLabel: CERTIFICATE_STATE_LABELS[state],
  };
}
