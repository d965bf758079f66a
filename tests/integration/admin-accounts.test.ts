import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { auditLogs, organizations, users } from "@/db/schema";
import { NO_PERMISSION } from "@/lib/actions";
import { authenticate } from "@/lib/auth/login";
import { makeUscc } from "@/lib/identity/org-code";
import { searchAudit } from "@/lib/queries/admin/audit";
import { dashboard } from "@/lib/queries/admin/dashboard";
import { listAccounts } from "@/lib/queries/admin/registry";
import { beijingDate } from "@/lib/time";
import { accountStatusAction, resetPasswordAction } from "@/app/(app)/admin/accounts/actions";
import { createAccountAction, createOrganizationAction, organizationStatusAction, updateOrganizationAction } from "@/app/(app)/admin/organizations/actions";
import { createRoomAction, createVenueAction, deleteRoomAction, retireVenueAction, updateVenueAction } from "@/app/(app)/admin/venues/actions";
import { actAs } from "../support/users";

// The real getCurrentUser, over a session we control, to show that a disabled account is signed out at once.
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; role: string }; sv?: number } }));
vi.mock("@/auth", () => ({
  auth: async () => session.current,
  signIn: async () => {},
  signOut: async () => {},
  unstable_update: async () => null,
  hallEnabled: false,
  handlers: {},
}));

const org = (over: Record<string, string> = {}) => ({
  kind: "enterprise" as const,
  name: "北京测试建筑工程有限公司",
  uscc: makeUscc("30110001"),
  orgCode: "",
  contactName: "刘工",
  contactPhone: "010-66001234",
  address: "北京市西城区",
  ...over,
});

describe("机构登记", () => {
  it("登记企业：统一社会信用代码校验，组织机构代码自动取第9-17位", async () => {
    await actAs("admin");
    const r = await createOrganizationAction(org());
    expect(r.ok).toBe(true);
    const [row] = await db.select().from(organizations).where(eq(organizations.id, r.ok ? r.data.id : 0));
    expect([row.uscc, row.orgCode]).toEqual([makeUscc("30110001"), makeUscc("30110001").slice(8, 17)]);
  });

  it("统一社会信用代码校验位错误、与组织机构代码不一致、已登记的都被拒绝", async () => {
    await actAs("admin");
    const good = makeUscc("30220002");
    const bad = good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
    expect(await createOrganizationAction(org({ uscc: bad }))).toMatchObject({ ok: false, fieldErrors: { uscc: ["统一社会信用代码校验位错误"] } });
    expect(await createOrganizationAction(org({ uscc: good, orgCode: makeUscc("30330003").slice(8, 17) }))).toMatchObject({
      ok: false,
      fieldErrors: { orgCode: ["组织机构代码与统一社会信用代码第9-17位不一致"] },
    });
    expect(await createOrganizationAction(org({ uscc: "", orgCode: "" }))).toMatchObject({ ok: false, fieldErrors: { uscc: ["请填写统一社会信用代码或组织机构代码"] } });
    const seeded = makeUscc("10110001");
    const dup = await createOrganizationAction(org({ uscc: seeded }));
    expect(dup).toMatchObject({ ok: false, fieldErrors: { uscc: ["已登记为“北京城建建设工程有限公司”"] } });
  });

  it("只有组织机构代码的培训机构也可以登记，修改信息写入前后值", async () => {
    await actAs("admin");
    const code = makeUscc("30440004").slice(8, 17);
    const r = await createOrganizationAction(org({ kind: "trainer", name: "测试培训学校", uscc: "", orgCode: `${code.slice(0, 8)}-${code[8]}` }));
    expect(r.ok).toBe(true);
    const id = r.ok ? r.data.id : 0;
    const u = await updateOrganizationAction({ id, values: org({ kind: "trainer", name: "测试培训学校（更名）", uscc: "", orgCode: code }) });
    expect(u.ok).toBe(true);
    const [log] = await db.select().from(auditLogs).where(and(eq(auditLogs.action, "organization.updated"), eq(auditLogs.entityId, String(id))));
    expect((log.before as { name: string }).name).toBe("测试培训学校");
    expect((log.after as { name: string }).name).toBe("测试培训学校（更名）");
  });
});

describe("账号", () => {
  it("为机构新建账号（角色随机构类型），可以用新账号登录", async () => {
    await actAs("admin");
    const o = await createOrganizationAction(org({ name: "账号测试企业", uscc: makeUscc("30550005") }));
    const orgId = o.ok ? o.data.id : 0;
    const r = await createAccountAction({ organizationId: orgId, username: "ceshiqiye", displayName: "账号测试企业", password: "Start@2026", confirmPassword: "Start@2026" });
    expect(r.ok).toBe(true);
    const [u] = await db.select().from(users).where(eq(users.username, "ceshiqiye"));
    expect([u.role, u.organizationId]).toEqual(["enterprise", orgId]);
    expect(u.passwordHash).toMatch(/^\$argon2id\$/);
    const login = await authenticate(db, { mode: "hall", username: "ceshiqiye", password: "Start@2026", ip: null });
    expect(login.ok).toBe(true);
    const taken = await createAccountAction({ organizationId: orgId, username: "CESHIQIYE", displayName: "x", password: "Start@2026", confirmPassword: "Start@2026" });
    expect(taken).toMatchObject({ ok: false, fieldErrors: { username: ["用户名已被使用"] } });
    // The list never carries password hashes.
    const list = await listAccounts(db, { orgId }, 1);
    expect(Object.keys(list.rows[0])).not.toContain("passwordHash");
  });

  it("重置密码：新密码立即生效，原密码失效，已有登录全部退出", async () => {
    await actAs("admin");
    const [before] = await db.select().from(users).where(eq(users.username, "zhuzong"));
    const r = await resetPasswordAction({ userId: before.id, password: "Reset@2026", confirmPassword: "Reset@2026" });
    expect(r.ok).toBe(true);
    const [after] = await db.select().from(users).where(eq(users.id, before.id));
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect((await authenticate(db, { mode: "hall", username: "zhuzong", password: "Demo@2026", ip: null })).ok).toBe(false);
    expect((await authenticate(db, { mode: "hall", username: "zhuzong", password: "Reset@2026", ip: null })).ok).toBe(true);
    const [admin] = await db.select().from(users).where(eq(users.username, "admin"));
    expect(await resetPasswordAction({ userId: admin.id, password: "Reset@2026", confirmPassword: "Reset@2026" })).toMatchObject({ ok: false });
  });

  it("停用账号：该账号的会话立即失效，不能再登录；启用后恢复", async () => {
    await actAs("admin");
    const { getCurrentUser } = await vi.importActual<typeof import("@/lib/auth/current-user")>("@/lib/auth/current-user");
    const [u] = await db.select().from(users).where(eq(users.username, "peixun"));
    session.current = { user: { id: String(u.id), role: "trainer" }, sv: u.sessionVersion };
    expect((await getCurrentUser())?.username).toBe("peixun");
    expect((await accountStatusAction({ userId: u.id, status: "disabled" })).ok).toBe(true);
    expect(await getCurrentUser()).toBeNull();
    expect((await authenticate(db, { mode: "staff", username: "peixun", password: "Demo@2026", ip: null, captchaId: "x", captcha: "x" })).ok).toBe(false);
    expect((await accountStatusAction({ userId: u.id, status: "active" })).ok).toBe(true);
    // The old session stays ended: its session version is behind.
    expect(await getCurrentUser()).toBeNull();
    const [now] = await db.select().from(users).where(eq(users.id, u.id));
    session.current = { user: { id: String(u.id), role: "trainer" }, sv: now.sessionVersion };
    expect((await getCurrentUser())?.username).toBe("peixun");
    session.current = null;
  });

  it("不能停用当前登录的注册中心账号", async () => {
    const admin = await actAs("admin");
    expect(await accountStatusAction({ userId: admin!.id, status: "disabled" })).toEqual({ ok: false, error: "不能停用当前登录的账号" });
  });

  it("停用机构时同时停用其全部账号", async () => {
    await actAs("admin");
    const [chengjian] = await db.select().from(users).where(eq(users.username, "chengjian"));
    const r = await organizationStatusAction({ id: chengjian.organizationId!, status: "disabled" });
    expect(r.ok).toBe(true);
    const [after] = await db.select().from(users).where(eq(users.id, chengjian.id));
    expect([after.status, after.sessionVersion]).toEqual(["disabled", chengjian.sessionVersion + 1]);
    expect((await organizationStatusAction({ id: chengjian.organizationId!, status: "active" })).ok).toBe(true);
    await accountStatusAction({ userId: chengjian.id, status: "active" });
  });
});

describe("考点与考场", () => {
  it("新增考点和考场，修改、停用；已用于编排的考场不能删除", async () => {
    await actAs("admin");
    const v = await createVenueAction({ name: "朝阳测试考点", address: "北京市朝阳区测试路1号" });
    expect(v.ok).toBe(true);
    const venueId = v.ok ? v.data.id : 0;
    expect(await createVenueAction({ name: "朝阳测试考点", address: "x" })).toMatchObject({ ok: false, fieldErrors: { name: ["考点名称已存在"] } });
    const room = await createRoomAction({ venueId, name: "第01考场", capacity: "40", sortOrder: "1" });
    expect(room.ok).toBe(true);
    expect(await createRoomAction({ venueId, name: "第02考场", capacity: "600", sortOrder: "2" })).toMatchObject({ ok: false, fieldErrors: { capacity: ["座位数应在 1 到 500 之间"] } });
    expect((await updateVenueAction({ id: venueId, name: "朝阳测试考点", address: "北京市朝阳区测试路2号" })).ok).toBe(true);
    expect((await deleteRoomAction({ id: room.ok ? room.data.id : 0 })).ok).toBe(true);
    expect((await retireVenueAction({ id: venueId })).ok).toBe(true);
  });
});

describe("操作日志", () => {
  it("按操作、操作人、对象、北京时间日期范围查询，显示修改前后", async () => {
    await actAs("admin");
    const today = beijingDate();
    const all = await searchAudit(db, { from: today, to: today }, 1);
    expect(all.total).toBeGreaterThan(0);
    const orgs = await searchAudit(db, { action: "organization.", actor: "注册中心管理员" }, 1);
    expect(orgs.rows.length).toBeGreaterThan(0);
    expect(orgs.rows.every((r) => r.action.startsWith("organization."))).toBe(true);
    const byUsername = await searchAudit(db, { actor: "admin", action: "account.password_reset" }, 1);
    expect(byUsername.total).toBe(1);
    const entity = byUsername.rows[0];
    const one = await searchAudit(db, { entityType: entity.entityType!, entityId: entity.entityId! }, 1);
    expect(one.rows.some((r) => r.id === entity.id)).toBe(true);
    const yesterday = await searchAudit(db, { from: "2000-01-01", to: "2000-01-02" }, 1);
    expect(yesterday.total).toBe(0);
    const updated = await searchAudit(db, { action: "organization.updated" }, 1);
    expect(updated.rows[0].before).toBeTruthy();
    expect(updated.rows[0].after).toBeTruthy();
  });
});

describe("首页", () => {
  it("统计数：待审核报名、报名中的计划、各计划报名状态、证书按月", async () => {
    const d = await dashboard(db);
    expect(d.tiles.pendingReview).toBeGreaterThanOrEqual(12);
    expect(d.tiles.openPlans).toBe(3);
    expect(d.plans.find((p) => p.code === "KS2026-SG-04")?.submitted).toBeGreaterThanOrEqual(12);
    expect(d.months).toHaveLength(12);
    const [{ n }] = (await db.execute(sql`select count(*)::int as n from certificates`)) as unknown as { n: number }[];
    expect(n).toBeGreaterThan(0);
  });
});

describe("权限：非注册中心角色不能管理机构、账号和考点", () => {
  for (const who of ["zhangsan", "chengjian", "peixun"]) {
    it(`${who} 被拒绝`, async () => {
      await actAs(who);
      const results = [
        await createOrganizationAction(org({ uscc: makeUscc("30990009") })),
        await updateOrganizationAction({ id: 1, values: org() }),
        await organizationStatusAction({ id: 1, status: "disabled" }),
        await createAccountAction({ organizationId: 1, username: "yuequan", displayName: "x", password: "Start@2026", confirmPassword: "Start@2026" }),
        await resetPasswordAction({ userId: 1, password: "Reset@2026", confirmPassword: "Reset@2026" }),
        await accountStatusAction({ userId: 1, status: "disabled" }),
        await createVenueAction({ name: "越权考点", address: "x" }),
        await updateVenueAction({ id: 1, name: "越权", address: "x" }),
        await retireVenueAction({ id: 1 }),
        await createRoomAction({ venueId: 1, name: "越权", capacity: "1", sortOrder: "1" }),
        await deleteRoomAction({ id: 1 }),
      ];
      for (const r of results) expect(r).toEqual({ ok: false, error: NO_PERMISSION });
    });
  }
});
