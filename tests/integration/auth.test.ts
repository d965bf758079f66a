import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLogs, captchas, users } from "@/db/schema";
import { createCaptcha } from "@/lib/auth/captcha";
import { authenticate, MAX_FAILED_LOGINS } from "@/lib/auth/login";
import { makeUscc } from "@/lib/identity/org-code";

async function freshCaptcha() {
  const { id } = await createCaptcha(db);
  const [row] = await db.select({ answer: captchas.answer }).from(captchas).where(eq(captchas.id, id));
  return { id, answer: row.answer };
}

describe("登录", () => {
  it("从业人员用本地账号登录成功，并写入操作日志（含IP）", async () => {
    const r = await authenticate(db, { mode: "hall", username: "zhangsan", password: "Demo@2026", ip: "10.1.2.3" });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.user.role).toBe("person");
    const [log] = await db.select().from(auditLogs).where(eq(auditLogs.action, "auth.sign_in")).orderBy(sql`id desc`).limit(1);
    expect(log.summary).toContain("张三");
    expect(log.ip).toBe("10.1.2.3");
  });

  it("企业可用统一社会信用代码或组织机构代码登录", async () => {
    const uscc = makeUscc("10110001");
    const byUscc = await authenticate(db, { mode: "hall", username: uscc, password: "Demo@2026", ip: null });
    expect(byUscc.ok && byUscc.user.username).toBe("chengjian");
    const orgCode = `${uscc.slice(8, 16)}-${uscc.slice(16, 17)}`;
    const byOrg = await authenticate(db, { mode: "hall", username: orgCode, password: "Demo@2026", ip: null });
    expect(byOrg.ok && byOrg.user.username).toBe("chengjian");
  });

  it("注册中心：验证码错误时在校验密码之前拒绝，且验证码只能使用一次", async () => {
    const c = await freshCaptcha();
    const wrong = c.answer === "0000" ? "1111" : "0000";
    const r = await authenticate(db, { mode: "staff", username: "admin", password: "wrong-password", captchaId: c.id, captcha: wrong, ip: null });
    expect(r).toEqual({ ok: false, reason: "captcha" });
    // The wrong password was never checked: no failure counted against the account.
    const [admin] = await db.select({ f: users.failedLoginCount }).from(users).where(eq(users.username, "admin"));
    expect(admin.f).toBe(0);
    // The same captcha cannot be tried again, even with the right answer.
    const again = await authenticate(db, { mode: "staff", username: "admin", password: "Admin@2026", captchaId: c.id, captcha: c.answer, ip: null });
    expect(again).toEqual({ ok: false, reason: "captcha" });
  });

  it("注册中心：过期的验证码被拒绝", async () => {
    const c = await freshCaptcha();
    await db.update(captchas).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(captchas.id, c.id));
    const r = await authenticate(db, { mode: "staff", username: "admin", password: "Admin@2026", captchaId: c.id, captcha: c.answer, ip: null });
    expect(r).toEqual({ ok: false, reason: "captcha" });
  });

  it("注册中心：正确的验证码和密码可以登录", async () => {
    const c = await freshCaptcha();
    const r = await authenticate(db, { mode: "staff", username: "admin", password: "Admin@2026", captchaId: c.id, captcha: c.answer, ip: null });
    expect(r.ok && r.user.role).toBe("admin");
  });

  it("培训机构账号不能从从业人员/企业入口绕过验证码登录", async () => {
    const r = await authenticate(db, { mode: "hall", username: "peixun", password: "Demo@2026", ip: null });
    expect(r).toEqual({ ok: false, reason: "credentials" });
    const admin = await authenticate(db, { mode: "hall", username: "admin", password: "Admin@2026", ip: null });
    expect(admin).toEqual({ ok: false, reason: "credentials" });
  });

  it(`连续 ${MAX_FAILED_LOGINS} 次密码错误后账户锁定，锁定期间正确密码也不能登录`, async () => {
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
      expect(await authenticate(db, { mode: "hall", username: "zhuzong", password: "bad", ip: null })).toEqual({ ok: false, reason: "credentials" });
    }
    expect(await authenticate(db, { mode: "hall", username: "zhuzong", password: "bad", ip: null })).toEqual({ ok: false, reason: "locked" });
    expect(await authenticate(db, { mode: "hall", username: "zhuzong", password: "Demo@2026", ip: null })).toEqual({ ok: false, reason: "locked" });
    await db.update(users).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(users.username, "zhuzong"));
    expect((await authenticate(db, { mode: "hall", username: "zhuzong", password: "Demo@2026", ip: null })).ok).toBe(true);
  });

  it("停用的账户不能登录", async () => {
    await db.update(users).set({ status: "disabled" }).where(eq(users.username, "zhangsan"));
    expect(await authenticate(db, { mode: "hall", username: "zhangsan", password: "Demo@2026", ip: null })).toEqual({ ok: false, reason: "credentials" });
    await db.update(users).set({ status: "active" }).where(eq(users.username, "zhangsan"));
  });

  it("同一IP尝试次数过多时被限流", async () => {
    let last;
    for (let i = 0; i < 31; i++) last = await authenticate(db, { mode: "hall", username: `nobody${i}`, password: "x", ip: "10.9.9.9" });
    expect(last).toEqual({ ok: false, reason: "rate_limited" });
  });
});
