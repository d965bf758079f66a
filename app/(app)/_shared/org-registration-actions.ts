"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db";
import { defineAction } from "@/lib/actions";
import { ActionError } from "@/lib/errors";
import { clientIp } from "@/lib/request-context";
import { enqueueBatchCheck, enqueueBatchPhotos, enqueueBatchSave } from "@/lib/jobs";
import { getEmployee, lookupPersonByIdNumber, registrationStage, searchEmployees, submitOrgRegistration } from "@/lib/services/org-registrations";
import {
  attachBatchPhotos,
  countPhotoFiles,
  deleteAllRegistrations,
  deleteRegistration,
  getRegistrationBatch,
  photosUploadedMessage,
  PHOTOS_IN_REQUEST,
  removeBatchPhoto,
  uploadRegistrationBatch,
} from "@/lib/services/batch-registrations";
import { updateRegistration, withdrawRegistration } from "@/lib/services/registrations";
import { employeeSearchSchema, idLookupSchema, orgRegistrationSchema, type OrgRegistrationInput } from "@/lib/validations/org-registration";
import { registrationIdSchema, updateRegistrationSchema, type UpdateRegistrationInput } from "@/lib/validations/registration";
import { UPLOAD_MAX_BYTES, UPLOAD_MAX_MB } from "@/lib/upload-limits";

/**
 * 考试报名 and 批量报名 of an enterprise or a training institution (the pages under /enterprise/registrations
 * and /trainer/registrations). Each service checks the role and that the person, batch or registration is
 * this organisation's; "not yours" comes back like "not found".
 */
const ORG = ["enterprise", "trainer"] as const;
const id = (label: string) => z.coerce.number({ error: `${label}无效` }).int(`${label}无效`).positive(`${label}无效`);
const batchIdSchema = z.object({ batchId: id("批次") });
const refresh = () => {
  revalidatePath("/enterprise/registrations", "layout");
  revalidatePath("/trainer/registrations", "layout");
};

/** 查找本单位人员 (enterprise): name or ID number, paginated; ID numbers masked. */
export const searchEmployeesAction = defineAction({ roles: ["enterprise"], schema: employeeSearchSchema }, async (input, user) => searchEmployees(db, user, input));

/** 选择 one employee from the search: the stored data the form fills in. */
export const employeeDetailsAction = defineAction({ roles: ["enterprise"], schema: z.object({ personId: id("人员") }) }, async ({ personId }, user) => getEmployee(db, user, personId));

/** On blur of the ID number: a new person (gender and birth date from the number), an employee, or someone known. */
export const lookupPersonAction = defineAction({ roles: ORG, schema: idLookupSchema }, async (input, user) => lookupPersonByIdNumber(db, user, input));

/** 此人目前处于…阶段: shown as soon as the ID number (and name) are entered, before 保存. */
export const registrationStageAction = defineAction(
  { roles: ORG, schema: z.intersection(idLookupSchema, z.object({ planId: id("考试计划") })) },
  async (input, user) => registrationStage(db, user, input),
);

/** 保存 → 报名成功，报名号为…; the page then offers 新增 for the next person. */
export const submitOrgRegistrationAction = defineAction({ roles: ORG, schema: orgRegistrationSchema }, async (input, user) => {
  const r = await submitOrgRegistration(db, user, input, { ip: await clientIp() });
  refresh();
  return { data: { id: r.id, registrationNo: r.registrationNo }, message: `报名成功，报名号为 ${r.registrationNo}` };
});
export type SubmitOrgRegistration = (input: OrgRegistrationInput) => ReturnType<typeof submitOrgRegistrationAction>;

const update = defineAction({ roles: ORG, schema: updateRegistrationSchema }, async (input, user) => {
  const r = await updateRegistration(db, user, input, { ip: await clientIp() });
  refresh();
  return { data: r, message: "报名信息已修改" };
});

/** 修改 a registration this organisation submitted, while it waits for review. */
export async function updateOrgRegistrationAction(input: UpdateRegistrationInput | (Omit<UpdateRegistrationInput, "registrationId"> & { registrationId?: number })) {
  return update(input as UpdateRegistrationInput);
}

/** 撤回 a registration this organisation submitted, while it waits for review. */
export const withdrawOrgRegistrationAction = defineAction({ roles: ORG, schema: registrationIdSchema }, async ({ registrationId }, user) => {
  const r = await withdrawRegistration(db, user, registrationId, { ip: await clientIp() });
  refresh();
  return { data: r, message: "报名已撤回" };
});

const XLSX = /\.xlsx$/i;
const uploadSchema = z.object({
  planId: id("考试计划"),
  allOrNothing: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).optional().default(false),
  file: z
    .instanceof(File, { error: "请选择要上传的 Excel 文件" })
    .refine((f) => f.size > 0, "请选择要上传的 Excel 文件")
    .refine((f) => f.size <= UPLOAD_MAX_BYTES, `文件不能超过 ${UPLOAD_MAX_MB} MB`)
    .refine((f) => XLSX.test(f.name), "请上传 .xlsx 格式的报名表（用报名表导入模版填写）"),
});

/** 上传 the filled template: the batch is created and checked in the background; the page polls its progress. */
export const uploadBatchAction = defineAction({ roles: ORG, schema: uploadSchema }, async (input, user) => {
  const b = await uploadRegistrationBatch(db, user, { planId: input.planId, data: Buffer.from(await input.file.arrayBuffer()), fileName: input.file.name, allOrNothing: input.allOrNothing });
  if (!b.reused) await enqueueBatchCheck(b.id);
  return b;
});

/** The batch's status and counts, polled while it is checked or saved. */
export const batchProgressAction = defineAction({ roles: ORG, schema: batchIdSchema }, async ({ batchId }, user) => getRegistrationBatch(db, user, batchId));

const photosSchema = z.object({
  batchId: id("批次"),
  files: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.instanceof(File))
      .min(1, "请选择照片（JPG 文件或 ZIP 压缩包）")
      .max(5_000, "一次最多上传 5000 个文件")
      .refine((fs) => fs.reduce((n, f) => n + f.size, 0) <= UPLOAD_MAX_BYTES, `照片合计不能超过 ${UPLOAD_MAX_MB} MB，请分几次上传`),
  ),
});

/**
 * 照片批量上传: JPG files named by ID number, or a ZIP of them. Up to PHOTOS_IN_REQUEST photos are matched here
 * and the match table comes back; more go to a background job (data null): the page polls batchProgressAction
 * for photoJob.
 */
export const uploadBatchPhotosAction = defineAction({ roles: ORG, schema: photosSchema }, async ({ batchId, files }, user) => {
  const uploads = await Promise.all(files.map(async (f) => ({ name: f.name, data: Buffer.from(await f.arrayBuffer()) })));
  if (countPhotoFiles(uploads) > PHOTOS_IN_REQUEST) {
    await enqueueBatchPhotos(user, batchId, uploads);
    return { data: null, message: "照片正在处理，请稍候" };
  }
  const match = await attachBatchPhotos(db, user, batchId, uploads);
  return { data: match, message: photosUploadedMessage(match.matched.length) };
});

/** 删除 a photo already matched to a row, before 确认导入 (the file is named by the ID number). */
export const removeBatchPhotoAction = defineAction(
  { roles: ORG, schema: z.object({ batchId: id("批次"), idNumber: z.string().trim().min(1, "证件号码无效").max(30, "证件号码无效") }) },
  async ({ batchId, idNumber }, user) => {
    await removeBatchPhoto(db, user, batchId, idNumber);
    return { data: null, message: "照片已删除" };
  },
);

/** 确认导入: saved in the background (progress polled); only this organisation's checked batch. */
export const confirmBatchAction = defineAction({ roles: ORG, schema: batchIdSchema }, async ({ batchId }, user) => {
  const b = await getRegistrationBatch(db, user, batchId);
  if (b.status === "checking") throw new ActionError("该批次尚未检查完成，请稍候");
  if (b.status === "checked") await enqueueBatchSave(user, b.id);
  return b;
});

/** 删除所有报名信息 of a plan: the reviewed and paid ones are kept and named. */
export const deleteAllRegistrationsAction = defineAction({ roles: ORG, schema: z.object({ planId: id("考试计划") }) }, async ({ planId }, user) => {
  const r = await deleteAllRegistrations(db, user, planId, await clientIp());
  refresh();
  const kept = r.kept.length ? `；以下已审核或已缴费的报名未删除：${r.kept.map((k) => `${k.name}（${k.statusLabel}）`).join("、")}` : "";
  return { data: r, message: `已删除 ${r.deleted} 条报名信息${kept}` };
});

/** 删除 one registration this organisation submitted and that is not yet reviewed. */
export const deleteRegistrationAction = defineAction({ roles: ORG, schema: registrationIdSchema }, async ({ registrationId }, user) => {
  await deleteRegistration(db, user, registrationId, await clientIp());
  refresh();
  return { data: null, message: "报名信息已删除" };
});
