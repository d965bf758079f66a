import { z } from "zod";
import type { RevokeReasonClass } from "@/db/schema/certificates";
import { ID_TYPE_LABELS, type IdType } from "@/lib/identity/chinese-id";

// Values only (no database module in the browser bundle); the types keep them in step with the schema.
const ID_TYPES = Object.keys(ID_TYPE_LABELS) as [IdType, ...IdType[]];
const REVOKE_REASON_CLASSES = ["violation", "fraud", "holder_request", "deceased", "other"] as const satisfies readonly RevokeReasonClass[];

/**
 * Form schemas for 续期 / 变更 / 进京 and the centre's review, shared by the forms and the server actions that
 * call lib/services/certificate-applications. The services check every rule again (scope, window, duplicates).
 */
const ids = (label: string) =>
  z.preprocess((v) => (v == null ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().positive()).min(1, `请勾选${label}`).max(5_000, `一次最多 5000 条`));

export const renewalSearchSchema = z.object({
  name: z.string().trim().max(50).optional(),
  idNumber: z.string().trim().max(20).optional(),
  tradeId: z.coerce.number().int().positive().optional(),
  expiringWithinDays: z.coerce.number().int().min(0, "到期天数不能为负数").max(3650).optional(),
  page: z.coerce.number().int().min(1).optional(),
});

export const renewalApplySchema = z.object({ certificateIds: ids("要续期的证书") });

export const changeFieldsSchema = z.object({
  holderName: z.string().trim().max(50, "姓名不能超过50个字").optional(),
  employerName: z.string().trim().max(100, "工作单位名称不能超过100个字").optional(),
  employerCode: z.string().trim().max(20).optional(),
  idType: z.enum(ID_TYPES).optional(),
  idNumber: z.string().trim().max(20).optional(),
});

export const changeApplySchema = z.object({ certificateId: z.coerce.number().int().positive("请选择证书") }).extend(changeFieldsSchema.shape);

const day = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `请填写${label}`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式为 yyyy-mm-dd`);

/** 证书进京 新建申请表, without the scans (the action reads them from FormData as files). */
export const transferInSchema = z.object({
  idType: z.enum(ID_TYPES, { error: "请选择证件类型" }),
  idNumber: z.string().trim().min(1, "请填写证件号码").max(20),
  name: z.string().trim().min(1, "请填写姓名").max(50, "姓名不能超过50个字"),
  gender: z.enum(["M", "F"]).optional(),
  birthDate: z.string().trim().optional(),
  tradeId: z.coerce.number({ error: "请选择岗位工种" }).int().positive("请选择岗位工种"),
  certificateNo: z.string().trim().min(1, "请填写证书编号").max(40, "证书编号不能超过40个字符"),
  issuer: z.string().trim().min(1, "请填写发证机关").max(100),
  issueDate: day("发证日期"),
  validUntil: day("有效期"),
});

export const applicationIdSchema = z.object({ applicationId: z.coerce.number().int().positive() });
export const approveSchema = z.object({ ids: ids("要审核的申请") });
export const rejectSchema = z.object({ ids: ids("要审核的申请"), reason: z.string().trim().min(1, "请填写审核不通过的原因").max(500) });
export const approveBatchSchema = z.object({ batchNo: z.string().trim().min(1, "请填写申请批号").max(20) });
export const rejectBatchSchema = approveBatchSchema.extend({ reason: z.string().trim().min(1, "请填写审核不通过的原因").max(500) });
export const revokeSchema = z.object({
  certificateId: z.coerce.number().int().positive(),
  reasonClass: z.enum(REVOKE_REASON_CLASSES, { error: "请选择注销类别" }),
  reason: z.string().trim().min(1, "请填写注销原因").max(500),
});
export const reinstateSchema = z.object({ certificateId: z.coerce.number().int().positive(), reason: z.string().trim().min(1, "请填写恢复原因").max(500) });
