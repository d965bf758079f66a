import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ActionError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/roles";
import { certificateScope } from "@/lib/auth/scope";
import { ID_TYPE_LABELS, validateIdByType, type IdType } from "@/lib/identity/chinese-id";
import { parseOrgIdentifier } from "@/lib/identity/org-code";
import { openBatch, submitterOf, type Ctx, type Refusal } from "./common";
import { attachScans, checkScans, type ScanUpload } from "./scans";

/** The values a 证书变更 may change. */
export type ChangeFields = { holderName?: string; employerName?: string; employerCode?: string; idType?: IdType; idNumber?: string };
export const CHANGE_FIELD_LABELS: Record<keyof ChangeFields, string> = {
  holderName: "姓名",
  employerName: "工作单位",
  employerCode: "单位组织机构代码",
  idType: "证件类型",
  idNumber: "证件号码",
};

/** 申请须知 shown above the 证书变更申请表, and printed on it. */
export const CHANGE_NOTICE = [
  "一、证书变更适用于：工作单位变更；因依法更名而变更姓名；证件类型或证件号码登记有误需要更正。",
  "二、只填写需要变更的项目，未修改的项目保持原值。",
  "三、变更姓名、证件类型或证件号码的，须上传公安机关出具的证明或新证件的扫描件（PDF、JPG 或 PNG）。",
  "四、已注销、已变更的证书或已有待审核变更申请的证书不能申请变更。",
  "五、审核通过后生成新版证书，原版本作废，其核验页面将提示已变更并指向新版证书。",
];

export type ChangeItem = { certificateId: number; after: ChangeFields; scans?: ScanUpload[] };
export type ChangeResult = { batchNo: string | null; applied: { certificateId: number; certificateNo: string; applicationId: number }[]; refused: Refusal[] };

type Current = {
  id: number;
  certificateNo: string;
  status: string;
  personId: number;
  tradeId: number;
  holderName: string;
  employerName: string | null;
  employerCode: string | null;
  idType: IdType;
  idNumber: string;
  openBatchNo: string | null;
};

function clean(v: string | undefined) {
  const t = v?.trim();
  return t ? t : undefined;
}

/** Keeps only the fields that differ from the current values, validated; a field error names the field. */
export function changedFields(current: Omit<Current, "id" | "certificateNo" | "status" | "personId" | "tradeId" | "openBatchNo">, after: ChangeFields) {
  const before: ChangeFields = {};
  const next: ChangeFields = {};
  const name = clean(after.holderName);
  if (name && name !== current.holderName) {
    if (name.length > 50) throw new ActionError("姓名过长", { holderName: ["姓名不能超过 50 个字"] });
    before.holderName = current.holderName;
    next.holderName = name;
  }
  const employer = clean(after.employerName);
  if (employer && employer !== current.employerName) {
    if (employer.length > 100) throw new ActionError("工作单位名称过长", { employerName: ["工作单位名称不能超过 100 个字"] });
    before.employerName = current.employerName ?? "";
    next.employerName = employer;
  }
  const code = clean(after.employerCode)?.toUpperCase().replace("-", "");
  if (code && code !== current.employerCode) {
    const parsed = parseOrgIdentifier(code);
    if (!parsed.ok) throw new ActionError(parsed.error, { employerCode: [parsed.error] });
    before.employerCode = current.employerCode ?? "";
    next.employerCode = parsed.code;
  }
  const idType = after.idType ?? current.idType;
  const idNumber = clean(after.idNumber)?.toUpperCase() ?? current.idNumber;
  if (idType !== current.idType || idNumber !== current.idNumber) {
    if (!(idType in ID_TYPE_LABELS)) throw new ActionError("请选择证件类型", { idType: ["请选择证件类型"] });
    const v = validateIdByType(idType, idNumber);
    if (!v.ok) throw new ActionError(v.error, { idNumber: [v.error] });
    if (idType !== current.idType) {
      before.idType = current.idType;
      next.idType = idType;
    }
    if (v.value !== current.idNumber) {
      before.idNumber = current.idNumber;
      next.idNumber = v.value;
    }
  }
  return { before, after: next };
}

/**
 * 证书变更申请表 → 保存: for one certificate (a person) or several people at once (enterprise, trainer). Only the
 * changed fields are stored, as { before, after }; a name or ID change needs a supporting scan. Certificates that
 * fail a rule come back with a reason and the rest share one 申请批号. One transaction.
 */
export async function applyForChange(db: Db, user: SessionUser, items: ChangeItem[], ctx: Ctx = {}, now = new Date()): Promise<ChangeResult> {
  submitterOf(user);
  if (items.length === 0) throw new ActionError("请选择要变更的证书");
  if (items.length > 200) throw new ActionError("一次最多提交 200 本证书的变更申请");
  const checked = items.map((it) => ({ ...it, scans: checkScans(it.scans ?? []) }));
  return db.transaction(async (tx) => {
    const ids = checked.map((i) => i.certificateId).filter((id) => Number.isSafeInteger(id) && id > 0);
    const rows = await tx.execute<Current>(sql`
      select certificates.id, certificates.certificate_no as "certificateNo", certificates.status, certificates.person_id as "personId",
        certificates.trade_id as "tradeId", certificates.holder_name as "holderName", certificates.employer_name as "employerName",
        coalesce(o.uscc, o.org_code) as "employerCode", p.id_type as "idType", p.id_number as "idNumber",
        (select b.batch_no from certificate_applications a join application_batches b on b.id = a.batch_id
          where a.certificate_id = certificates.id and a.kind = 'change' and a.status = 'applied' limit 1) as "openBatchNo"
      from certificates join persons p on p.id = certificates.person_id left join organizations o on o.id = p.employer_org_id
      where certificates.id = any(${sql.param(ids)}::int[]) and ${certificateScope(user)}
      order by certificates.id for update of certificates`);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const refused: Refusal[] = [];
    const accepted: { c: Current; before: ChangeFields; after: ChangeFields; scans: (typeof checked)[number]["scans"] }[] = [];
    const seen = new Set<number>();
    for (const it of checked) {
      const c = byId.get(it.certificateId);
      if (!c) {
        refused.push({ certificateId: it.certificateId, reason: "证书不存在" });
        continue;
      }
      const refuse = (reason: string) => refused.push({ certificateId: c.id, certificateNo: c.certificateNo, reason });
      if (seen.has(c.id)) refuse("同一证书在本次申请中出现多次");
      else if (c.status === "revoked") refuse("证书已注销，不能变更");
      else if (c.status === "superseded") refuse("证书已变更，此版本不能再变更，请对当前版本申请");
      else if (c.openBatchNo) refuse(`该证书已有待审核的变更申请（申请批号 ${c.openBatchNo}），不能重复申请`);
      else {
        let diff: ReturnType<typeof changedFields>;
        try {
          diff = changedFields(c, it.after);
        } catch (e) {
          // A single certificate's form shows the error beside its field; in a batch it becomes that row's reason.
          if (e instanceof ActionError && checked.length > 1) {
            refuse(e.message);
            continue;
          }
          throw e;
        }
        const needsProof = diff.after.holderName || diff.after.idType || diff.after.idNumber;
        if (Object.keys(diff.after).length === 0) {
          if (checked.length === 1) throw new ActionError("未修改任何内容，无需申请变更");
          refuse("未修改任何内容");
        } else if (needsProof && it.scans.length === 0) {
          if (checked.length === 1) throw new ActionError("变更姓名或证件信息须上传证明材料扫描件", { scans: ["请上传证明材料扫描件（PDF、JPG 或 PNG）"] });
          refuse("变更姓名或证件信息须上传证明材料扫描件");
        } else accepted.push({ c, ...diff, scans: it.scans });
      }
      seen.add(it.certificateId);
    }
    if (accepted.length === 0) return { batchNo: null, applied: [], refused };
    const batch = await openBatch(tx, user, "change", now);
    const applied: ChangeResult["applied"] = [];
    for (const a of accepted) {
      const [row] = await tx.execute<{ id: number }>(sql`
        insert into certificate_applications (batch_id, kind, certificate_id, person_id, trade_id, payload)
        values (${batch.id}, 'change', ${a.c.id}, ${a.c.personId}, ${a.c.tradeId}, ${JSON.stringify({ before: a.before, after: a.after })}::jsonb)
        on conflict do nothing returning id`);
      if (!row) {
        refused.push({ certificateId: a.c.id, certificateNo: a.c.certificateNo, reason: "该证书已有待审核的变更申请，不能重复申请" });
        continue;
      }
      await attachScans(tx, user, row.id, a.c.personId, a.scans);
      applied.push({ certificateId: a.c.id, certificateNo: a.c.certificateNo, applicationId: row.id });
      await writeAudit(tx, {
        actor: user,
        ip: ctx.ip,
        action: "certificate_application.change_submitted",
        entityType: "certificate_application",
        entityId: row.id,
        summary: `申请证书变更：${a.c.certificateNo}（申请批号 ${batch.batchNo}）`,
        before: a.before,
        after: a.after,
      });
    }
    if (applied.length === 0) throw new ActionError(refused[0]?.reason ?? "申请未成功");
    return { batchNo: batch.batchNo, applied, refused };
  });
}
