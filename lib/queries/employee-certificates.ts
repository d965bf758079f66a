import "server-only";
import { and, asc, count, eq, gte, ilike, like, lt, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { certificates, persons, trades } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/roles";
import { certificateScope } from "@/lib/auth/scope";
import { AccessDenied } from "@/lib/errors";
import { maskIdNumber } from "@/lib/identity/chinese-id";
import { addDays, beijingDate } from "@/lib/time";
import { likeEscape, likePattern } from "./like";

/** 企业人员获证信息 filters: 已过期, or still valid and expiring within 90 / 60 / 30 days. */
export const EXPIRY_FILTERS = ["expired", "90", "60", "30"] as const;
export type ExpiryFilter = (typeof EXPIRY_FILTERS)[number];

export type EmployeeCertificateFilter = { expiry?: ExpiryFilter; q?: string; page?: number; pageSize?: number };

function orgOf(user: SessionUser) {
  if (user.role !== "enterprise" || !user.organizationId) throw new AccessDenied();
  return user.organizationId;
}

function expiryCondition(expiry: ExpiryFilter, today: string): SQL {
  if (expiry === "expired") return and(eq(certificates.status, "valid"), lt(certificates.validUntil, today))!;
  return and(eq(certificates.status, "valid"), gte(certificates.validUntil, today), lte(certificates.validUntil, addDays(today, Number(expiry))))!;
}

/**
 * The employees' current certificates (superseded versions stay in the history). certificateScope puts the
 * employer test in a sub-select on persons (persons_employer_idx); the validity range then walks
 * certificates_person_valid_until_idx.
 */
function where(user: SessionUser, f: EmployeeCertificateFilter, today: string) {
  orgOf(user);
  const conds: (SQL | undefined)[] = [certificateScope(user), ne(certificates.status, "superseded")];
  if (f.expiry) conds.push(expiryCondition(f.expiry, today));
  const q = (f.q ?? "").trim();
  if (q) conds.push(or(ilike(certificates.holderName, likePattern(q)), like(certificates.certificateNo, `${likeEscape(q)}%`)));
  return and(...conds);
}

const COLUMNS = {
  id: certificates.id,
  certificateNo: certificates.certificateNo,
  status: certificates.status,
  holderName: certificates.holderName,
  issueDate: certificates.issueDate,
  validUntil: certificates.validUntil,
  tradeName: trades.name,
  idNumber: persons.idNumber,
};

export async function listEmployeeCertificates(db: DbOrTx, user: SessionUser, f: EmployeeCertificateFilter = {}, today = beijingDate()) {
  const page = Math.max(1, f.page ?? 1);
  const pageSize = f.pageSize ?? 20;
  const w = where(user, f, today);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(COLUMNS)
      .from(certificates)
      .innerJoin(persons, eq(persons.id, certificates.personId))
      .innerJoin(trades, eq(trades.id, certificates.tradeId))
      .where(w)
      .orderBy(asc(certificates.validUntil), asc(certificates.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(certificates).where(w),
  ]);
  return { rows: rows.map((r) => ({ ...r, idNumber: maskIdNumber(r.idNumber) })), total, page, pageSize };
}

export const CERTIFICATE_EXPORT_MAX_ROWS = 50_000;

export async function employeeCertificatesForExport(db: DbOrTx, user: SessionUser, f: Omit<EmployeeCertificateFilter, "page" | "pageSize"> = {}, today = beijingDate()) {
  const rows = await db
    .select(COLUMNS)
    .from(certificates)
    .innerJoin(persons, eq(persons.id, certificates.personId))
    .innerJoin(trades, eq(trades.id, certificates.tradeId))
    .where(where(user, f, today))
    .orderBy(asc(certificates.validUntil), asc(certificates.id))
    .limit(CERTIFICATE_EXPORT_MAX_ROWS);
  return rows.map((r) => ({ ...r, idNumber: maskIdNumber(r.idNumber) }));
}

/** The tiles at the top: 已过期 and expiring within 90 / 60 / 30 days, counted in one pass. */
export async function expiryCounts(db: DbOrTx, user: SessionUser, today = beijingDate()): Promise<Record<ExpiryFilter, number>> {
  orgOf(user);
  const within = (n: number) => sql<number>`count(*) filter (where ${certificates.status} = 'valid' and ${certificates.validUntil} >= ${today} and ${certificates.validUntil} <= ${addDays(today, n)})::int`;
  const [r] = await db
    .select({
      expired: sql<number>`count(*) filter (where ${certificates.status} = 'valid' and ${certificates.validUntil} < ${today})::int`,
      d90: within(90),
      d60: within(60),
      d30: within(30),
    })
    .from(certificates)
    .where(and(certificateScope(user), ne(certificates.status, "superseded")));
  return { expired: r.expired, "90": r.d90, "60": r.d60, "30": r.d30 };
}
