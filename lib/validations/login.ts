/**
 * What the sign-in form must hold before it is worth asking the server: an empty field is named, not answered
 * with 用户名或密码错误. Shared by the form (checked on submit) and the login action.
 */
export type LoginMode = "hall" | "staff";

export function missingLoginField(
  mode: LoginMode,
  v: { username: string; password: string },
): { field: "username" | "password"; message: string } | null {
  if (v.username.trim() === "") return { field: "username", message: mode === "hall" ? "请输入用户名或统一社会信用代码" : "请输入用户名" };
  if (v.password === "") return { field: "password", message: "请输入密码" };
  return null;
}
