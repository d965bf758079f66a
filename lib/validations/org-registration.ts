import { z } from "zod";
import { ID_TYPES } from "@/db/schema/accounts";
import { validateIdByType, type IdType } from "@/lib/identity/chinese-id";
import { EDUCATION_LEVELS, mobilePhone, requiredText } from "./common";
import { registrationSchema } from "./registration";

const idType = z.enum(ID_TYPES, { error: "请选择证件类型" });

/**
 * The person being registered by an enterprise or a training institution, as typed on the form: ID type and
 * number (normalised: a 15-digit resident number becomes its 18-digit form) and the name that must match the
 * record when the number is already known. Gender, birth date, phone and education are used only when the
 * person is new (created on save); for a resident ID, gender and birth date come from the number.
 */
export const registrantSchema = z
  .object({
    idType,
    idNumber: z.string().trim().min(1, "请输入证件号码").max(30, "证件号码过长"),
    name: requiredText("姓名", 30),
    gender: z.union([z.literal(""), z.enum(["M", "F"], { error: "请选择性别" })]).optional().default(""),
    birthDate: z.string().trim().regex(/^(\d{4}-\d{2}-\d{2})?$/, "出生日期格式应为 年-月-日").optional().default(""),
    phone: z.union([z.literal(""), mobilePhone]).optional().default(""),
    education: z.union([z.literal(""), z.enum(EDUCATION_LEVELS, { error: "请选择学历" })]).optional().default(""),
  })
  .superRefine((v, ctx) => {
    const r = validateIdByType(v.idType as IdType, v.idNumber);
    if (!r.ok) ctx.addIssue({ code: "custom", path: ["idNumber"], message: r.error });
  })
  .transform((v) => {
    const r = validateIdByType(v.idType as IdType, v.idNumber);
    return { ...v, idNumber: r.ok ? r.value : v.idNumber };
  });
export type Registrant = z.output<typeof registrantSchema>;

/** What the lookup needs before the name is known (on blur of the ID number). */
export const idLookupSchema = z
  .object({ idType, idNumber: z.string().trim().min(1, "请输入证件号码").max(30, "证件号码过长"), name: z.string().trim().max(30).optional().default("") })
  .superRefine((v, ctx) => {
    const r = validateIdByType(v.idType as IdType, v.idNumber);
    if (!r.ok) ctx.addIssue({ code: "custom", path: ["idNumber"], message: r.error });
  })
  .transform((v) => {
    const r = validateIdByType(v.idType as IdType, v.idNumber);
    return { ...v, idNumber: r.ok ? r.value : v.idNumber };
  });
export type IdLookup = z.output<typeof idLookupSchema>;

/**
 * 考试报名 by an enterprise or a training institution: the registration form plus who is registered. An
 * enterprise may instead pass `personId` of one of its employees (picked from its employee search); a
 * training institution always identifies the person by ID number and matching name.
 */
export const orgRegistrationSchema = registrationSchema.extend({
  person: registrantSchema.optional(),
});
export type OrgRegistrationInput = z.input<typeof orgRegistrationSchema>;
export type OrgRegistrationValues = z.output<typeof orgRegistrationSchema>;

export const employeeSearchSchema = z.object({
  q: z.string().trim().max(30).optional().default(""),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
  pageSize: z.coerce.number().int().min(1).max(100).optional().default(20),
});
export type EmployeeSearchInput = z.input<typeof employeeSearchSchema>;
