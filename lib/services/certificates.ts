import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { certificates, persons, trades, type CertificateStatus } from "@/db/schema";
import type { CertificateData } from "@/lib/documents/types";
import type { SessionUser } from "@/lib/auth/roles";
import { maskIdNumber } from "@/lib/identity/chinese-id";
import { certificateDownloadable } from "@/lib/domain/rules";
import { currentVersion, getCertificate } from "@/lib/queries/certificates";
import { readFile } from "@/lib/storage/files";
import { REVOKE_REASON_LABELS } from "@/lib/domain/statuses";
import { beijingDate, formatDateTime } from "@/lib/time";
import { signVerifyToken, verifyUrl } from "@/lib/verify";
import { CERTIFICATE_STATE_LABELS, type CertificateState } from "@/lib/domain/statuses";

export type { CertificateState };

export const EXPIRING_WITHIN_DAYS = 90;

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

/**
 * The certificate PDF's data for a holder or whoever may see them; null when not theirs. A superseded or revoked
 * version is refused with the reason, so no paper copy of it can be printed as if it were valid.
 */
export async function loadCertificatePdf(db: DbOrTx, user: SessionUser, id: number): Promise<CertificateData | { refused: string } | null> {
  const c = await getCertificate(db, user, id);
  if (!c) return null;
  if (!certificateDownloadable(c.status)) {
    if (c.status === "revoked") return { refused: "该证书已注销，不能下载" };
    const cur = await currentVersion(db, user, c.certificateNo);
    return { refused: `该证书已变更，此版本（第 ${c.version} 版）已作废，请下载当前版本${cur ? `（第 ${cur.version} 版）` : ""}` };
  }
  const photo = c.photoFileId ? await readFile(db, c.photoFileId) : null;
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
    version: c.version,
    printedAt: formatDateTime(new Date()),
    photoJpeg: photo?.data ?? null,
    verifyUrl: verifyUrl("certificate", c.id),
  };
}

/**
 * What the public certificate check shows, live: masked ID, name, trade, validity and the state now — 已注销 with
 * its reason class, 已变更 with the token of the current version so the page can link to it.
 */
export async function certificateForVerification(db: DbOrTx, id: number, today: string = beijingDate()) {
  const [c] = await db
    .select({
      certificateNo: certificates.certificateNo,
      version: certificates.version,
      status: certificates.status,
      holderName: certificates.holderName,
      issueDate: certificates.issueDate,
      validUntil: certificates.validUntil,
      issuer: certificates.issuer,
      revokeReasonClass: certificates.revokeReasonClass,
      tradeName: trades.name,
      idNumber: persons.idNumber,
    })
    .from(certificates)
    .innerJoin(persons, eq(persons.id, certificates.personId))
    .innerJoin(trades, eq(trades.id, certificates.tradeId))
    .where(eq(certificates.id, id))
    .limit(1);
  if (!c) return null;
  const state = certificateState(c.status, c.validUntil, today);
  let currentToken: string | null = null;
  if (state === "superseded") {
    const [cur] = await db
      .select({ id: certificates.id })
      .from(certificates)
      .where(and(eq(certificates.certificateNo, c.certificateNo), ne(certificates.status, "superseded")))
      .limit(1);
    currentToken = cur ? signVerifyToken("certificate", cur.id) : null;
  }
  const reason = state === "revoked" && c.revokeReasonClass ? REVOKE_REASON_LABELS[c.revokeReasonClass] : null;
  return {
    certificateNo: c.certificateNo,
    version: c.version,
    name: c.holderName,
    maskedId: maskIdNumber(c.idNumber),
    tradeName: c.tradeName,
    issueDate: c.issueDate,
    validUntil: c.validUntil,
    issuer: c.issuer,
    state,
    stateLabel: CERTIFICATE_STATE_LABELS[state] + (reason ? `（${reason}）` : ""),
    revokeReason: reason,
    currentToken,
  };
}
