import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db/client";
import { APPLICATION_KINDS, APPLICATION_STATUSES, REVOKE_REASON_CLASSES, type ApplicationKind, type RevokeReasonClass } from "@/db/schema";
import { ActionError } from "@/lib/errors";
import { writeAudit, writeAuditMany } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/roles";
import { applicationScope, certificateScope } from "@/lib/auth/scope";
import { maskIdNumber } from "@/lib/identity/chinese-id";
import { findOrgByCode } from "@/lib/queries/organizations";
import { reserveSerials } from "@/lib/serials";
import { assertAdmin } from "@/lib/services/admin/common";
import { ISSUER } from "@/lib/services/admin/certificates";
import { certificateNumber, CERTIFICATE_SERIAL_DIGITS } from "@/lib/certificate-number";
import { notificationLink, notificationLinkPattern } from "@/lib/services/notification-links";
import { notifyMany } from "@/lib/services/notify";
import { beijingDate } from "@/lib/time";
import { APPLICATION_KIND_LABELS, APPLICATION_STATUS_LABELS, REVOKE_REASON_LABELS } from "@/lib/domain/statuses";
import type { Ctx, Refusal } from "./common";
import type { ChangeFields } from "./change";
import type { TransferPayload } from "./transfer-in";

export type ApplicationFilter = {
  kind?: ApplicationKind;
  status?: (typeof APPLICATION_STATUSES)[number];
  batchNo?: string;
  tradeId?: number;
  /** The submitting organisation. */
  orgId?: number;
  submitterKind?: "person" | "enterprise" | "trainer";
  page?: number;
  pageSize?: number;
};

/**
 * 证书业务审核 — the queue (and, through the same scope, each role's own list of applications): filtered and paged in
 * SQL, newest first. Every role may call it; the scope decides what it sees.
 */
export async function listApplications(db: DbOrTx, user: SessionUser, f: ApplicationFilter = {}) {
  const page = Math.max(1, f.page ?? 1);
  const pageSize = Math.min(200, Math.max(1, f.pageSize ?? 20));
  const conds: SQL[] = [applicationScope(user)];
  if (f.kind && (APPLICATION_KINDS as readonly string[]).includes(f.kind)) conds.push(sql`certificate_applications.kind = ${f.kind}`);
  if (f.status && (APPLICATION_STATUSES as readonly string[]).includes(f.status)) conds.push(sql`certificate_applications.status = ${f.status}`);
  if (f.batchNo?.trim()) conds.push(sql`application_batches.batch_no = ${f.batchNo.trim().toUpperCase()}`);
  if (f.tradeId) conds.push(sql`certificate_applications.trade_id = ${f.tradeId}`);
  if (f.orgId) conds.push(sql`application_batches.submitter_org_id = ${f.orgId}`);
  if (f.submitterKind) conds.push(sql`application_batches.submitter_kind = ${f.submitterKind}`);
  const from = sql`from certificate_applications
    join application_batches on application_batches.id = certificate_applications.batch_id
    join persons p on p.id = certificate_applications.person_id
    join trades t on t.id = certificate_applications.trade_id
    left join certificates c on c.id = certificate_applications.certificate_id
    left join organizations o on o.id = application_batches.submitter_org_id
    where ${sql.join(conds, sql` and `)}`;
  const [rows, [{ total }]] = await Promise.all([
    db.execute<QueueRow & { idNumber: string }>(sql`select certificate_applications.id, certificate_applications.kind, certificate_applications.status,
        application_batches.batch_no as "batchNo", application_batches.submitter_kind as "submitterKind", o.name as "submitterName",
        p.name as "personName", p.id_number as "idNumber", t.name as "tradeName",
        coalesce(c.certificate_no, certificate_applications.origin_certificate_no) as "certificateNo",
        certificate_applications.reject_reason as "rejectReason", certificate_applications.created_at as "createdAt"
      ${from} order by certificate_applications.created_at desc, certificate_applications.id desc
      limit ${pageSize} offset ${(page - 1) * pageSize}`),
    db.execute<{ total: number }>(sql`select count(*)::int as total ${from}`),
  ]);
  return {
    total,
    rows: rows.map(({ idNumber, ...r }) => ({
      ...r,
      maskedId: maskIdNumber(idNumber),
      kindLabel: APPLICATION_KIND_LABELS[r.kind],
      statusLabel: APPLICATION_STATUS_LABELS[r.status],
    })),
  };
}

type QueueRow = {
  id: number;
  kind: ApplicationKind;
  status: (typeof APPLICATION_STATUSES)[number];
  batchNo: string;
  submitterKind: string;
  submitterName: string | null;
  personName: string;
  tradeName: string;
  certificateNo: string | null;
  rejectReason: string | null;
  createdAt: Date;
};

/**
 * 详细: the application with its batch, the certificate's current values beside the new ones (变更), the scans, and
 * the person's other certificates the user may see. Null when missing or not the user's.
 */
export async function getApplicationDetail(db: DbOrTx, user: SessionUser, id: number) {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const [a] = await db.execute<ApplicationDetailRow>(sql`
    select certificate_applications.id, certificate_applications.kind, certificate_applications.status, certificate_applications.payload,
      certificate_applications.reject_reason as "rejectReason", certificate_applications.reviewed_at as "reviewedAt",
      certificate_applications.created_at as "createdAt", certificate_applications.certificate_id as "certificateId",
      certificate_applications.result_certificate_id as "resultCertificateId", certificate_applications.person_id as "personId",
      application_batches.batch_no as "batchNo", application_batches.submitter_kind as "submitterKind",
      application_batches.submitter_org_id as "submitterOrgId", application_batches.submitted_by_user_id as "submittedByUserId",
      o.name as "submitterName", p.name as "personName", p.id_type as "idType", p.id_number as "idNumber", p.gender,
      p.birth_date::text as "birthDate", t.id as "tradeId", t.name as "tradeName",
      c.certificate_no as "certificateNo", c.version, c.status as "certificateStatus", c.holder_name as "holderName",
      c.employer_name as "employerName", c.issue_date::text as "issueDate", c.valid_until::text as "validUntil"
    from certificate_applications
    join application_batches on application_batches.id = certificate_applications.batch_id
    join persons p on p.id = certificate_applications.person_id
    join trades t on t.id = certificate_applications.trade_id
    left join certificates c on c.id = certificate_applications.certificate_id
    left join organizations o on o.id = application_batches.submitter_org_id
    where certificate_applications.id = ${id} and ${applicationScope(user)}`);
  if (!a) return null;
  const [scans, others] = await Promise.all([
    db.execute<{ id: string; originalName: string | null; contentType: string; sizeBytes: number }>(sql`select f.id, f.original_name as "originalName", f.content_type as "contentType", f.size_bytes::int as "sizeBytes"
      from certificate_application_files af join files f on f.id = af.file_id where af.application_id = ${id} order by af.created_at`),
    db.execute<{ id: number; certificateNo: string; version: number; status: string; validUntil: string; tradeName: string }>(sql`select certificates.id, certificates.certificate_no as "certificateNo", certificates.version, certificates.status,
        certificates.valid_until::text as "validUntil", t.name as "tradeName"
      from certificates join trades t on t.id = certificates.trade_id
      where certificates.person_id = ${a.personId} and certificates.status <> 'superseded'
        and certificates.id is distinct from ${a.certificateId} and certificates.certificate_no is distinct from ${a.certificateNo}
        and ${certificateScope(user)}
      order by certificates.valid_until desc`),
  ]);
  // The holder sees their own full ID number; everyone else a masked one, as in every list.
  const idNumber = user.role === "person" || user.role === "admin" ? a.idNumber : maskIdNumber(a.idNumber);
  return { ...a, idNumber, kindLabel: APPLICATION_KIND_LABELS[a.kind], statusLabel: APPLICATION_STATUS_LABELS[a.status], scans, otherCertificates: others };
}

type ApplicationDetailRow = {
  id: number;
  kind: ApplicationKind;
  status: (typeof APPLICATION_STATUSES)[number];
  payload: Record<string, unknown>;
  rejectReason: string | null;
  reviewedAt: Date | null;
  createdAt: Date;
  certificateId: number | null;
  resultCertificateId: number | null;
  personId: number;
  batchNo: string;
  submitterKind: "person" | "enterprise" | "trainer";
  submitterOrgId: number | null;
  submittedByUserId: number | null;
  submitterName: string | null;
  personName: string;
  idType: string;
  idNumber: string;
  gender: "M" | "F";
  birthDate: string | null;
  tradeId: number;
  tradeName: string;
  certificateNo: string | null;
  version: number | null;
  certificateStatus: string | null;
  holderName: string | null;
  employerName: string | null;
  issueDate: string | null;
  validUntil: string | null;
};

export type ReviewResult = { approved: { id: number; certificateId: number; certificateNo: string }[]; skipped: (Refusal & { applicationId: number })[] };

type Locked = { id: number; kind: ApplicationKind; status: string; batchNo: string; certificateId: number | null };

async function lockAll(tx: Tx, ids: number[]) {
  return await tx.execute<Locked>(sql`
    select a.id, a.kind, a.status, b.batch_no as "batchNo", a.certificate_id as "certificateId" from certificate_applications a join application_batches b on b.id = a.batch_id
    where a.id = any(${sql.param(ids)}::int[]) order by a.id for update of a`);
}

function cleanIds(ids: number[]) {
  const out = [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))];
  if (out.length === 0) throw new ActionError("请勾选要审核的申请");
  return out;
}

/**
 * 审核通过 one application, a selection, or (approveBatch) a whole 申请批号. Only applications still 已申请 are
 * decided, so approving twice issues nothing twice; the rest are reported as skipped with a reason. Renewals go
 * through set-based statements (5,000 in one transaction); changes and 进京 one by one, each in a savepoint so
 * one refusal does not undo the others.
 */
export async function approveApplications(db: Db, user: SessionUser, ids: number[], ctx: Ctx = {}, now = new Date()): Promise<ReviewResult> {
  assertAdmin(user);
  const wanted = cleanIds(ids);
  return db.transaction(async (tx) => {
    const locked = await lockAll(tx, wanted);
    const known = new Map(locked.map((a) => [a.id, a]));
    const result: ReviewResult = { approved: [], skipped: [] };
    for (const id of wanted) {
      const a = known.get(id);
      if (!a) result.skipped.push({ applicationId: id, reason: "申请不存在" });
      else if (a.status !== "applied") result.skipped.push({ applicationId: id, reason: `该申请已审核（${APPLICATION_STATUS_LABELS[a.status as "approved"]}）` });
    }
    const open = locked.filter((a) => a.status === "applied");
    const renewals = open.filter((a) => a.kind === "renewal");
    if (renewals.length) {
      const r = await approveRenewals(tx, user, renewals, ctx, now);
      result.approved.push(...r.approved);
      result.skipped.push(...r.skipped);
    }
    for (const a of open.filter((x) => x.kind !== "renewal")) {
      try {
        const done = await tx.transaction((sp) => (a.kind === "change" ? approveChange(sp, user, a.id, ctx) : approveTransfer(sp, user, a.id, ctx, now)));
        result.approved.push(done);
      } catch (e) {
        if (!(e instanceof ActionError)) throw e;
        result.skipped.push({ applicationId: a.id, reason: e.message });
      }
    }
    return result;
  });
}

/** 按申请批号审核通过: every application of the batch still 已申请. */
export async function approveBatch(db: Db, user: SessionUser, batchNo: string, ctx: Ctx = {}, now = new Date()) {
  assertAdmin(user);
  const rows = await db.execute<{ id: number }>(sql`select a.id from certificate_applications a join application_batches b on b.id = a.batch_id
    where b.batch_no = ${batchNo.trim().toUpperCase()} and a.status = 'applied'`);
  if (rows.length === 0) throw new ActionError("该申请批号下没有待审核的申请", { batchNo: ["该申请批号下没有待审核的申请"] });
  return approveApplications(db, user, rows.map((r) => r.id), ctx, now);
}

async function approveRenewals(tx: Tx, user: SessionUser, apps: Locked[], ctx: Ctx, now: Date): Promise<ReviewResult> {
  const today = beijingDate(now);
  // Every statement below is driven by primary keys (the applications' ids, then their certificates' ids) so the
  // planner reads 5,000 rows by index. Joining applications to certificates with only the application ids given let
  // it choose a merge join walking the whole certificates index (1,000,000 rows) — 0.8–1.5 s per statement.
  const certs = await tx.execute<{ id: number; certificateNo: string; status: string }>(sql`
    select id, certificate_no as "certificateNo", status from certificates
    where id = any(${sql.param(apps.map((a) => a.certificateId!))}::int[])`);
  const byId = new Map(certs.map((c) => [c.id, c]));
  const facts = apps.map((a) => {
    const c = byId.get(a.certificateId!)!;
    return { id: a.id, certificateId: c.id, certificateNo: c.certificateNo, status: c.status };
  });
  // The certificate must still be the current, unrevoked version; anything else stays 已申请 for a rejection.
  const skipped = facts
    .filter((f) => f.status !== "valid")
    .map((b) => ({
      applicationId: b.id,
      certificateId: b.certificateId,
      certificateNo: b.certificateNo,
      reason: b.status === "revoked" ? "证书已注销，不能续期，请审核不通过" : "证书已变更，此版本不能续期，请审核不通过",
    }));
  const go = facts.filter((f) => f.status === "valid");
  if (go.length === 0) return { approved: [], skipped };
  // One statement: old versions superseded, new versions issued (validity + the trade's years), applications
  // approved, a message to the holder and to the submitting organisation, and an audit line — each set-based.
  const [r] = await tx.execute<{
    superseded: number;
    issued: number;
    audited: number;
    approved: ReviewResult["approved"];
  }>(sql`
    with old as (
      update certificates c set status = 'superseded', updated_at = now()
      where c.id = any(${sql.param(go.map((f) => f.certificateId))}::int[]) and c.status = 'valid'
      returning c.*
    ), issued as (
      insert into certificates (certificate_no, person_id, trade_id, registration_id, source, holder_name, employer_name, issue_date,
        valid_until, issuer, version, previous_id, origin_certificate_no, origin_issuer, origin_issue_date, transfer_application_id, photo_file_id)
      select o.certificate_no, o.person_id, o.trade_id, o.registration_id, o.source, o.holder_name, o.employer_name, ${today}::date,
        (o.valid_until + make_interval(years => t.validity_years))::date, ${ISSUER}, o.version + 1, o.id,
        o.origin_certificate_no, o.origin_issuer, o.origin_issue_date, o.transfer_application_id, o.photo_file_id
      from old o join trades t on t.id = o.trade_id
      returning id, previous_id, certificate_no, holder_name, version, valid_until
    ), approved as (
      update certificate_applications a set status = 'approved', reviewed_by_user_id = ${user.id}, reviewed_at = now(), updated_at = now(),
        result_certificate_id = n.id
      from issued n
      where a.id = any(${sql.param(go.map((f) => f.id))}::int[]) and a.certificate_id = n.previous_id and a.status = 'applied'
      returning a.id, a.batch_id, a.person_id, n.id as new_id, n.previous_id, n.certificate_no, n.holder_name, n.version, n.valid_until
    ), facts as (
      select ap.*, b.batch_no, b.submitter_org_id, o.valid_until as old_valid_until, o.version as old_version
      from approved ap join application_batches b on b.id = ap.batch_id join old o on o.id = ap.previous_id
    ), notes as (
      insert into notifications (person_id, organization_id, kind, title, body, link)
      select person_id, null, 'application', '证书续期申请审核通过',
        format('证书 %s 续期申请（申请批号 %s）审核通过，有效期延至 %s。', certificate_no, batch_no, valid_until),
        format(${notificationLinkPattern.certificate}::text, new_id)
      from facts
      union all
      select null, submitter_org_id, 'application', '证书续期申请审核通过',
        format('%s 的证书 %s 续期申请（申请批号 %s）审核通过，有效期延至 %s。', holder_name, certificate_no, batch_no, valid_until),
        format(${notificationLinkPattern.certificate}::text, new_id)
      from facts where submitter_org_id is not null
      returning 1
    ), audit as (
      insert into audit_logs (actor_user_id, actor_name, actor_role, ip, action, entity_type, entity_id, summary, before, after)
      select ${user.id}, ${user.displayName}, ${user.role}, ${ctx.ip ?? null}::inet, 'certificate_application.approved', 'certificate_application', id::text,
        format('证书续期审核通过：%s（申请批号 %s），有效期 %s → %s', certificate_no, batch_no, old_valid_until, valid_until),
        jsonb_build_object('status', 'applied', 'certificateId', previous_id, 'version', old_version, 'validUntil', old_valid_until),
        jsonb_build_object('status', 'approved', 'certificateId', new_id, 'version', version, 'validUntil', valid_until)
      from facts
      returning 1
    )
    select (select count(*) from old)::int as superseded, (select count(*) from issued)::int as issued,
      (select count(*) from notes)::int as notes, (select count(*) from audit)::int as audited,
      coalesce((select json_agg(json_build_object('id', id, 'certificateId', new_id, 'certificateNo', certificate_no) order by id) from approved), '[]') as approved`);
  // A certificate revoked or changed between the read above and the update, or an application decided meanwhile.
  if (r.superseded !== go.length || r.issued !== go.length || r.approved.length !== go.length || r.audited !== go.length)
    throw new ActionError("审核时申请数据发生变化，请重试");
  return { approved: r.approved, skipped };
}

type AppRow = {
  id: number;
  kind: ApplicationKind;
  certificateId: number | null;
  personId: number;
  tradeId: number;
  payload: Record<string, unknown>;
  batchNo: string;
  submitterOrgId: number | null;
};

async function loadApp(tx: DbOrTx, id: number) {
  const [a] = await tx.execute<AppRow>(sql`select a.id, a.kind, a.certificate_id as "certificateId", a.person_id as "personId", a.trade_id as "tradeId",
    a.payload, b.batch_no as "batchNo", b.submitter_org_id as "submitterOrgId"
    from certificate_applications a join application_batches b on b.id = a.batch_id where a.id = ${id}`);
  return a;
}

async function lockCertificate(tx: DbOrTx, id: number) {
  const [c] = await tx.execute<{
    id: number;
    certificateNo: string;
    personId: number;
    status: string;
    version: number;
    holderName: string;
    employerName: string | null;
    issueDate: string;
    validUntil: string;
  }>(sql`select id, certificate_no as "certificateNo", person_id as "personId", status, version,
      holder_name as "holderName", employer_name as "employerName", issue_date::text as "issueDate", valid_until::text as "validUntil"
    from certificates where id = ${id} for update`);
  return c;
}

async function finish(tx: DbOrTx, user: SessionUser, a: AppRow, certificateId: number, title: string, body: string, before: unknown, after: unknown, ctx: Ctx) {
  await tx.execute(sql`update certificate_applications set status = 'approved', reviewed_by_user_id = ${user.id}, reviewed_at = now(),
    updated_at = now(), result_certificate_id = ${certificateId} where id = ${a.id}`);
  await notifyMany(tx, [{ personId: a.personId, submitterOrgId: a.submitterOrgId, message: { kind: "application", title, body, link: notificationLink.certificate(certificateId) } }]);
  await writeAudit(tx, {
    actor: user,
    ip: ctx.ip,
    action: "certificate_application.approved",
    entityType: "certificate_application",
    entityId: a.id,
    summary: `${title}：${body}`,
    before,
    after,
  });
}

async function approveChange(tx: Tx, user: SessionUser, id: number, ctx: Ctx) {
  const a = await loadApp(tx, id);
  const c = await lockCertificate(tx, a.certificateId!);
  if (c.status !== "valid") throw new ActionError(c.status === "revoked" ? "证书已注销，不能变更，请审核不通过" : "证书已变更，此申请针对的版本已不再使用，请审核不通过");
  const after = ((a.payload as { after?: ChangeFields }).after ?? {}) as ChangeFields;
  if (after.idNumber || after.idType) {
    const clash = (await tx.execute(sql`select 1 from persons p, persons me where me.id = ${a.personId} and p.id <> me.id
      and p.id_type = coalesce(${after.idType ?? null}, me.id_type) and p.id_number = coalesce(${after.idNumber ?? null}, me.id_number)`)) as unknown[];
    if (clash.length) throw new ActionError("新的证件号码已属于另一位人员，不能变更");
  }
  const org = after.employerCode ? await findOrgByCode(tx, after.employerCode) : null;
  // The person's own record follows a legal name change or an ID correction. The employer link follows a changed
  // code (to the organisation registered under it, or none); a new name under the same code (the employer renamed,
  // or its name corrected) keeps the link, so the enterprise keeps its employee.
  await tx.execute(sql`update persons set
      name = coalesce(${after.holderName ?? null}, name),
      id_type = coalesce(${after.idType ?? null}, id_type),
      id_number = coalesce(${after.idNumber ?? null}, id_number),
      employer_org_id = case when ${after.employerCode != null} then ${org?.id ?? null}::int else employer_org_id end,
      employer_name = coalesce(${after.employerName ?? null}, employer_name),
      updated_at = now()
    where id = ${a.personId}`);
  await tx.execute(sql`update certificates set status = 'superseded', updated_at = now() where id = ${c.id}`);
  const [n] = await tx.execute<{ id: number; certificateNo: string; version: number }>(sql`
    insert into certificates (certificate_no, person_id, trade_id, registration_id, source, holder_name, employer_name, issue_date,
      valid_until, issuer, version, previous_id, origin_certificate_no, origin_issuer, origin_issue_date, transfer_application_id, photo_file_id)
    select certificate_no, person_id, trade_id, registration_id, source, coalesce(${after.holderName ?? null}, holder_name),
      coalesce(${after.employerName ?? null}, employer_name), issue_date, valid_until, issuer, version + 1, id,
      origin_certificate_no, origin_issuer, origin_issue_date, transfer_application_id, photo_file_id
    from certificates where id = ${c.id}
    returning id, certificate_no as "certificateNo", version`);
  await finish(
    tx,
    user,
    a,
    n.id,
    "证书变更申请审核通过",
    `证书 ${c.certificateNo} 变更申请（申请批号 ${a.batchNo}）审核通过，新版本为第 ${n.version} 版。`,
    { status: "applied", certificateId: c.id, version: c.version, ...((a.payload as { before?: unknown }).before ?? {}) },
    { status: "approved", certificateId: n.id, version: n.version, ...after },
    ctx,
  );
  return { id, certificateId: n.id, certificateNo: n.certificateNo };
}

async function approveTransfer(tx: Tx, user: SessionUser, id: number, ctx: Ctx, now: Date) {
  const a = await loadApp(tx, id);
  const p = a.payload as TransferPayload;
  const today = beijingDate(now);
  if (p.validUntil <= today) throw new ActionError(`原证书已于 ${p.validUntil} 到期，不能办理进京，请审核不通过`);
  const taken = await tx.execute<{ no: string }>(sql`select certificate_no as "no" from certificates
    where status <> 'superseded' and (origin_certificate_no = ${p.certificateNo} or certificate_no = ${p.certificateNo}) limit 1`);
  if (taken.length) throw new ActionError(`证书编号 ${p.certificateNo} 已在北京登记（${taken[0].no}），请审核不通过`);
  const [trade] = await tx.execute<{ code: string; name: string }>(sql`select code, name from trades where id = ${a.tradeId}`);
  const year = today.slice(0, 4);
  const serial = await reserveSerials(tx, `certificate:${trade.code}:${year}`);
  if (serial >= 10 ** CERTIFICATE_SERIAL_DIGITS) throw new ActionError(`本年度${trade.name}证书流水号已用完，请联系系统管理员`);
  const no = certificateNumber(trade.code, year, serial);
  const [n] = await tx.execute<{ id: number; certificateNo: string }>(sql`
    insert into certificates (certificate_no, person_id, trade_id, source, holder_name, employer_name, issue_date, valid_until, issuer,
      origin_certificate_no, origin_issuer, origin_issue_date, transfer_application_id, photo_file_id)
    select ${no}, p.id, ${a.tradeId}, 'transfer_in', p.name, p.employer_name, ${today}::date, ${p.validUntil}::date, ${ISSUER},
      ${p.certificateNo}, ${p.issuer}, ${p.issueDate}::date, ${a.id}, p.photo_file_id
    from persons p where p.id = ${a.personId}
    returning id, certificate_no as "certificateNo"`);
  await finish(
    tx,
    user,
    a,
    n.id,
    "证书进京申请审核通过",
    `证书进京申请（申请批号 ${a.batchNo}，原证书编号 ${p.certificateNo}）审核通过，北京证书编号 ${n.certificateNo}，有效期至 ${p.validUntil}。`,
    { status: "applied", ...p },
    { status: "approved", certificateId: n.id, certificateNo: n.certificateNo },
    ctx,
  );
  return { id, certificateId: n.id, certificateNo: n.certificateNo };
}

/** 按申请批号审核不通过: every application of the batch still 已申请, with one reason. */
export async function rejectBatch(db: Db, user: SessionUser, batchNo: string, reason: string, ctx: Ctx = {}) {
  assertAdmin(user);
  if (!reason.trim()) throw new ActionError("请填写审核不通过的原因", { reason: ["请填写审核不通过的原因"] });
  const rows = await db.execute<{ id: number }>(sql`select a.id from certificate_applications a join application_batches b on b.id = a.batch_id
    where b.batch_no = ${batchNo.trim().toUpperCase()} and a.status = 'applied'`);
  if (rows.length === 0) throw new ActionError("该申请批号下没有待审核的申请", { batchNo: ["该申请批号下没有待审核的申请"] });
  return rejectApplications(db, user, rows.map((r) => r.id), reason, ctx);
}

/** 审核不通过: the reason is required and goes to the person and the submitter. Already decided ones are skipped. */
export async function rejectApplications(db: Db, user: SessionUser, ids: number[], reason: string, ctx: Ctx = {}) {
  assertAdmin(user);
  const why = reason.trim();
  if (!why) throw new ActionError("请填写审核不通过的原因", { reason: ["请填写审核不通过的原因"] });
  const wanted = cleanIds(ids);
  return db.transaction(async (tx) => {
    const locked = await lockAll(tx, wanted);
    const open = locked.filter((a) => a.status === "applied");
    const skipped = wanted
      .filter((id) => !open.some((a) => a.id === id))
      .map((id) => ({ applicationId: id, reason: locked.some((a) => a.id === id) ? "该申请已审核" : "申请不存在" }));
    if (open.length === 0) return { rejected: [] as number[], skipped };
    const rows = await tx.execute<{
      id: number;
      kind: ApplicationKind;
      personId: number;
      submitterOrgId: number | null;
      batchNo: string;
    }>(sql`
      update certificate_applications a set status = 'rejected', reject_reason = ${why}, reviewed_by_user_id = ${user.id}, reviewed_at = now(), updated_at = now()
      from application_batches b where b.id = a.batch_id and a.id = any(${sql.param(open.map((a) => a.id))}::int[]) and a.status = 'applied'
      returning a.id, a.kind, a.person_id as "personId", b.submitter_org_id as "submitterOrgId", b.batch_no as "batchNo"`);
    await notifyMany(
      tx,
      rows.map((r) => ({
        personId: r.personId,
        submitterOrgId: r.submitterOrgId,
        message: { kind: "rejected" as const, title: `${APPLICATION_KIND_LABELS[r.kind]}申请审核不通过`, body: `申请批号 ${r.batchNo} 的${APPLICATION_KIND_LABELS[r.kind]}申请审核不通过，原因：${why}` },
      })),
    );
    await writeAuditMany(
      tx,
      rows.map((r) => ({
        actor: user,
        ip: ctx.ip,
        action: "certificate_application.rejected",
        entityType: "certificate_application",
        entityId: r.id,
        summary: `${APPLICATION_KIND_LABELS[r.kind]}审核不通过（申请批号 ${r.batchNo}）：${why}`,
        before: { status: "applied" },
        after: { status: "rejected", rejectReason: why },
      })),
    );
    return { rejected: rows.map((r) => r.id), skipped };
  });
}

/** 吊销/注销: the current version only, with a reason class and a note; shows on the verification page at once. */
export async function revokeCertificate(db: Db, user: SessionUser, certificateId: number, input: { reasonClass: RevokeReasonClass; reason: string }, ctx: Ctx = {}) {
  assertAdmin(user);
  if (!(REVOKE_REASON_CLASSES as readonly string[]).includes(input.reasonClass)) throw new ActionError("请选择注销类别", { reasonClass: ["请选择注销类别"] });
  const why = input.reason.trim();
  if (!why) throw new ActionError("请填写注销原因", { reason: ["请填写注销原因"] });
  return db.transaction(async (tx) => {
    const c = await lockCertificate(tx, certificateId);
    if (!c) throw new ActionError("证书不存在");
    if (c.status === "revoked") throw new ActionError("证书已注销");
    if (c.status === "superseded") throw new ActionError("该证书版本已变更，请注销当前版本");
    await tx.execute(sql`update certificates set status = 'revoked', revoked_at = now(), revoke_reason_class = ${input.reasonClass},
      revoke_reason = ${why}, updated_at = now() where id = ${c.id}`);
    await notifyHolderAndEmployer(tx, c, "证书已注销", `证书 ${c.certificateNo} 已注销（${REVOKE_REASON_LABELS[input.reasonClass]}）：${why}`);
    await writeAudit(tx, {
      actor: user,
      ip: ctx.ip,
      action: "certificate.revoked",
      entityType: "certificate",
      entityId: c.id,
      summary: `注销证书 ${c.certificateNo}（${REVOKE_REASON_LABELS[input.reasonClass]}）：${why}`,
      before: { status: c.status },
      after: { status: "revoked", reasonClass: input.reasonClass, reason: why },
    });
  });
}

/**
 * 注销 and 恢复 concern the holder and the enterprise they work for (which keeps its employees' certificates and gets
 * their expiry reminders): the holder is told, and so is the employer on the person's record, naming the holder.
 */
async function notifyHolderAndEmployer(tx: Tx, c: { id: number; personId: number; certificateNo: string }, title: string, body: string) {
  const link = notificationLink.certificate(c.id);
  await tx.execute(sql`insert into notifications (person_id, organization_id, kind, title, body, link)
    select p.id, null, 'system', ${title}, ${body}, ${link} from persons p where p.id = ${c.personId}
    union all
    select null, p.employer_org_id, 'system', ${title}, p.name || ' 的' || ${body}, ${link}
    from persons p where p.id = ${c.personId} and p.employer_org_id is not null`);
}

/** 恢复: undoes a revocation (e.g. one made in error), with a reason for the log. */
export async function reinstateCertificate(db: Db, user: SessionUser, certificateId: number, reason: string, ctx: Ctx = {}) {
  assertAdmin(user);
  const why = reason.trim();
  if (!why) throw new ActionError("请填写恢复原因", { reason: ["请填写恢复原因"] });
  return db.transaction(async (tx) => {
    const [c] = await tx.execute<{
      id: number;
      certificateNo: string;
      personId: number;
      status: string;
      reasonClass: string | null;
      reason: string | null;
    }>(sql`select id, certificate_no as "certificateNo", person_id as "personId", status,
      revoke_reason_class as "reasonClass", revoke_reason as "reason" from certificates where id = ${certificateId} for update`);
    if (!c) throw new ActionError("证书不存在");
    if (c.status !== "revoked") throw new ActionError("证书未被注销，无需恢复");
    await tx.execute(sql`update certificates set status = 'valid', revoked_at = null, revoke_reason_class = null, revoke_reason = null,
      updated_at = now() where id = ${c.id}`);
    await notifyHolderAndEmployer(tx, c, "证书已恢复", `证书 ${c.certificateNo} 已恢复有效：${why}`);
    await writeAudit(tx, {
      actor: user,
      ip: ctx.ip,
      action: "certificate.reinstated",
      entityType: "certificate",
      entityId: c.id,
      summary: `恢复证书 ${c.certificateNo}：${why}`,
      before: { status: "revoked", reasonClass: c.reasonClass, reason: c.reason },
      after: { status: "valid" },
    });
  });
}
