import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { certificateScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/roles";
import { maskIdNumber } from "@/lib/identity/chinese-id";
import { certificateState, EXPIRING_WITHIN_DAYS } from "@/lib/services/certificates";
import type { CertificateStatus, RevokeReasonClass } from "@/db/schema";
import { beijingDate } from "@/lib/time";
import { likeEscape } from "../like";
import { PAGE_SIZE } from "./params";

/** 证书查询 states: the stored ones and the ones derived from the validity on today's Beijing date. */
export const CERTIFICATE_SEARCH_STATES = ["valid", "expiring", "expired", "revoked", "superseded"] as const;
export type CertificateSearchState = (typeof CERTIFICATE_SEARCH_STATES)[number];

export type CertificateSearch = {
  certificateNo?: string;
  /** Holder's name, matched from the start. */
  name?: string;
  /** The whole ID number, matched exactly. */
  idNumber?: string;
  tradeId?: number;
  state?: CertificateSearchState;
};

function stateCondition(state: CertificateSearchState | undefined, today: string): SQL {
  const soon = sql`(${today}::date + ${EXPIRING_WITHIN_DAYS}::int)`;
  switch (state) {
    case "revoked":
      return sql`certificates.status = 'revoked'`;
    case "superseded":
      return sql`certificates.status = 'superseded'`;
    case "expired":
      return sql`certificates.status = 'valid' and certificates.valid_until < ${today}::date`;
    case "expiring":
      return sql`certificates.status = 'valid' and certificates.valid_until between ${today}::date and ${soon}`;
    case "valid":
      return sql`certificates.status = 'valid' and certificates.valid_until > ${soon}`;
    default:
      // Without a state: the current version of each certificate (old versions show on its detail page).
      return sql`certificates.status <> 'superseded'`;
  }
}

/**
 * 证书查询: by number, holder, exact ID number, trade and state within the user's certificate scope, paged in
 * SQL. Number and ID number use their unique / btree indexes, the name the persons name index.
 */
export async function searchCertificates(db: DbOrTx, user: SessionUser, f: CertificateSearch, page: number, pageSize = PAGE_SIZE) {
  const today = beijingDate();
  const conds: SQL[] = [certificateScope(user), stateCondition(f.state, today)];
  if (f.certificateNo) conds.push(sql`certificates.certificate_no = ${f.certificateNo.trim().toUpperCase()}`);
  if (f.name) conds.push(sql`p.name like ${`${likeEscape(f.name.trim())}%`}`);
  if (f.idNumber) conds.push(sql`p.id_number = ${f.idNumber.trim().toUpperCase()}`);
  if (f.tradeId) conds.push(sql`certificates.trade_id = ${f.tradeId}`);
  const from = sql`from certificates join persons p on p.id = certificates.person_id join trades t on t.id = certificates.trade_id
    where ${sql.join(conds, sql` and `)}`;
  const [rows, [{ total }]] = await Promise.all([
    db.execute<{ id: number; certificateNo: string; version: number; status: CertificateStatus; holderName: string; validUntil: string; issueDate: string; tradeName: string; idNumber: string }>(sql`select certificates.id, certificates.certificate_no as "certificateNo", certificates.version, certificates.status, certificates.holder_name as "holderName",
        certificates.valid_until::text as "validUntil", certificates.issue_date::text as "issueDate", t.name as "tradeName", p.id_number as "idNumber"
      ${from} order by certificates.issue_date desc, certificates.id desc limit ${pageSize} offset ${(page - 1) * pageSize}`),
    db.execute<{ total: number }>(sql`select count(*)::int as total ${from}`),
  ]);
  return {
    total,
    rows: rows.map(({ idNumber, ...r }) => ({ ...r, maskedId: maskIdNumber(idNumber), state: certificateState(r.status, r.validUntil, today) })),
  };
}

/** Every version of a certificate (same number), oldest first, with who holds it; null when not in scope. */
export async function certificateWithVersions(db: DbOrTx, user: SessionUser, id: number) {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const today = beijingDate();
  const [c] = await db.execute<{ certificateNo: string }>(
    sql`select certificates.certificate_no as "certificateNo" from certificates where certificates.id = ${id} and ${certificateScope(user)}`,
  );
  if (!c) return null;
  const versions = await db.execute<{
    id: number;
    version: number;
    status: CertificateStatus;
    holderName: string;
    employerName: string | null;
    issueDate: string;
    validUntil: string;
    issuer: string;
    source: string;
    revokedAt: Date | null;
    revokeReasonClass: RevokeReasonClass | null;
    revokeReason: string | null;
    originCertificateNo: string | null;
    originIssuer: string | null;
    createdAt: Date;
    tradeName: string;
    personId: number;
    personName: string;
    idType: string;
    idNumber: string;
  }>(sql`
    select c.id, c.version, c.status, c.holder_name as "holderName", c.employer_name as "employerName", c.issue_date::text as "issueDate",
      c.valid_until::text as "validUntil", c.issuer, c.source, c.revoked_at as "revokedAt", c.revoke_reason_class as "revokeReasonClass",
      c.revoke_reason as "revokeReason", c.origin_certificate_no as "originCertificateNo", c.origin_issuer as "originIssuer",
      c.created_at as "createdAt", t.name as "tradeName", p.id as "personId", p.name as "personName", p.id_type as "idType", p.id_number as "idNumber"
    from certificates c join persons p on p.id = c.person_id join trades t on t.id = c.trade_id
    where c.certificate_no = ${c.certificateNo} order by c.version`);
  const current = versions.find((v) => v.status !== "superseded") ?? versions[versions.length - 1];
  return {
    certificateNo: c.certificateNo,
    current: { ...current, state: certificateState(current.status, current.validUntil, today) },
    versions: versions.map((v) => ({ ...v, state: certificateState(v.status, v.validUntil, today) })),
  };
}

/**
 * 办理记录 of a certificate: revocations and reinstatements of its versions, and the decided applications
 * (续期, 变更) that made or replaced them, oldest first.
 */
export async function certificateHistory(db: DbOrTx, versionIds: number[]) {
  if (versionIds.length === 0) return [];
  const ids = sql`${sql.param(versionIds)}::int[]`;
  return await db.execute<{ id: number; at: Date; actorName: string | null; action: string; summary: string }>(sql`select id, at, actor_name as "actorName", action, summary from audit_logs
    where (entity_type = 'certificate' and entity_id = any(${ids}::text[]))
       or (entity_type = 'certificate_application' and entity_id in (
         select a.id::text from certificate_applications a where a.certificate_id = any(${ids}) or a.result_certificate_id = any(${ids})))
    order by at, id`);
}

/** 办理记录: the audit lines about one record (decisions, revocations), oldest first. */
export async function recordHistory(db: DbOrTx, entityType: string, entityIds: (number | string)[]) {
  if (entityIds.length === 0) return [];
  return await db.execute<{
    id: number;
    at: Date;
    actorName: string | null;
    action: string;
    summary: string;
  }>(sql`select id, at, actor_name as "actorName", action, summary from audit_logs
    where entity_type = ${entityType} and entity_id = any(${sql.param(entityIds.map(String))}::text[]) order by at, id`);
}
