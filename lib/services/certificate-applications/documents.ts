import "server-only";
import type { DbOrTx } from "@/db/client";
import type { CertificateApplicationFormData } from "@/lib/documents/types";
import type { SessionUser } from "@/lib/auth/roles";
import { ID_TYPE_LABELS, type IdType } from "@/lib/identity/chinese-id";
import { readFile } from "@/lib/storage/files";
import { formatDateTime } from "@/lib/time";
import { CHANGE_FIELD_LABELS, CHANGE_NOTICE, type ChangeFields } from "./change";
import { getApplicationDetail } from "./review";
import { TRANSFER_NOTICE, type TransferPayload } from "./transfer-in";

const SUBMITTER_LABEL = { person: "本人", enterprise: "企业", trainer: "培训机构" } as const;

function show(field: keyof ChangeFields, v: string | undefined) {
  if (v == null || v === "") return "—";
  return field === "idType" ? (ID_TYPE_LABELS[v as IdType] ?? v) : v;
}

/** 打印: the filled 证书变更申请表 or 证书进京申请表 of an application the user may see; null otherwise (renewals have no form). */
export async function loadApplicationForm(db: DbOrTx, user: SessionUser, id: number): Promise<CertificateApplicationFormData | null> {
  const a = await getApplicationDetail(db, user, id);
  if (!a || a.kind === "renewal") return null;
  const person: [string, string][] = [
    ["姓名", a.personName],
    ["性别", a.gender === "M" ? "男" : "女"],
    ["证件类型", ID_TYPE_LABELS[a.idType as IdType] ?? a.idType],
    ["证件号码", a.idNumber],
  ];
  const common = {
    batchNo: a.batchNo,
    statusLabel: a.statusLabel + (a.rejectReason ? `（${a.rejectReason}）` : ""),
    submittedAt: formatDateTime(a.createdAt),
    scans: a.scans.map((f) => f.originalName ?? "扫描件"),
    submitterName: a.submitterName ?? (a.submitterKind === "person" ? a.personName : SUBMITTER_LABEL[a.submitterKind]),
  };
  if (a.kind === "change") {
    const { before = {}, after = {} } = a.payload as { before?: ChangeFields; after?: ChangeFields };
    const fields = Object.keys(after) as (keyof ChangeFields)[];
    return {
      kind: "change",
      title: "证书变更申请表",
      notice: CHANGE_NOTICE,
      person: [...person, ["证书编号", a.certificateNo ?? ""], ["岗位工种", a.tradeName], ["有效期至", a.validUntil ?? ""]],
      rows: fields.map((f) => [CHANGE_FIELD_LABELS[f], show(f, before[f]), show(f, after[f])]),
      ...common,
    };
  }
  const p = a.payload as TransferPayload;
  return {
    kind: "transfer_in",
    title: "证书进京申请表",
    notice: TRANSFER_NOTICE,
    person: [...person, ["出生日期", p.birthDate ?? "—"]],
    rows: [
      ["岗位工种", a.tradeName, ""],
      ["原证书编号", p.certificateNo, ""],
      ["发证机关", p.issuer, ""],
      ["发证日期", p.issueDate, ""],
      ["有效期至", p.validUntil, ""],
    ],
    ...common,
  };
}

/** A supporting scan of an application the user may see (the applicant, its submitter, the centre); null otherwise. */
export async function loadApplicationScan(db: DbOrTx, user: SessionUser, applicationId: number, fileId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(fileId)) return null;
  const a = await getApplicationDetail(db, user, applicationId);
  const scan = a?.scans.find((s) => s.id === fileId);
  if (!scan) return null;
  const file = await readFile(db, fileId);
  return file ? { ...file, name: scan.originalName ?? `扫描件.${file.contentType === "application/pdf" ? "pdf" : "jpg"}` } : null;
}
