import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { users } from "@/db/schema";

// auth() from auth.ts reads the session without encrypting the renewed cookie Auth.js would throw away. It must
// answer exactly as the full session endpoint (/api/auth/session, which does renew) for every kind of cookie.
vi.unmock("@/auth");
process.env.AUTH_SECRET ??= "test-secret-for-session-read-0123456789abc";
const secret = process.env.AUTH_SECRET;
const COOKIE = "authjs.session-token";
const ORIGIN = "http://localhost:3000";
const request = { cookie: "" };
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ cookie: request.cookie, host: "localhost:3000", "x-forwarded-proto": "http" }),
  cookies: async () => ({ get: () => undefined }),
}));
const { auth, handlers } = await import("@/auth");

async function account(username: string) {
  const [u] = await db.select().from(users).where(eq(users.username, username));
  return u;
}

async function both(cookie: string) {
  request.cookie = cookie;
  const read = await auth();
  const res = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/session`, { headers: { cookie } }));
  const full = (await res.json()) as Record<string, unknown> | null;
  return { read, full, renewed: res.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`)) };
}

const strip = (s: unknown) => {
  if (!s) return null;
  const { expires: _e, ...rest } = s as Record<string, unknown>;
  void _e;
  return rest;
};

describe("auth() reads the session as the session endpoint does", () => {
  it("a current session: the same user, role and session version; only the endpoint renews the cookie", async () => {
    const u = await account("zhangsan");
    const now = Math.floor(Date.now() / 1000);
    const cookie = `${COOKIE}=${await encode({ secret, salt: COOKIE, token: { uid: u.id, role: u.role, sv: u.sessionVersion, name: u.displayName, authAt: now } })}`;
    const { read, full, renewed } = await both(cookie);
    expect(read?.user?.id).toBe(String(u.id));
    expect(read?.user?.role).toBe(u.role);
    expect(read?.sv).toBe(u.sessionVersion);
    expect(strip(read)).toEqual(strip(full));
    expect(renewed).toMatch(new RegExp(`^${COOKIE}=[^;]{40,}`)); // the endpoint still renews
  });

  it("past the 12-hour absolute limit, altered, of another secret or absent: no session either way", async () => {
    const u = await account("zhangsan");
    const now = Math.floor(Date.now() / 1000);
    const token = { uid: u.id, role: u.role, sv: u.sessionVersion, name: u.displayName };
    const good = await encode({ secret, salt: COOKIE, token: { ...token, authAt: now } });
    const cases = {
      "13 hours after sign-in": `${COOKIE}=${await encode({ secret, salt: COOKIE, token: { ...token, authAt: now - 13 * 3600 } })}`,
      "no sign-in time": `${COOKIE}=${await encode({ secret, salt: COOKIE, token })}`,
      altered: `${COOKIE}=${good.slice(0, -6)}AAAAAA`,
      "another secret": `${COOKIE}=${await encode({ secret: "another-secret-0123456789-0123456789-abc", salt: COOKIE, token: { ...token, authAt: now } })}`,
      expired: `${COOKIE}=${await encode({ secret, salt: COOKIE, maxAge: -60, token: { ...token, authAt: now } })}`,
      none: "",
    };
    for (const [label, cookie] of Object.entries(cases)) {
      const { read, full } = await both(cookie);
      expect(read, label).toBeNull();
      expect(full, label).toBeNull();
    }
  });
});
