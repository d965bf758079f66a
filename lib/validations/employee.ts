import { z } from "zod";
import { ID_TYPES } from "@/db/schema/accounts";
import { parseChineseId, validateIdByType, type IdType } from "@/lib/identity/chinese-id";
import { personProfileSchema } from "./person";

/**
 * 企业人员信息: an employee's record, with the rules of 个人信息维护 (the same fields and messages); the employer
 * is always the enterprise itself, so its name and code are not on the form.
 */
export const employeeFieldsSchema = personProfileSchema.omit({ employerName: true, employerCode: true });

/**
 * 新增: plus the ID type and number (normalised to 18 digits), which stay fixed once saved. A resident ID
 * gives gender and birth date; other documents need them typed.
 */
export const newEmployeeSchema = employeeFieldsSchema
  .extend({
    idType: z.enum(ID_TYPES, { error: "请选择证件类型" }),
    idNumber: z.string().trim().min(1, "请输入证件号码").max(30, "证件号码过长"),
    gender: z.union([z.literal(""), z.enum(["M", "F"])]).optional().default(""),
    birthDate: z.string().trim().regex(/^(\d{4}-\d{2}-\d{2})?$/, "出生日期格式应为 年-月-日").optional().default(""),
  })
  .superRefine((v, ctx) => {
    const r = validateIdByType(v.idType as IdType, v.idNumber);
    if (!r.ok) ctx.addIssue({ code: "custom", path: ["idNumber"], message: r.error });
    else if (v.idType !== "resident" && !v.gender) ctx.addIssue({ code: "custom", path: ["gender"], message: "请选择性别" });
  })
  .transform((v) => {
    const r = validateIdByType(v.idType as IdType, v.idNumber);
    const id = r.ok ? r.value : v.idNumber;
    const parsed = v.idType === "resident" ? parseChineseId(id) : null;
    return {
      ...v,
      idNumber: id,
      gender: (parsed?.ok ? parsed.gender : v.gender || "M") as "M" | "F",
      birthDate: parsed?.ok ? parsed.birthDate : v.birthDate || null,
    };
  });
export type NewEmployeeInput = z.input<typeof newEmployeeSchema>;
export type NewEmployee = z.output<typeof newEmployeeSchema>;

/** 修改: the editable fields of one employee (the ID number is not among them). */
export const updateEmployeeSchema = employeeFieldsSchema.extend({ id: z.coerce.number().int().positive() });
export type UpdateEmployeeInput = z.input<typeof updateEmployeeSchema>;
export type UpdateEmployee = z.output<typeof updateEmployeeSchema>;

export const employeeListSchema = z.object({
  q: z.string().trim().max(30).optional().default(""),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
});

/**
 * The form's own check when editing: the same fields as 新增, with the stored (read-only) ID number taken as
 * it is; the server parses updateEmployeeSchema.
 */
export const editEmployeeFormSchema = employeeFieldsSchema.extend({
  idType: z.enum(ID_TYPES),
  idNumber: z.string(),
  gender: z.string().optional().default(""),
  birthDate: z.string().optional().default(""),
});
