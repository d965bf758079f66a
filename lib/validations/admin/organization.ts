import { z } from "zod";
import { parseOrgCode, parseUscc } from "@/lib/identity/org-code";
import { passwordRule } from "../account";
import { optionalText, requiredText } from "../common";
import { idField } from "./common";

const phone = z
  .string()
  .trim()
  .optional()
  .default("")
  .refine((v) => v === "" || /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(v), "请输入手机号码或区号-电话号码");

/**
 * 企业 / 培训机构. At least one of 统一社会信用代码 and 组织机构代码; a USCC carries the org code in characters
 * 9-17, so when both are given they must agree. Both are stored normalised (upper case, no hyphen).
 */
export const organizationSchema = z
  .object({
    kind: z.enum(["enterprise", "trainer"], { error: "请选择机构类型" }),
    name: requiredText("机构名称", 60),
    uscc: z.string().trim().toUpperCase().optional().default(""),
    orgCode: z.string().trim().toUpperCase().optional().default(""),
    contactName: optionalText("联系人", 30),
    contactPhone: phone,
    address: optionalText("地址", 120),
  })
  .superRefine((v, ctx) => {
    if (!v.uscc && !v.orgCode) {
      ctx.addIssue({ code: "custom", path: ["uscc"], message: "请填写统一社会信用代码或组织机构代码" });
      return;
    }
    if (v.uscc) {
      const r = parseUscc(v.uscc);
      if (!r.ok) ctx.addIssue({ code: "custom", path: ["uscc"], message: r.error });
    }
    if (v.orgCode) {
      const r = parseOrgCode(v.orgCode);
      if (!r.ok) ctx.addIssue({ code: "custom", path: ["orgCode"], message: r.error });
      else if (v.uscc && parseUscc(v.uscc).ok && v.uscc.slice(8, 17) !== r.code) {
        ctx.addIssue({ code: "custom", path: ["orgCode"], message: "组织机构代码与统一社会信用代码第9-17位不一致" });
      }
    }
  })
  .transform((v) => {
    const uscc = v.uscc ? (parseUscc(v.uscc) as { code: string }).code : "";
    const orgCode = v.orgCode ? (parseOrgCode(v.orgCode) as { code: string }).code : uscc ? uscc.slice(8, 17) : "";
    return { ...v, uscc, orgCode };
  });
export type OrganizationInput = z.input<typeof organizationSchema>;
export type OrganizationValues = z.output<typeof organizationSchema>;

export const updateOrganizationSchema = z.object({ id: idField, values: organizationSchema });
export const organizationStatusSchema = z.object({ id: idField, status: z.enum(["active", "disabled"]) });

const username = z
  .string()
  .trim()
  .min(3, "用户名至少3个字符")
  .max(30, "用户名不能超过30个字符")
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "用户名只能包含字母、数字、下划线、点和连字符");

export const createAccountSchema = z
  .object({
    organizationId: idField,
    username,
    displayName: requiredText("显示名称", 60),
    password: passwordRule,
    confirmPassword: z.string().min(1, "请再次输入密码"),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "两次输入的密码不一致" });
export type CreateAccountInput = z.input<typeof createAccountSchema>;

export const resetPasswordSchema = z
  .object({ userId: idField, password: passwordRule, confirmPassword: z.string().min(1, "请再次输入密码") })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "两次输入的密码不一致" });
export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;

export const accountStatusSchema = z.object({ userId: idField, status: z.enum(["active", "disabled"]) });
