import { describe, expect, it } from "vitest";
import { missingLoginField } from "./login";

describe("登录：空提交", () => {
  it("从业人员 / 企业 未填用户名时提示输入用户名，而不是“用户名或密码错误”", () => {
    expect(missingLoginField("hall", { username: " ", password: "" })).toEqual({ field: "username", message: "请输入用户名或统一社会信用代码" });
    expect(missingLoginField("staff", { username: "", password: "x" })).toEqual({ field: "username", message: "请输入用户名" });
  });
  it("未填密码时提示输入密码", () => {
    expect(missingLoginField("hall", { username: "zhangsan", password: "" })).toEqual({ field: "password", message: "请输入密码" });
    expect(missingLoginField("hall", { username: "zhangsan", password: "Demo@2026" })).toBeNull();
  });
  it("用户名含控制字符、零宽字符或无效字符，或密码长达 10 MB：立即拒绝并说明，不去核对账户", () => {
    expect(missingLoginField("hall", { username: "zhang\u0000san", password: "x" })).toEqual({ field: "username", message: "用户名或统一社会信用代码含有控制字符，请重新输入" });
    expect(missingLoginField("staff", { username: "ad\u200bmin", password: "x" })).toEqual({ field: "username", message: "用户名含有不可见的格式字符（零宽字符或文字方向控制符），请重新输入" });
    expect(missingLoginField("staff", { username: "ad\ufffdmin", password: "x" })?.field).toBe("username");
    expect(missingLoginField("hall", { username: "zhangsan", password: "a".repeat(10 * 1024 * 1024) })).toEqual({ field: "password", message: "密码过长，请检查后重新输入" });
    expect(missingLoginField("hall", { username: "zhangsan", password: "a".repeat(64) })).toBeNull();
  });
});
