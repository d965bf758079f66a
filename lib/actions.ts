import "server-only";
import { z } from "zod";
import { AccessDenied, ActionError, type FieldErrors } from "./errors";
import { isServiceUnavailable, SERVICE_UNAVAILABLE } from "./http/unavailable";
import { getCurrentUser } from "./auth/current-user";
import type { Role, SessionUser } from "./auth/roles";
import { findTextProblem } from "./validations/text-guard";

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; fieldErrors?: FieldErrors };

export { AccessDenied, ActionError, type FieldErrors };

export const NOT_SIGNED_IN = "登录已失效，请重新登录";
export const NO_PERMISSION = "无权执行此操作";

/**
 * Runs every mutation the same way: who is signed in and in which role, the zod parse (the same schema the
 * form uses), then the work; always answers with one result shape.
 */
export function defineAction<S extends z.ZodType, T>(
  opts: { roles: readonly Role[]; schema: S },
  run: (input: z.output<S>, user: SessionUser) => Promise<T | { data: T; message: string }>,
): (input: z.input<S> | FormData) => Promise<ActionResult<T>> {
  return async (raw) => {
    try {
      return await runAction(raw);
    } catch (e) {
      // The database restarting: the form says so and keeps what was typed; nothing was saved (one transaction).
      if (isServiceUnavailable(e)) return { ok: false, error: SERVICE_UNAVAILABLE };
      throw e;
    }
  };
  async function runAction(raw: z.input<S> | FormData): Promise<ActionResult<T>> {
    const user = await getCurrentUser();
    if (!user) return { ok: false, error: NOT_SIGNED_IN };
    if (!opts.roles.includes(user.role)) return { ok: false, error: NO_PERMISSION };
    const input = raw instanceof FormData ? formDataToObject(raw) : raw;
    // Before the schema (a 10 MB field is refused without being parsed) and after it (a JSON field decoded by the
    // schema may carry escaped control characters): one rule for every text of every form; see text-guard.ts.
    const bad = findTextProblem(input);
    if (bad) return refusedText(bad);
    const parsed = opts.schema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error);
    const badParsed = findTextProblem(parsed.data);
    if (badParsed) return refusedText(badParsed);
    try {
      const out = await run(parsed.data, user);
      if (out && typeof out === "object" && "message" in out && "data" in out) return { ok: true, data: out.data as T, message: out.message };
      return { ok: true, data: out as T };
    } catch (e) {
      if (e instanceof ActionError) return { ok: false, error: e.message, fieldErrors: e.fieldErrors };
      if (e instanceof AccessDenied) return { ok: false, error: e.message };
      throw e;
    }
  }
}

/**
 * A failed parse as an action result. The message is the first problem itself (each schema message names its
 * field and rule), so a caller that cannot mark a field (an inline cell, a dialog) still says what is wrong;
 * forms that mark their fields replace it (applyServerErrors).
 */
export function invalidInput(error: z.ZodError): { ok: false; error: string; fieldErrors: FieldErrors } {
  const flat = z.flattenError(error);
  const fieldErrors = flat.fieldErrors as FieldErrors;
  const first = flat.formErrors[0] ?? Object.values(fieldErrors).find((m) => m?.length)?.[0];
  return { ok: false, error: first ?? "提交的内容不完整，请检查后重试", fieldErrors };
}

/** A text refused by the rule of text-guard.ts, as an action result naming the field. */
export function refusedText({ path, problem }: { path: string[]; problem: string }): { ok: false; error: string; fieldErrors: FieldErrors } {
  return { ok: false, error: `提交的内容${problem}，请修改后重新提交`, fieldErrors: path.length ? { [path[0]]: [`${problem}，请修改`] } : {} };
}

/** FormData to a plain object; repeated keys become arrays, files stay File objects. */
export function formDataToObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of fd.entries()) {
    if (k.startsWith("$ACTION")) continue;
    if (k in out) out[k] = ([] as unknown[]).concat(out[k], v);
    else out[k] = v;
  }
  return out;
}
