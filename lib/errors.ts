/**
 * Errors the domain code throws. They import nothing, so services, batch jobs and scripts can throw them
 * without pulling in the web framework; `defineAction` and the pages translate them into answers.
 */

export type FieldErrors = Record<string, string[] | undefined>;

/** A refusal a user can act on: shown beside the form, or beside a field when `fieldErrors` names it. */
export class ActionError extends Error {
  constructor(
    message: string,
    public fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "ActionError";
  }
}

/** The record is not the caller's to touch; pages and actions answer as if it did not exist (403). */
export class AccessDenied extends Error {
  constructor(message = "无权访问该记录") {
    super(message);
    this.name = "AccessDenied";
  }
}

/**
 * Whether a database error (or one it wraps: Drizzle puts the driver's error in `cause`) is a unique-key
 * violation, of `constraint` when given. Lets services turn a lost race into a clear message.
 */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 4; depth++) {
    const c = cur as { code?: string; constraint_name?: string; constraint?: string; cause?: unknown };
    if (c.code === "23505") return !constraint || c.constraint_name === constraint || c.constraint === constraint;
    cur = c.cause;
  }
  return false;
}
