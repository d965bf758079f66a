import "server-only";
import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { organizations, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { parseOrgIdentifier } from "@/lib/identity/org-code";
import { hitRateLimit } from "@/lib/rate-limit";
import { consumeCaptcha } from "./captcha";
import { verifyPassword } from "./password";
import type { Role, SessionUser } from "./roles";

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
const IP_LIMIT = 30; // attempts per IP per 10 minutes, across accounts
/**
 * Every refused password (known account, unknown account, locked account) waits this long, so neither the
 * time nor a growing delay tells which usernames exist.
 */
export const FAILURE_DELAY_MS = 400;

/** What was typed as the username, masked for the audit log: people sometimes type their password there. */
export function maskTyped(value: string): string {
  const chars = Array.from(value.slice(0, 64));
  if (chars.length <= 4) return "*".repeat(chars.length);
  return `${chars.slice(0, 2).join("")}${"*".repeat(Math.min(chars.length - 4, 12))}${chars.slice(-2).join("")}`;
}

const pause = () => new Promise((r) => setTimeout(r, FAILURE_DELAY_MS));

export type LoginMode = "hall" | "staff";
export type LoginInput = {
  mode: LoginMode;
  username: string;
  password: string;
  captchaId?: string;
  captcha?: string;
  ip: string | null;
};
export type LoginFailure = "captcha" | "credentials" | "locked" | "rate_limited";
export type LoginResult = { ok: true; user: SessionUser & { sessionVersion: number } } | { ok: false; reason: LoginFailure };

export const LOGIN_MESSAGES: Record<LoginFailure, string> = {
  captcha: "验证码错误或已过期，请重新输入",
  credentials: "用户名或密码错误",
  locked: `登录失败次数过多，账户已锁定，请${LOCK_MINUTES}分钟后再试`,
  rate_limited: "尝试次数过多，请稍后再试",
};

const MODE_ROLES: Record<LoginMode, Role[]> = {
  hall: ["person", "enterprise"],
  staff: ["trainer", "admin"],
};

async function findAccount(db: DbOrTx, mode: LoginMode, login: string) {
  const cols = {
    id: users.id,
    username: users.username,
    role: users.role,
    displayName: users.displayName,
    personId: users.personId,
    organizationId: users.organizationId,
    passwordHash: users.passwordHash,
    status: users.status,
    sessionVersion: users.sessionVersion,
    failedLoginCount: users.failedLoginCount,
    lockedUntil: users.lockedUntil,
  };
  const [byName] = await db.select(cols).from(users).where(eq(sql`lower(${users.username})`, login.toLowerCase())).limit(1);
  if (byName) return byName;
  // 企业 may also sign in with its 统一社会信用代码 or 组织机构代码.
  if (mode !== "hall") return undefined;
  const org = parseOrgIdentifier(login);
  if (!org.ok) return undefined;
  const codeMatch = org.kind === "uscc" ? eq(organizations.uscc, org.code) : eq(organizations.orgCode, org.orgCode);
  const [byOrg] = await db
    .select(cols)
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(codeMatch, eq(users.role, "enterprise")))
    .orderBy(users.id)
    .limit(1);
  return byOrg;
}

/**
 * The whole sign-in check: per-IP limit, captcha (staff form) before anything else, account lock,
 * password, then the failure counter. Every outcome is written to the audit log.
 */
export async function authenticate(db: DbOrTx, input: LoginInput): Promise<LoginResult> {
  const login = input.username.trim();
  const fail = async (reason: LoginFailure, account?: { id: number; displayName: string; role: Role }) => {
    await writeAudit(db, {
      actor: account ?? null,
      ip: input.ip,
      action: "auth.sign_in_failed",
      entityType: "user",
      entityId: account?.id,
      summary: `登录失败（${LOGIN_MESSAGES[reason]}）：${maskTyped(login)}`,
    });
    return { ok: false as const, reason };
  };

  if (input.ip && !(await hitRateLimit(db, `login-ip:${input.ip}`, IP_LIMIT, 600))) return fail("rate_limited");

  if (input.mode === "staff") {
    const verdict = await consumeCaptcha(db, input.captchaId, input.captcha ?? "");
    if (verdict !== "ok") return fail("captcha");
  }

  const account = login ? await findAccount(db, input.mode, login) : undefined;
  if (!account || !MODE_ROLES[input.mode].includes(account.role) || account.status !== "active") {
    await verifyPassword(null, input.password); // same cost as a real check
    await pause();
    return fail("credentials", account && MODE_ROLES[input.mode].includes(account.role) ? account : undefined);
  }
  if (account.lockedUntil && account.lockedUntil > new Date()) {
    await pause();
    return fail("locked", account);
  }

  // The counter and the lock change in one statement on the row, never from what this attempt read earlier:
  // parallel attempts each count (under every alias: they all lead to this row), and one finishing late can
  // neither clear nor shorten a lock set meanwhile.
  if (!(await verifyPassword(account.passwordHash, input.password))) {
    const reachesLimit = sql`${users.failedLoginCount} + 1 >= ${MAX_FAILED_LOGINS}`;
    const [after] = await db
      .update(users)
      .set({
        failedLoginCount: sql`case when ${reachesLimit} then 0 else ${users.failedLoginCount} + 1 end`,
        lockedUntil: sql`case when ${reachesLimit} then now() + make_interval(mins => ${LOCK_MINUTES}) else ${users.lockedUntil} end`,
      })
      .where(eq(users.id, account.id))
      .returning({ locked: sql<boolean>`coalesce(${users.lockedUntil} > now(), false)` });
    await pause();
    return fail(after?.locked ? "locked" : "credentials", account);
  }

  const [signedIn] = await db
    .update(users)
    .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() })
    .where(and(eq(users.id, account.id), eq(users.status, "active"), or(isNull(users.lockedUntil), lte(users.lockedUntil, sql`now()`))))
    .returning({ id: users.id });
  if (!signedIn) {
    await pause();
    return fail("locked", account);
  }
  await writeAudit(db, {
    actor: account,
    ip: input.ip,
    action: "auth.sign_in",
    entityType: "user",
    entityId: account.id,
    summary: `${account.displayName} 登录`,
  });
  const { passwordHash: _h, status: _s, failedLoginCount: _f, lockedUntil: _l, ...user } = account;
  void _h; void _s; void _f; void _l;
  return { ok: true, user };
}
