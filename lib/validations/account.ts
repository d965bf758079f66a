import { z } from "zod";

export const passwordRule = z
  .string()
  .min(8, "密码至少8位")
  .max(64, "密码不能超过64位")
  .regex(/[A-Za-z]/, "密码须包含字母")
  .regex(/\d/, "密码须包含数字");

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "请输入原密码"),
    newPassword: passwordRule,
    confirmPassword: z.string().min(1, "请再次输入新密码"),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "两次输入的新密码不一致" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "新密码不能与原密码相同" });

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
