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
});
