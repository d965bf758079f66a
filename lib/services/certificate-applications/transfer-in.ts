import "server-only";
import { sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { ActionError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/roles";
import { personScope } from "@/lib/auth/scope";
import { parseChineseId, validateIdByType, type IdType } from "@/lib/identity/chinese-id";
import { beijingDate } from "@/lib/time";
import { openBatch, submitterOf, type Ctx } from "./common";
import { attachScans, checkScans, type ScanUpload } from "./scans";

/** What a 进京 application records about the other province's certificate (the application's payload). */
export type TransferPayload = {
  holderName: string;
  gender: "M" | "F";
  birthDate: string | null;
  certificateNo: string;
  issuer: string;
  issueDate: string;
  validUntil: string;
};

export type TransferInput = {
  idType: IdType;
  idNumber: string;
  name: string;
  /** Needed only for ID types that do not carry them (passport, permits). */
  gender?: "M" | "F";
  birthDate?: string;
  tradeId: number;
  certificateNo: string;
  issuer: string;
  issueDate: string;
  validUntil: string;
  scans: ScanUpload[];
};

/** 格式说明 shown above the 新建申请表 and printed on it. */
export const TRANSFER_NOTICE = [
  "一、证件号码：居民身份证填写 18 位号码，系统自动识别性别和出生日期；已登记的人员自动带出姓名。",
  "二、证书编号、发证机关、发证日期、有效期须与外省市证书原件一致；日期格式为 yyyy-mm-dd。",
  "三、须上传外省市证书原件扫描件（PDF、JPG 或 PNG，每个不超过 10MB）。",
  "四、已在北京登记或已提交申请的证书不能重复申请；申请在“已申请”状态时可由申请人删除。",
];

type PersonFacts = { id: number; name: string; gender: "M" | "F"; birthDate: string | null };

async function findPerson(db: DbOrTx, idType: IdType, idNumber: string) {
  const [p] = await db.execute<PersonFacts>(sql`select id, name, gender, birth_date::text as "birthDate" from persons
    where id_type = ${idType} and id_number = ${idNumber}`);
  return p ?? null;
}

function normaliseId(idType: IdType, idNumber: string) {
  const v = validateIdByType(idType, idNumber);
  if (!v.ok) throw new ActionError(v.error, { idNumber: [v.error] });
  return v.value;
}

/**
 * Typing the ID number on the 新建申请表: a person the user may see comes back with their data; anyone else gets
 * only what the number itself says (gender and birth date of a 居民身份证), never another person's name.
 */
export async function lookupTransferPerson(db: DbOrTx, user: SessionUser, idType: IdType, idNumber: string) {
  submitterOf(user);
  const id = normaliseId(idType, idNumber);
  const p = await findPerson(db, idType, id);
  if (p) {
    const [visible] = (await db.execute(sql`select 1 from persons where persons.id = ${p.id} and ${personScope(user)}`)) as unknown[];
    if (visible) return { known: true as const, idNumber: id, name: p.name, gender: p.gender, birthDate: p.birthDate };
  }
  const parsed = idType === "resident" ? parseChineseId(id) : null;
  return { known: false as const, idNumber: id, gender: parsed?.ok ? parsed.gender : null, birthDate: parsed?.ok ? parsed.birthDate : null };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDates(input: TransferInput, today: string) {
  if (!DATE.test(input.issueDate) || Number.isNaN(Date.parse(input.issueDate))) throw new ActionError("请填写发证日期", { issueDate: ["发证日期格式为 yyyy-mm-dd"] });
  if (!DATE.test(input.validUntil) || Number.isNaN(Date.parse(input.validUntil))) throw new ActionError("请填写有效期", { validUntil: ["有效期格式为 yyyy-mm-dd"] });
  if (input.issueDate > today) throw new ActionError("发证日期不能晚于今天", { issueDate: ["发证日期不能晚于今天"] });
  if (input.validUntil <= input.issueDate) throw new ActionError("有效期须晚于发证日期", { validUntil: ["有效期须晚于发证日期"] });
  if (input.validUntil < today) throw new ActionError(`原证书已于 ${input.validUntil} 到期，不能办理进京`, { validUntil: ["原证书已过期"] });
}

/**
 * 新建申请表 → 保存 (证书进京): a person for themself, a trainer for whoever comes to it (matched by ID number and
 * name; a person new to the system is recorded). Refuses a certificate number already registered in Beijing or
 * already applied for. Returns the 申请批号 for "申请成功".
 */
export async function applyForTransferIn(db: Db, user: SessionUser, input: TransferInput, ctx: Ctx = {}, now = new Date()) {
  if (user.role !== "person" && user.role !== "trainer") throw new ActionError("只有从业人员和培训机构可以申请证书进京");
  submitterOf(user);
  const today = beijingDate(now);
  const idNumber = normaliseId(input.idType, input.idNumber);
  const name = input.name?.trim();
  if (!name) throw new ActionError("请填写姓名", { name: ["请填写姓名"] });
  const certificateNo = input.certificateNo?.trim().toUpperCase();
  if (!certificateNo) throw new ActionError("请填写证书编号", { certificateNo: ["请填写证书编号"] });
  if (certificateNo.length > 40) throw new ActionError("证书编号过长", { certificateNo: ["证书编号不能超过 40 个字符"] });
  const issuer = input.issuer?.trim();
  if (!issuer) throw new ActionError("请填写发证机关", { issuer: ["请填写发证机关"] });
  checkDates(input, today);
  const scans = checkScans(input.scans ?? []);
  if (scans.length === 0) throw new ActionError("请上传证书扫描件", { scans: ["请上传外省市证书扫描件（PDF、JPG 或 PNG）"] });

  return db.transaction(async (tx) => {
    const [trade] = await tx.execute<{ id: number; name: string }>(sql`select id, name from trades where id = ${input.tradeId} and status = 'active'`);
    if (!trade) throw new ActionError("请选择岗位工种", { tradeId: ["请选择岗位工种"] });
    const registered = await tx.execute<{ no: string }>(sql`select certificate_no as "no" from certificates
      where status <> 'superseded' and (certificate_no = ${certificateNo} or origin_certificate_no = ${certificateNo}) limit 1`);
    if (registered.length)
      throw new ActionError("该证书已在北京登记，不能重复申请进京", { certificateNo: [`该证书编号已在北京登记（北京证书编号 ${registered[0].no}）`] });
    const pending = await tx.execute<{ batchNo: string }>(sql`select b.batch_no as "batchNo" from certificate_applications a join application_batches b on b.id = a.batch_id
      where a.kind = 'transfer_in' and a.status = 'applied' and a.origin_certificate_no = ${certificateNo} limit 1`);
    if (pending.length)
      throw new ActionError("该证书已提交进京申请，不能重复申请", { certificateNo: [`该证书编号已提交进京申请（申请批号 ${pending[0].batchNo}）`] });

    let person = await findPerson(tx, input.idType, idNumber);
    if (user.role === "person") {
      if (!person || person.id !== user.personId) throw new ActionError("只能为本人申请证书进京", { idNumber: ["证件号码与本人不符"] });
    } else if (person) {
      if (person.name !== name) throw new ActionError("姓名与证件号码不符", { name: ["姓名与证件号码登记的姓名不符"] });
    } else {
      const parsed = input.idType === "resident" ? parseChineseId(idNumber) : null;
      const gender = parsed?.ok ? parsed.gender : input.gender;
      const birthDate = parsed?.ok ? parsed.birthDate : input.birthDate && DATE.test(input.birthDate) ? input.birthDate : null;
      if (!gender) throw new ActionError("请选择性别", { gender: ["请选择性别"] });
      const [created] = await tx.execute<PersonFacts>(sql`insert into persons (id_type, id_number, name, gender, birth_date)
        values (${input.idType}, ${idNumber}, ${name}, ${gender}, ${birthDate}::date)
        on conflict (id_type, id_number) do nothing
        returning id, name, gender, birth_date::text as "birthDate"`);
      person = created ?? (await findPerson(tx, input.idType, idNumber));
      if (person!.name !== name) throw new ActionError("姓名与证件号码不符", { name: ["姓名与证件号码登记的姓名不符"] });
    }
    const p = person!;
    const payload: TransferPayload = { holderName: p.name, gender: p.gender, birthDate: p.birthDate, certificateNo, issuer, issueDate: input.issueDate, validUntil: input.validUntil };
    const batch = await openBatch(tx, user, "transfer_in", now);
    const [row] = await tx.execute<{ id: number }>(sql`
      insert into certificate_applications (batch_id, kind, person_id, trade_id, origin_certificate_no, payload)
      values (${batch.id}, 'transfer_in', ${p.id}, ${trade.id}, ${certificateNo}, ${JSON.stringify(payload)}::jsonb)
      on conflict do nothing returning id`);
    if (!row) throw new ActionError("该证书已提交进京申请，不能重复申请", { certificateNo: ["该证书编号已提交进京申请"] });
    await attachScans(tx, user, row.id, p.id, scans);
    await writeAudit(tx, {
      actor: user,
      ip: ctx.ip,
      action: "certificate_application.transfer_in_submitted",
      entityType: "certificate_application",
      entityId: row.id,
      summary: `申请证书进京：${p.name}，${trade.name}，原证书编号 ${certificateNo}（申请批号 ${batch.batchNo}）`,
      after: { ...payload, tradeId: trade.id, batchNo: batch.batchNo },
    });
    return { applicationId: row.id, batchNo: batch.batchNo };
  });
}

/** 删除 a 进京 application: only by whoever submitted it, only while 已申请. Not theirs answers like not found. */
export async function deleteTransferIn(db: Db, user: SessionUser, applicationId: number, ctx: Ctx = {}) {
  const s = submitterOf(user);
  return db.transaction(async (tx) => {
    const [a] = await tx.execute<{ id: number; status: string; batchId: number; payload: TransferPayload; batchNo: string }>(sql`
      select a.id, a.status, a.batch_id as "batchId", a.payload, b.batch_no as "batchNo" from certificate_applications a join application_batches b on b.id = a.batch_id
      where a.id = ${applicationId} and a.kind = 'transfer_in' and b.submitter_kind = ${s.submitterKind}
        and ${s.submitterOrgId ? sql`b.submitter_org_id = ${s.submitterOrgId}` : sql`b.submitted_by_user_id = ${user.id} and a.person_id = ${user.personId}`}
      for update of a`);
    if (!a) throw new ActionError("申请不存在");
    if (a.status !== "applied") throw new ActionError("申请已审核，不能删除");
    await tx.execute(sql`delete from certificate_applications where id = ${a.id}`);
    await tx.execute(sql`delete from application_batches b where b.id = ${a.batchId} and not exists (select 1 from certificate_applications x where x.batch_id = b.id)`);
    await writeAudit(tx, {
      actor: user,
      ip: ctx.ip,
      action: "certificate_application.transfer_in_deleted",
      entityType: "certificate_application",
      entityId: a.id,
      summary: `删除证书进京申请（申请批号 ${a.batchNo}，原证书编号 ${a.payload.certificateNo}）`,
      before: a.payload,
    });
  });
}
