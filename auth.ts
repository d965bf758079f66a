import NextAuth, { CredentialsSignin, type NextAuthConfig, type Session } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { cookies } from "next/headers";
import { and, eq, isNull, sql } from "drizzle-orm";
import { authConfig } from "@/auth.config";
import { db } from "@/db";
import { organizations, persons, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { CAPTCHA_COOKIE } from "@/lib/auth/captcha";
import { authenticate, type LoginFailure } from "@/lib/auth/login";
import { clientIp } from "@/lib/request-context";
import { decode, encode } from "@/lib/auth/session-jwt";
import { redeemSessionRenewal } from "@/lib/services/account";

class LoginRefused extends CredentialsSignin {
  constructor(reason: LoginFailure) {
    super(reason);
    this.code = reason;
  }
}

const providers: Provider[] = [
  Credentials({
    credentials: { mode: {}, username: {}, password: {}, captcha: {} },
    async authorize(credentials) {
      const mode = credentials.mode === "staff" ? "staff" : "hall";
      const result = await authenticate(db, {
        mode,
        username: String(credentials.username ?? ""),
        password: String(credentials.password ?? ""),
        captcha: String(credentials.captcha ?? ""),
        captchaId: (await cookies()).get(CAPTCHA_COOKIE)?.value,
        ip: await clientIp(),
      });
      if (!result.ok) throw new LoginRefused(result.reason);
      const u = result.user;
      return { id: String(u.id), name: u.displayName, role: u.role, sessionVersion: u.sessionVersion };
    },
  }),
];

// 网上办事大厅: any OIDC provider, configured only by environment variables.
export const hallEnabled = Boolean(process.env.AUTH_OIDC_ISSUER && process.env.AUTH_OIDC_ID);
if (hallEnabled) {
  providers.push({
    id: "hall",
    name: "网上办事大厅",
    type: "oidc",
    issuer: process.env.AUTH_OIDC_ISSUER,
    clientId: process.env.AUTH_OIDC_ID,
    clientSecret: process.env.AUTH_OIDC_SECRET,
  });
}

/** Why a service-hall identity was not let in; the sign-in page explains each (login?error=…). */
export const HALL_REFUSALS = {
  HallNoAccount: "未找到与网上办事大厅账号对应的用户，请先在本系统注册或联系注册中心。",
  HallTaken: "该账户已与另一个网上办事大厅账号关联，不能再次关联，请联系注册中心。",
} as const;
export type HallRefusal = keyof typeof HALL_REFUSALS;

/**
 * Links a service-hall identity to a local person or enterprise account: by the subject it was linked to before,
 * else by its ID number (person) or 统一社会信用代码 (enterprise), and then only when that account has no hall
 * identity yet (set atomically, so two subjects cannot both take it).
 */
export async function userForHallProfile(subject: string, profile: Record<string, unknown>): Promise<typeof users.$inferSelect | HallRefusal> {
  const [linked] = await db.select().from(users).where(eq(users.oidcSubject, subject)).limit(1);
  if (linked) return linked;
  const idNumber = typeof profile.id_number === "string" ? profile.id_number.trim().toUpperCase() : null;
  const uscc = typeof profile.uscc === "string" ? profile.uscc.trim().toUpperCase() : null;
  const [found] = idNumber
    ? await db.select({ u: users }).from(users).innerJoin(persons, eq(persons.id, users.personId)).where(and(eq(persons.idNumber, idNumber), eq(users.role, "person"))).limit(1)
    : uscc
      ? await db.select({ u: users }).from(users).innerJoin(organizations, eq(organizations.id, users.organizationId)).where(and(eq(organizations.uscc, uscc), eq(users.role, "enterprise"))).orderBy(users.id).limit(1)
      : [];
  if (!found) return "HallNoAccount";
  const [claimed] = await db
    .update(users)
    .set({ oidcSubject: subject })
    .where(and(eq(users.id, found.u.id), isNull(users.oidcSubject)))
    .returning();
  return claimed ?? "HallTaken";
}

const config = (): NextAuthConfig => ({
  ...authConfig,
  // The session cookie's codec with the derived key cached (lib/auth/session-jwt.ts); same format as Auth.js's.
  jwt: { encode, decode },
  providers,
  callbacks: {
    ...authConfig.callbacks,
    async signIn({ account, profile }) {
      if (account?.provider !== "hall") return true;
      const user = await userForHallProfile(String(account.providerAccountId), (profile ?? {}) as Record<string, unknown>);
      if (typeof user === "string") return `/login?error=${user}`;
      return user.status === "active" && (user.role === "person" || user.role === "enterprise");
    },
    async jwt(params) {
      const { token, account, trigger } = params;
      if (account?.provider === "hall") {
        const [u] = await db.select().from(users).where(eq(users.oidcSubject, String(account.providerAccountId))).limit(1);
        if (u) {
          token.uid = u.id;
          token.role = u.role;
          token.sv = u.sessionVersion;
          token.name = u.displayName;
          token.authAt = Math.floor(Date.now() / 1000);
          await writeAudit(db, { actor: u, ip: await clientIp(), action: "auth.sign_in", entityType: "user", entityId: u.id, summary: `${u.displayName} 通过网上办事大厅登录` });
        }
        return token;
      }
      const next = authConfig.callbacks.jwt(params);
      // Any browser can trigger an update (POST /api/auth/session): only the single-use value that the server's
      // own password change hands to unstable_update lets this session adopt the new version.
      const renew = (params.session as { renew?: unknown } | undefined)?.renew;
      if (next && trigger === "update" && next.uid && typeof renew === "string" && renew) {
        const sv = await redeemSessionRenewal(db, next.uid, renew);
        if (sv !== null) next.sv = sv;
      }
      return next;
    },
  },
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (!token?.uid) return;
      // Sign-out ends the session on the server too: a copy of this cookie dies with it (as do the account's
      // other sessions, which share the version). A session that is already stale changes nothing.
      const [u] = await db
        .update(users)
        .set({ sessionVersion: sql`${users.sessionVersion} + 1`, sessionRenewal: null })
        .where(and(eq(users.id, token.uid), eq(users.sessionVersion, token.sv ?? -1)))
        .returning({ id: users.id, displayName: users.displayName, role: users.role });
      if (u) await writeAudit(db, { actor: u, ip: await clientIp(), action: "auth.sign_out", entityType: "user", entityId: u.id, summary: `${u.displayName} 退出登录` });
    },
  },
});

export const { handlers, signIn, signOut, unstable_update } = NextAuth(config());

/**
 * The session as pages, server actions and route handlers read it (getCurrentUser). next-auth's auth() answers
 * by running Auth.js's session endpoint, which decrypts the cookie, runs the callbacks (the 12-hour absolute
 * limit included) and then encrypts a renewed cookie, which auth() called without arguments throws away: it
 * returns the session only, never the cookie. This is the same configuration with that last encryption left
 * out (the empty string is the discarded cookie's value). The session is renewed where the cookie does go back
 * to the browser: the proxy (pages) and /api/auth/session, both served by the full configuration above.
 * Only the no-argument form is offered: the wrapping forms (auth(handler), auth(req, res)) would send that
 * empty cookie to the browser.
 */
const reader = NextAuth({ ...config(), jwt: { encode: async () => "", decode } });
export const auth = (): Promise<Session | null> => reader.auth();
