import { textProblem } from "./text-guard";

/**
 * What the sign-in form must hold before it is worth asking the server: an empty field is named, not answered
 * with 用户名或密码错误; a username with control or invisible characters, or a password longer than any account's
 * (the password rule allows 64), cannot sign anyone in and is refused at once, before the rate limit, the
 * password hash and the audit log (which would keep the typed name). Shared by the form (checked on submit) and
 * the login action.
 */
export type LoginMode = "hall" | "staff";

/** Far above the password rule's 64, so that no account's password is refused, and far below a 10 MB field. */
export const LOGIN_PASSWORD_MAX_CHARS = 1024;

export function missingLoginField(
  mode: LoginMode,
  v: { username: string; password: string },
): { field: "username" | "password"; message: string } | null {
  if (v.username.trim() === "") return { field: "username", message: mode === "hall" ? "请输入用户名或统一社会信用代码" : "请输入用户名" };
  const nameProblem = textProblem(v.username);
  if (nameProblem) return { field: "username", message: `${mode === "hall" ? "用户名或统一社会信用代码" : "用户名"}${nameProblem}，请重新输入` };
  if (v.password === "") return { field: "password", message: "请输入密码" };
  if (v.password.length > LOGIN_PASSWORD_MAX_CHARS) return { field: "password", message: "密码过长，请检查后重新输入" };
  return null;
}
