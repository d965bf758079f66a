import { z } from "zod";
import { EDUCATION_LEVELS, mobilePhone, optionalOrgCode, optionalText, pastDate, requiredText } from "./common";

/** 个人信息维护 (manual 2.1.6). The ID number is not part of it: it cannot be changed here. */
export const personProfileSchema = z.object({
  name: requiredText("姓名", 30),
  phone: mobilePhone,
  email: z.union([z.literal(""), z.email("电子邮箱格式不正确")]).optional().default(""),
  education: z.enum(EDUCATION_LEVELS, { error: "请选择学历" }),
  address: optionalText("通讯地址", 100),
  employerName: requiredText("工作单位", 60),
  employerCode: optionalOrgCode,
  workStartDate: pastDate("参加工作时间"),
});

export type PersonProfileInput = z.input<typeof personProfileSchema>;
export type PersonProfile = z.output<typeof personProfileSchema>;
