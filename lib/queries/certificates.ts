import "server-only";
import { and, count, desc, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { certificates, persons, trades } from "@/db/schema";
import { certificateScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/roles";

const COLUMNS = {
  id: certificates.id,
  certificateNo: certificates.certificateNo,
  version: certificates.version,
  status: certificates.status,
  holderName: certificates.holderName,
  employerName: certificates.employerName,
  issueDate: certificates.issueDate,
  validUntil: certificates.validUntil,
  issuer: certificates.issuer,
  source: certificates.source,
  revokedAt: certificates.revokedAt,
  revokeReason: certificates.revokeReason,
  revokeReasonClass: certificates.revokeReasonClass,
  tradeName: trades.name,
  personId: persons.id,
  idType: persons.idType,
  idNumber: persons.idNumber,
  gender: persons.gender,
  // The photo stored with the certificate at issue, never the holder's current one.
  photoFileId: certificates.photoFileId,
};

/** 个人证书信息: the current version of each certificate in scope (superseded versions stay in the history). */
export async function listCertificates(db: DbOrTx, user: SessionUser, opts: { page?: number; pageSize?: number } = {}) {
  const page = Math.max(1, opts.page ?? 1);
  const pageSize = opts.pageSize ?? 20;
  const where = and(certificateScope(user), ne(certificates.status, "superseded"));
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(COLUMNS)
      .from(certificates)
      .innerJoin(persons, eq(persons.id, certificates.personId))
      .innerJoin(trades, eq(trades.id, certificates.tradeId))
      .where(where)
      .orderBy(desc(certificates.issueDate), desc(certificates.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(certificates).innerJoin(persons, eq(persons.id, certificates.personId)).where(where),
  ]);
  return { rows, total };
}

/** One certificate in scope, or null (missing and not-yours look the same). */
export async function getCertificate(db: DbOrTx, user: SessionUser, id: number) {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const [row] = await db
    .select(COLUMNS)
    .from(certificates)
    .innerJoin(persons, eq(persons.id, certificates.personId))
    .innerJoin(trades, eq(trades.id, certificates.tradeId))
    .where(and(eq(certificates.id, id), certificateScope(user)))
    .limit(1);
  return row ?? null;
}

export type CertificateRow = NonNullable<Awaited<ReturnType<typeof getCertificate>>>;

/**
 * The version in use (not superseded) of a certificate number, when the user may see it: where a superseded
 * version's page points to, and what its refused download names. Null when there is none in scope.
 */
export async function currentVersion(db: DbOrTx, user: SessionUser, certificateNo: string) {
  const [row] = await db
    .select({ id: certificates.id, version: certificates.version })
    .from(certificates)
    .where(and(eq(certificates.certificateNo, certificateNo), ne(certificates.status, "superseded"), certificateScope(user)))
    .limit(1);
  return row ?? null;
}
