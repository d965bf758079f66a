import { z } from "zod";
import { optionalOrgCode, optionalText, pastDate, requiredText } from "./common";

export const MAX_RESUME_ROWS = 20;

export const resumeEntrySchema = z.object({
  period: requiredText("起止时间", 40),
  employer: requiredText("工作单位", 60),
  post: requiredText("岗位", 30),
});

const id = (label: string) => z.coerce.number({ error: `${label}无效` }).int(`${label}无效`).positive(`${label}无效`);

/**
 * 报名表 (manual 2.1.1). The same schema serves the person's own form and, later, an enterprise or training
 * institution registering someone: `personId` is ignored for a person (it is always the signed-in person).
 */
export const registrationSchema = z.object({
  planId: id("考试计划"),
  personId: id("报名人员").optional(),
  employerName: requiredText("聘用单位", 60),
  employerCode: optionalOrgCode,
  workStartDate: pastDate("参加工作时间"),
  // An empty box must not quietly become 0 years.
  yearsOfWork: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.coerce
      .number({ error: "请填写从事工作年限" })
      .int("从事工作年限应为整数")
      .min(0, "从事工作年限不能小于0")
      .max(70, "从事工作年限不能超过70年"),
  ),
  resume: z.array(resumeEntrySchema).max(MAX_RESUME_ROWS, `个人简历最多${MAX_RESUME_ROWS}行`).default([]),
  employerOpinion: optionalText("聘用单位意见", 500),
  photoFileId: z.union([z.literal(""), z.uuid("照片无效，请重新上传")]).optional().default(""),
});

export type RegistrationInput = z.input<typeof registrationSchema>;
export type RegistrationValues = z.output<typeof registrationSchema>;

export const updateRegistrationSchema = registrationSchema.extend({ registrationId: id("报名记录") });
export type UpdateRegistrationInput = z.input<typeof updateRegistrationSchema>;
export type UpdateRegistrationValues = z.output<typeof updateRegistrationSchema>;

/**
 * The 报名表 as the person fills it in (the form and the person's actions): the photo is required here, so the
 * first 保存 reports a missing photo together with the other fields. The form starts with the photo on record,
 * so a returning practitioner is not asked again; organisations' forms keep the optional photo, since the
 * service falls back to the photo on record for them.
 */
export const personRegistrationSchema = registrationSchema.extend({
  // Typed as the shared schema's (optional) so one form and one action type serve both.
  photoFileId: z
    .string()
    .optional()
    .default("")
    .pipe(z.uuid({ error: (issue) => (issue.input === "" ? "请上传一寸彩色照片" : "照片无效，请重新上传") })),
});
export const updatePersonRegistrationSchema = personRegistrationSchema.extend({ registrationId: id("报名记录") });

export const registrationIdSchema = z.object({ registrationId: id("报名记录") });

/** The crop the user chose on the preview, as fractions of the upright image. */
export const photoCropSchema = z
  .object({
    x: z.number().min(0).max(1),
    y: z.number().min(0).max(1),
    width: z.number().gt(0).max(1),
    height: z.number().gt(0).max(1),
  })
  .refine((c) => c.x + c.width <= 1.0001 && c.y + c.height <= 1.0001, "裁剪区域超出照片范围");
export type PhotoCropInput = z.infer<typeof photoCropSchema>;

/** The plan picker's filters (考试计划选择). */
export const planSearchSchema = z.object({
  name: z.string().trim().max(60).optional().default(""),
  tradeId: z.coerce.number().int().nonnegative().optional().default(0),
  status: z.string().trim().max(30).optional().default(""),
  examFrom: z.string().trim().regex(/^(\d{4}-\d{2}-\d{2})?$/, "日期格式应为 年-月-日").optional().default(""),
  examTo: z.string().trim().regex(/^(\d{4}-\d{2}-\d{2})?$/, "日期格式应为 年-月-日").optional().default(""),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
});
export type PlanSearchInput = z.input<typeof planSearchSchema>;
