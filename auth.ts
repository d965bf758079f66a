import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { cookies } from "next/headers";
import { and, eq } from "drizzle-orm";
import { authConfig } from "@/auth.config";
import { db } from "@/db";
import { organizations, persons, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { CAPTCHA_COOKIE } from "@/lib/auth/captcha";
import { authenticate, type LoginFailure } from "@/lib/auth/login";
import { clientIp } from "@/lib/request-context";

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

/** Links a service-hall identity to a local person or enterprise account (by subject, ID number or credit code). */
async function userForHallProfile(subject: string, profile: Record<string, unknown>) {
  const [linked] = await db.select().from(users).where(eq(users.oidcSubject, subject)).limit(1);
  if (linked) return linked;
  const idNumber = typeof profile.id_number === "string" ? profile.id_number.toUpperCase() : null;
  const uscc = typeof profile.uscc === "string" ? profile.uscc.toUpperCase() : null;
  const [found] = idNumber
    ? await db.select({ u: users }).from(users).innerJoin(persons, eq(persons.id, users.personId)).where(eq(persons.idNumber, idNumber)).limit(1)
    : uscc
      ? await db.select({ u: users }).from(users).innerJoin(organizations, eq(organizations.id, users.organizationId)).where(and(eq(organizations.uscc, uscc), eq(users.role, "enterprise"))).limit(1)
      : [];
  if (!found) return null;
  await db.update(users).set({ oidcSubject: subject }).where(eq(users.id, found.u.id));
  return found.u;
}

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth({
  ...authConfig,
  providers,
  callbacks: {
    ...authConfig.callbacks,
    async signIn({ account, profile }) {
      if (account?.provider !== "hall") return true;
      const user = await userForHallProfile(String(account.providerAccountId), (profile ?? {}) as Record<string, unknown>);
      return Boolean(user && user.status === "active" && (user.role === "person" || user.role === "enterprise"));
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
          await writeAudit(db, { actor: u, ip: await clientIp(), action: "auth.sign_in", entityType: "user", entityId: u.id, summary: `${u.displayName} 通过网上办事大厅登录` });
        }
        return token;
      }
      // After this session changed its own password, adopt the new version from the database (never from the client).
      if (trigger === "update" && token.uid) {
        const [u] = await db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, token.uid)).limit(1);
        if (u) token.sv = u.sv;
        return token;
      }
      return authConfig.callbacks.jwt(params);
    },
  },
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (!token?.uid) return;
      const [u] = await db.select({ id: users.id, displayName: users.displayName, role: users.role }).from(users).where(eq(users.id, token.uid)).limit(1);
      if (u) await writeAudit(db, { actor: u, ip: await clientIp(), action: "auth.sign_out", entityType: "user", entityId: u.id, summary: `${u.displayName} 退出登录` });
    },
  },
});
