import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { SessionUser } from "@/lib/auth/roles";
import { applicationScope, certificateScope } from "@/lib/auth/scope";
import { maskIdNumber, type IdType } from "@/lib/identity/chinese-id";
import type { ChangeFields } from "./change";

/** The current values of a certificate, shown beside the editable new ones on the 证书变更申请表. */
export type ChangeTarget = {
  id: number;
  certificateNo: string;
  status: string;
  tradeName: string;
  validUntil: string;
  holderName: string;
  employerName: string | null;
  employerCode: string | null;
  idType: IdType;
  /** Full for the holder; masked for an organisation, as in every list. */
  idNumber: string;
  /** 申请批号 of an open change of this certificate: it cannot be changed again until that is decided. */
  openBatchNo: string | null;
};

/**
 * The ticked certificates for the 证书变更申请表, in the user's scope (a certificate outside it is simply absent,
 * like a missing one). The service checks every rule again on 保存.
 */
export async function loadChangeTargets(db: DbOrTx, user: SessionUser, ids: number[]): Promise<ChangeTarget[]> {
  const wanted = [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))].slice(0, 200);
  if (wanted.length === 0) return [];
  const rows = await db.execute<ChangeTarget>(sql`
    select certificates.id, certificates.certificate_no as "certificateNo", certificates.status, t.name as "tradeName",
      certificates.valid_until::text as "validUntil", certificates.holder_name as "holderName",
      certificates.employer_name as "employerName", coalesce(o.uscc, o.org_code) as "employerCode",
      p.id_type as "idType", p.id_number as "idNumber",
      (select b.batch_no from certificate_applications a join application_batches b on b.id = a.batch_id
        where a.certificate_id = certificates.id and a.kind = 'change' and a.status = 'applied' limit 1) as "openBatchNo"
    from certificates join persons p on p.id = certificates.person_id join trades t on t.id = certificates.trade_id
      left join organizations o on o.id = p.employer_org_id
    where certificates.id = any(${sql.param(wanted)}::int[]) and ${certificateScope(user)}
    order by certificates.id`);
  return rows.map((r) => ({ ...r, idNumber: user.role === "person" || user.role === "admin" ? r.idNumber : maskIdNumber(r.idNumber) }));
}

/**
 * The { before, after } of the listed 变更 applications the user may see, for the "原值 → 新值" column of the list
 * (listApplications keeps its rows lean and carries no payload).
 */
export async function changeDiffs(db: DbOrTx, user: SessionUser, applicationIds: number[]) {
  const out = new Map<number, { before: ChangeFields; after: ChangeFields }>();
  if (applicationIds.length === 0) return out;
  const rows = await db.execute<{ id: number; payload: { before?: ChangeFields; after?: ChangeFields } }>(sql`
    select certificate_applications.id, certificate_applications.payload from certificate_applications
      join application_batches on application_batches.id = certificate_applications.batch_id
    where certificate_applications.id = any(${sql.param(applicationIds)}::int[]) and certificate_applications.kind = 'change'
      and ${applicationScope(user)}`);
  for (const r of rows) out.set(r.id, { before: r.payload.before ?? {}, after: r.payload.after ?? {} });
  return out;
}
