"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/auth";
import { LOGIN_MESSAGES, type LoginFailure } from "@/lib/auth/login";
import { isServiceUnavailable, SERVICE_UNAVAILABLE } from "@/lib/http/unavailable";
import { missingLoginField } from "@/lib/validations/login";

/** `username` comes back so the form (which React resets after an action) keeps what was typed. */
export type LoginState = { error?: string; field?: "captcha" | "credentials" | "username" | "password"; at?: number; username?: string };

function safeRedirect(value: FormDataEntryValue | null) {
  const s = typeof value === "string" ? value : "";
  return s.startsWith("/") && !s.startsWith("//") ? s : "/";
}

export async function login(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const mode = formData.get("mode") === "staff" ? "staff" : "hall";
  const username = String(formData.get("username") ?? "").slice(0, 64);
  const missing = missingLoginField(mode, { username, password: String(formData.get("password") ?? "") });
  if (missing) return { error: missing.message, field: missing.field, at: Date.now(), username };
  try {
    await signIn("credentials", {
      mode,
      username,
      password: String(formData.get("password") ?? ""),
      captcha: String(formData.get("captcha") ?? ""),
      redirectTo: safeRedirect(formData.get("callbackUrl")),
    });
    return {};
  } catch (e) {
    if (e instanceof CredentialsSignin) {
      const reason = (e.code in LOGIN_MESSAGES ? e.code : "credentials") as LoginFailure;
      return { error: LOGIN_MESSAGES[reason], field: reason === "captcha" ? "captcha" : "credentials", at: Date.now(), username };
    }
    if (e instanceof AuthError) {
      // The database restarting while signing in: say so, rather than a bare failure.
      const error = isServiceUnavailable(e.cause?.err) ? SERVICE_UNAVAILABLE : "登录失败，请稍后再试";
      return { error, at: Date.now(), username };
    }
    throw e; // the redirect after a successful sign-in
  }
}

export async function loginWithHall(formData: FormData) {
  await signIn("hall", { redirectTo: safeRedirect(formData.get("callbackUrl")) });
}
