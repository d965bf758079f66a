import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { auditLogs, users } from "@/db/schema";
import { makeUscc } from "@/lib/identity/org-code";

// The real password check, with a hook that runs after the password was checked and before the verdict is used:
// it lets a test put another attempt's write exactly between the two (a "late writer").
const hook = vi.hoisted(() => ({ afterVerify: null as null | (() => Promise<void>) }));
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/password")>();
  return {
    ...real,
    verifyPassword: async (h: string | null | undefined, p: string) => {
      const ok = await real.verifyPassword(h, p);
      const run = hook.afterVerify;
      hook.afterVerify = null;
      if (run) await run();
      return ok;
    },
  };
});
const { authenticate, FAILURE_DELAY_MS, MAX_FAILED_LOGINS } = await import("@/lib/auth/login");

async function state(username: string) {
  const [u] = await db.select({ f: users.failedLoginCount, lockedUntil: users.lockedUntil }).from(users).where(eq(users.username, username));
  return u;
}

describe("登录失败锁定", () => {
  it(`同时发起 ${MAX_FAILED_LOGINS} 次错误密码，全部计数，账户被锁定`, async () => {
    const attempts = Array.from({ length: MAX_FAILED_LOGINS }, () =>
      authenticate(db, { mode: "hall", username: "zhangsan", password: "wrong-password", ip: null }),
    );
    const results = await Promise.all(attempts);
    expect(results.filter((r) => !r.ok && r.reason === "locked")).toHaveLength(1);
    expect((await state("zhangsan")).lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    const right = await authenticate(db, { mode: "hall", username: "zhangsan", password: "Demo@2026", ip: null });
    expect(right).toEqual({ ok: false, reason: "locked" });
  });

  it("用户名大小写、统一社会信用代码、组织机构代码是同一账户，错误次数合并计算", async () => {
    const uscc = makeUscc("10110001");
    const orgCode = `${uscc.slice(8, 16)}-${uscc.slice(16, 17)}`;
    const aliases = ["chengjian", "CHENGJIAN", "ChengJian", uscc, orgCode];
    await Promise.all(aliases.map((username) => authenticate(db, { mode: "hall", username, password: "wrong-password", ip: null })));
    expect((await state("chengjian")).lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    for (const username of aliases) {
      expect(await authenticate(db, { mode: "hall", username, password: "Demo@2026", ip: null })).toEqual({ ok: false, reason: "locked" });
    }
  });

  it("较晚完成的登录尝试不能解除其间产生的锁定", async () => {
    const until = new Date(Date.now() + 15 * 60_000);
    // A correct password: while it is being checked, parallel failures lock the account.
    hook.afterVerify = async () => {
      await db.update(users).set({ failedLoginCount: 0, lockedUntil: until }).where(eq(users.username, "zhuzong"));
    };
    const late = await authenticate(db, { mode: "hall", username: "zhuzong", password: "Demo@2026", ip: null });
    expect(late).toEqual({ ok: false, reason: "locked" });
    expect((await state("zhuzong")).lockedUntil?.getTime()).toBe(until.getTime());

    // A wrong password finishing late must not write back the lock time it read before.
    await db.update(users).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(users.username, "zhuzong"));
    hook.afterVerify = async () => {
      await db.update(users).set({ failedLoginCount: 0, lockedUntil: until }).where(eq(users.username, "zhuzong"));
    };
    await authenticate(db, { mode: "hall", username: "zhuzong", password: "wrong-password", ip: null });
    expect((await state("zhuzong")).lockedUntil?.getTime()).toBe(until.getTime());
  });

  it("不存在的账户与存在的账户一样被延迟（不暴露哪些用户名存在）", async () => {
    const t0 = performance.now();
    const r = await authenticate(db, { mode: "hall", username: "no-such-user-xyz", password: "whatever", ip: null });
    expect(r).toEqual({ ok: false, reason: "credentials" });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(FAILURE_DELAY_MS);
  });

  it("登录失败的日志中用户名被遮盖（可能误输入了密码）", async () => {
    await authenticate(db, { mode: "hall", username: "MySecretPass!2026", password: "x", ip: null });
    const [log] = await db.select().from(auditLogs).where(eq(auditLogs.action, "auth.sign_in_failed")).orderBy(sql`id desc`).limit(1);
    expect(log.summary).not.toContain("MySecretPass!2026");
    expect(log.summary).not.toContain("SecretPass");
    expect(log.summary).toMatch(/My\*+26/);
  });
});
