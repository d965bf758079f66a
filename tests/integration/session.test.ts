import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { users } from "@/db/schema";

// This file tests the real getCurrentUser with a faked Auth.js session.
vi.unmock("@/lib/auth/current-user");
const session = vi.hoisted(() => ({ value: null as null | { user: { id: string }; sv?: number } }));
vi.mock("@/auth", () => ({ auth: async () => session.value }));
const { getCurrentUser } = await import("@/lib/auth/current-user");

async function account(username: string) {
  const [u] = await db.select().from(users).where(eq(users.username, username));
  return u;
}

describe("会话", () => {
  it("有效会话得到账户信息，不含密码散列", async () => {
    const u = await account("chengjian");
    session.value = { user: { id: String(u.id) }, sv: u.sessionVersion };
    const me = await getCurrentUser();
    expect(me).toEqual({ id: u.id, username: "chengjian", role: "enterprise", displayName: u.displayName, personId: null, organizationId: u.organizationId });
    expect(JSON.stringify(me)).not.toContain("argon2");
  });

  it("账户停用后，已有会话立即失效", async () => {
    const u = await account("zhuzong");
    session.value = { user: { id: String(u.id) }, sv: u.sessionVersion };
    await db.update(users).set({ status: "disabled" }).where(eq(users.id, u.id));
    expect(await getCurrentUser()).toBeNull();
  });

  it("密码修改后（会话版本变化），旧会话失效", async () => {
    const u = await account("peixun");
    session.value = { user: { id: String(u.id) }, sv: u.sessionVersion };
    await db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, u.id));
    expect(await getCurrentUser()).toBeNull();
  });

  it("未登录时为空", async () => {
    session.value = null;
    expect(await getCurrentUser()).toBeNull();
  });
});
