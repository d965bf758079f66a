import { z } from "zod";
import { parseOrgIdentifier } from "@/lib/identity/org-code";
import { beijingDate } from "@/lib/time";

export const EDUCATION_LEVELS = ["初中及以下", "高中", "中专", "大专", "本科", "硕士", "博士"] as const;

export const requiredText = (label: string, max = 50) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过${max}个字`);

export const optionalText = (label: string, max = 200) =>
  z.string().trim().max(max, `${label}不能超过${max}个字`).optional().default("");

export const mobilePhone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, "请输入11位手机号码");

export const pastDate = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `请选择${label}`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 年-月-日`)
    .refine((v) => !Number.isNaN(Date.parse(v)), `${label}不是有效日期`)
    .refine((v) => v <= beijingDate(), `${label}不能晚于今天`);

/** 组织机构代码 or 统一社会信用代码, optional; normalised to the form the database stores. */
export const optionalOrgCode = z
  .string()
  .trim()
  .optional()
  .default("")
  .superRefine((v, ctx) => {
    if (!v) return;
    const r = parseOrgIdentifier(v);
    if (!r.ok) ctx.addIssue({ code: "custom", message: r.error });
  })
  .transform((v) => {
    if (!v) return "";
    const r = parseOrgIdentifier(v);
    return r.ok ? r.code : v;
  });
