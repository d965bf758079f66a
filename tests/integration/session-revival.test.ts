import { eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { decode, encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { users } from "@/db/schema";

// This file drives the real Auth.js handlers of auth.ts, as a browser would with a copied cookie.
vi.unmock("@/auth");
process.env.AUTH_SECRET ??= "test-secret-for-session-revival-0123456789";
const secret = process.env.AUTH_SECRET;
const COOKIE = "authjs.session-token";
const ORIGIN = "http://localhost:3000";
const { handlers } = await import("@/auth");

async function account(username: string) {
  const [u] = await db.select().from(users).where(eq(users.username, username));
  return u;
}

/** A session cookie as the sign-in made it (authAt: the moment of sign-in, in seconds). */
async function cookieFor(u: typeof users.$inferSelect, authAt = Math.floor(Date.now() / 1000)) {
  return encode({ secret, salt: COOKIE, token: { uid: u.id, role: u.role, sv: u.sessionVersion, name: u.displayName, authAt } });
}

function sessionCookieOf(res: Response): string | null | undefined {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const [name, value] = [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)];
    if (name === COOKIE) return value || null; // "" = deleted
  }
  return undefined; // not touched
}

/** GET /api/auth/csrf, then POST /api/auth/session with the given cookie and data (what any client can send). */
async function postSession(cookie: string, data: unknown) {
  const csrfRes = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/csrf`, { headers: { cookie: `${COOKIE}=${cookie}` } }));
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers.getSetCookie().find((c) => c.startsWith("authjs.csrf-token="))!.split(";")[0];
  return handlers.POST(
    new NextRequest(`${ORIGIN}/api/auth/session`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `${COOKIE}=${cookie}; ${csrfCookie}` },
      body: JSON.stringify({ csrfToken, data }),
    }),
  );
}

async function versionInCookie(cookie: string | null | undefined) {
  if (!cookie) return null;
  const t = await decode({ secret, salt: COOKIE, token: cookie });
  return t?.sv ?? null;
}

describe("会话吊销", () => {
  beforeAll(() => {
    expect(secret).toBeTruthy();
  });

  it("修改密码后，被盗的旧会话不能通过 POST /api/auth/session 复活", async () => {
    const u = await account("chengjian");
    const stolen = await cookieFor(u);
    // The owner changes the password elsewhere: every other session must end.
    await db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, u.id));
    const current = (await account("chengjian")).sessionVersion;

    for (const data of [{}, { renew: "guess" }, { sv: current }]) {
      const res = await postSession(stolen, data);
      const sv = await versionInCookie(sessionCookieOf(res));
      expect(sv).not.toBe(current);
    }
  });

  it("只有服务器修改密码时发出的一次性凭据能让本会话沿用新版本", async () => {
    const { issueSessionRenewal } = await import("@/lib/services/account");
    const u = await account("zhuzong");
    const mine = await cookieFor(u);
    const nonce = await db.transaction((tx) => issueSessionRenewal(tx, u.id));
    const current = (await account("zhuzong")).sessionVersion;
    expect(current).toBe(u.sessionVersion + 1);

    const renewed = sessionCookieOf(await postSession(mine, { renew: nonce }));
    expect(await versionInCookie(renewed)).toBe(current);
    // Single use: a second session presenting the same value gets nothing.
    const again = sessionCookieOf(await postSession(await cookieFor(u), { renew: nonce }));
    expect(await versionInCookie(again)).not.toBe(current);
  });

  it("会话有绝对期限：登录超过 12 小时后，即使一直在用也失效", async () => {
    const u = await account("peixun");
    const old = await cookieFor(u, Math.floor(Date.now() / 1000) - 13 * 3600);
    const res = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/session`, { headers: { cookie: `${COOKIE}=${old}` } }));
    expect(await res.json()).toBeNull();
    const fresh = await cookieFor(u);
    const ok = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/session`, { headers: { cookie: `${COOKIE}=${fresh}` } }));
    expect(((await ok.json()) as { user?: { id: string } }).user?.id).toBe(String(u.id));
  });

  it("退出登录在服务器端结束会话：复制的 Cookie 随之失效", async () => {
    const u = await account("peixun");
    const cookie = await cookieFor(u);
    const csrfRes = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/csrf`, { headers: { cookie: `${COOKIE}=${cookie}` } }));
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    const csrfCookie = csrfRes.headers.getSetCookie().find((c) => c.startsWith("authjs.csrf-token="))!.split(";")[0];
    await handlers.POST(
      new NextRequest(`${ORIGIN}/api/auth/signout`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${COOKIE}=${cookie}; ${csrfCookie}` },
        body: new URLSearchParams({ csrfToken }).toString(),
      }),
    );
    expect((await account("peixun")).sessionVersion).toBe(u.sessionVersion + 1);
  });
});
