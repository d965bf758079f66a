import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { ActionError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/roles";
import { certificateScope } from "@/lib/auth/scope";
import { maskIdNumber } from "@/lib/identity/chinese-id";
import { beijingDate } from "@/lib/time";
import { openBatch, submitterOf, type Ctx, type Refusal } from "./common";
import { addDays, renewalRefusal, type RenewalFacts } from "./rules";

export { renewalRefusal };

export type RenewalSearch = {
  name?: string;
  idNumber?: string;
  tradeId?: number;
  /** Only certificates that expire within this many days from today (already expired ones included). */
  expiringWithinDays?: number;
  page?: number;
  pageSize?: number;
};

const FACTS = sql`
  certificates.id, certificates.certificate_no as "certificateNo", certificates.version, certificates.status, certificates.holder_name as "holderName",
  certificates.employer_name as "employerName", certificates.issue_date::text as "issueDate", certificates.valid_until::text as "validUntil",
  certificates.person_id as "personId", certificates.trade_id as "tradeId", t.name as "tradeName", p.id_number as "idNumber",
  t.renewal_window_months as "windowMonths", t.renewal_grace_days as "graceDays",
  (select b.batch_no from certificate_applications a join application_batches b on b.id = a.batch_id
    where a.certificate_id = certificates.id and a.kind = 'renewal' and a.status = 'applied' limit 1) as "openBatchNo"`;

type FactRow = RenewalFacts & {
  id: number;
  certificateNo: string;
  version: number;
  holderName: string;
  employerName: string | null;
  issueDate: string;
  personId: number;
  tradeId: number;
  tradeName: string;
  idNumber: string;
};

/**
 * 申请证书续期 — the search: current certificates in the user's scope by name, ID number, trade and expiry, one
 * page at a time, each with whether it can be renewed today and why not.
 */
export async function searchRenewableCertificates(db: DbOrTx, user: SessionUser, q: RenewalSearch = {}, today = beijingDate()) {
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 20));
  const conds: SQL[] = [certificateScope(user), sql`certificates.status <> 'superseded'`];
  // By the person's current name and ID (indexed: trigram and text_pattern_ops), not the per-version holder name.
  if (q.name?.trim()) conds.push(sql`p.name like ${likePrefix(q.name)}`);
  if (q.idNumber?.trim()) conds.push(sql`p.id_number like ${likePrefix(q.idNumber.toUpperCase())}`);
  if (q.tradeId) conds.push(sql`certificates.trade_id = ${q.tradeId}`);
  if (q.expiringWithinDays != null) conds.push(sql`certificates.valid_until <= ${addDays(today, q.expiringWithinDays)}::date`);
  const where = sql.join(conds, sql` and `);
  const from = sql`from certificates join persons p on p.id = certificates.person_id join trades t on t.id = certificates.trade_id where ${where}`;
  const [rows, [{ total }]] = await Promise.all([
    db.execute<FactRow>(sql`select ${FACTS} ${from} order by certificates.valid_until, certificates.id limit ${pageSize} offset ${(page - 1) * pageSize}`),
    db.execute<{ total: number }>(sql`select count(*)::int as total ${from}`),
  ]);
  return {
    total,
    rows: rows.map(({ idNumber, windowMonths, graceDays, ...r }) => ({
      ...r,
      maskedId: maskIdNumber(idNumber),
      refusal: renewalRefusal({ ...r, windowMonths, graceDays }, today),
    })),
  };
}

function likePrefix(s: string) {
  return s.trim().replace(/[%_\\]/g, "\\$&") + "%";
}

export type RenewalResult = { batchNo: string | null; applied: { certificateId: number; certificateNo: string }[]; refused: Refusal[] };

/**
 * 申请 (续期): every ticked certificate is checked on the server; those that pass share one 申请批号 and the rest come
 * back with a reason each. One transaction; a certificate outside the user's scope is refused as 证书不存在.
 */
export async function applyForRenewal(db: Db, user: SessionUser, certificateIds: number[], ctx: Ctx = {}, now = new Date()): Promise<RenewalResult> {
  submitterOf(user);
  const ids = [...new Set(certificateIds.filter((id) => Number.isSafeInteger(id) && id > 0))];
  if (ids.length === 0) throw new ActionError("请勾选要续期的证书");
  if (ids.length > 5_000) throw new ActionError("一次最多申请 5000 本证书续期");
  const today = beijingDate(now);
  return db.transaction(async (tx) => {
    // Lock the certificates so a revocation or a change approved meanwhile waits for this submission.
    const found = await tx.execute<FactRow>(sql`
      select ${FACTS} from certificates join persons p on p.id = certificates.person_id join trades t on t.id = certificates.trade_id
      where certificates.id = any(${sql.param(ids)}::int[]) and ${certificateScope(user)}
      order by certificates.id for update of certificates`);
    const byId = new Map(found.map((r) => [r.id, r]));
    const refused: Refusal[] = [];
    const ok: FactRow[] = [];
    for (const id of ids) {
      const c = byId.get(id);
      if (!c) refused.push({ certificateId: id, reason: "证书不存在" });
      else {
        const reason = renewalRefusal(c, today);
        if (reason) refused.push({ certificateId: id, certificateNo: c.certificateNo, reason });
        else ok.push(c);
      }
    }
    if (ok.length === 0) return { batchNo: null, applied: [], refused };
    const batch = await openBatch(tx, user, "renewal", now);
    const inserted = await tx.execute<{ certificateId: number }>(sql`
      insert into certificate_applications (batch_id, kind, certificate_id, person_id, trade_id, payload)
      select ${batch.id}, 'renewal', c.id, c.person_id, c.trade_id,
             jsonb_build_object('validUntil', c.valid_until::text, 'version', c.version)
      from certificates c where c.id = any(${sql.param(ok.map((c) => c.id))}::int[])
      on conflict do nothing
      returning certificate_id as "certificateId"`);
    const done = new Set(inserted.map((r) => r.certificateId));
    for (const c of ok) if (!done.has(c.id)) refused.push({ certificateId: c.id, certificateNo: c.certificateNo, reason: "该证书已有待审核的续期申请，不能重复申请" });
    const applied = ok.filter((c) => done.has(c.id)).map((c) => ({ certificateId: c.id, certificateNo: c.certificateNo }));
    await writeAudit(tx, {
      actor: user,
      ip: ctx.ip,
      action: "certificate_application.renewal_submitted",
      entityType: "application_batch",
      entityId: batch.id,
      summary: `申请证书续期：申请批号 ${batch.batchNo}，${applied.length} 本${refused.length ? `，${refused.length} 本未通过校验` : ""}`,
      after: { batchNo: batch.batchNo, certificates: applied.map((a) => a.certificateNo), refused },
    });
    return { batchNo: batch.batchNo, applied, refused };
  });
}
