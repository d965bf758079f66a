import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { changePasswordAction } from "@/app/(app)/_shared/account-actions";
import { lookupOrganizationAction } from "@/app/(app)/_shared/lookup-actions";
import { saveProfileAction } from "@/app/(app)/person/profile/actions";
import { db } from "@/db";
import { auditLogs, certificates, persons, registrations, users } from "@/db/schema";
import { INSERT_CHUNK } from "@/db/seed";
import { verifyPassword } from "@/lib/auth/password";
import { makeChineseId } from "@/lib/identity/chinese-id";
import { actAs } from "../support/users";

const profile = {
  name: "张三",
  phone: "13800138000",
  email: "",
  education: "本科" as const,
  address: "",
  employerName: "北京城建建设工程有限公司",
  employerCode: "",
  workStartDate: "2010-07-01",
};

async function code(e: unknown) {
  return (e as { cause?: { code?: string } }).cause?.code;
}

describe("个人信息维护（服务端）", () => {
  it("未登录或非从业人员调用保存被拒绝", async () => {
    await actAs(null);
    expect(await saveProfileAction(profile)).toEqual({ ok: false, error: "登录已失效，请重新登录" });
    await actAs("chengjian");
    expect(await saveProfileAction(profile)).toEqual({ ok: false, error: "无权执行此操作" });
  });

  it("服务端同样校验：手机号和参加工作时间错误时返回字段错误，数据不变", async () => {
    const me = await actAs("zhangsan");
    const res = await saveProfileAction({ ...profile, phone: "123", workStartDate: "2999-01-01" });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.fieldErrors?.phone?.[0]).toBe("请输入11位手机号码");
      expect(res.fieldErrors?.workStartDate?.[0]).toBe("参加工作时间不能晚于今天");
    }
    const [p] = await db.select({ phone: persons.phone }).from(persons).where(eq(persons.id, me!.personId!));
    expect(p.phone).toBe("13800138000");
  });

  it("只修改本人记录，证件号码不可通过保存修改，并写入操作日志", async () => {
    const me = await actAs("zhangsan");
    const before = await db.select({ id: persons.id, idNumber: persons.idNumber, phone: persons.phone }).from(persons);
    const res = await saveProfileAction({ ...profile, phone: "13900001111", idNumber: "110101199001011237" } as typeof profile);
    expect(res).toMatchObject({ ok: true, message: "修改保存成功" });
    const after = await db.select({ id: persons.id, idNumber: persons.idNumber, phone: persons.phone }).from(persons);
    for (const p of after) {
      const b = before.find((x) => x.id === p.id)!;
      expect(p.idNumber).toBe(b.idNumber);
      expect(p.phone).toBe(p.id === me!.personId ? "13900001111" : b.phone);
    }
    const [log] = await db.select().from(auditLogs).where(eq(auditLogs.action, "person.profile_updated"));
    expect(log.entityId).toBe(String(me!.personId));
    expect((log.before as { phone: string }).phone).toBe("13800138000");
  });

  it("组织机构代码校验位错误时提示在字段旁", async () => {
    await actAs("zhangsan");
    const res = await saveProfileAction({ ...profile, employerCode: "10110001-1" });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.fieldErrors?.employerCode?.[0]).toContain("校验位错误");
  });

  it("已登记的单位代码带出单位名称", async () => {
    await actAs("zhangsan");
    expect(await lookupOrganizationAction({ code: "10110001-9" })).toEqual({ ok: true, data: { name: "北京城建建设工程有限公司" } });
    expect(await lookupOrganizationAction({ code: "D2143569-X" })).toEqual({ ok: true, data: null });
  });
});

describe("登录信息维护（服务端）", () => {
  it("原密码错误时拒绝，字段旁提示", async () => {
    await actAs("peixun");
    const res = await changePasswordAction({ currentPassword: "nope", newPassword: "Newpass2027", confirmPassword: "Newpass2027" });
    expect(res).toEqual({ ok: false, error: "原密码不正确", fieldErrors: { currentPassword: ["原密码不正确"] } });
  });

  it("两次输入不一致时拒绝", async () => {
    await actAs("peixun");
    const res = await changePasswordAction({ currentPassword: "Demo@2026", newPassword: "Newpass2027", confirmPassword: "Newpass2028" });
    expect(res.ok === false && res.fieldErrors?.confirmPassword?.[0]).toBe("两次输入的新密码不一致");
  });

  it("修改成功：会话版本加一（其他会话失效），新密码生效", async () => {
    await actAs("peixun");
    const [before] = await db.select().from(users).where(eq(users.username, "peixun"));
    await expect(changePasswordAction({ currentPassword: "Demo@2026", newPassword: "Newpass2027", confirmPassword: "Newpass2027" })).rejects.toThrow(/NEXT_REDIRECT/);
    const [after] = await db.select().from(users).where(eq(users.username, "peixun"));
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await verifyPassword(after.passwordHash, "Newpass2027")).toBe(true);
    expect(await verifyPassword(after.passwordHash, "Demo@2026")).toBe(false);
  });
});

describe("数据库约束", () => {
  it("同一证件类型下证件号码唯一", async () => {
    const [p] = await db.select().from(persons).limit(1);
    const e = await db.insert(persons).values({ idType: p.idType, idNumber: p.idNumber, name: "重复", gender: "M" }).catch((x) => x);
    expect(await code(e)).toBe("23505");
    // The same number under another ID type is a different document.
    await db.insert(persons).values({ idType: "passport", idNumber: p.idNumber, name: "护照", gender: "M" });
  });

  it("同一考试计划每人只能有一条报名", async () => {
    const [r] = await db.select().from(registrations).limit(1);
    const { id: _id, registrationNo: _n, ...rest } = r;
    void _id;
    void _n;
    const e = await db.insert(registrations).values({ ...rest, registrationNo: "BM-DUP" }).catch((x) => x);
    expect(await code(e)).toBe("23505");
  });

  it("证书编号唯一；状态只能取规定的值", async () => {
    const [c] = await db.select().from(certificates).limit(1);
    const { id: _id, ...rest } = c;
    void _id;
    expect(await code(await db.insert(certificates).values({ ...rest, registrationId: null }).catch((x) => x))).toBe("23505");
    expect(await code(await db.update(certificates).set({ status: "lost" as never }).where(eq(certificates.id, c.id)).catch((x) => x))).toBe("23514");
  });

  it("报名状态须合法：已缴费必须有缴费时间，已编排必须有考场座位和准考证号", async () => {
    const [r] = await db.select().from(registrations).limit(1);
    expect(await code(await db.update(registrations).set({ status: "paid" }).where(eq(registrations.id, r.id)).catch((x) => x))).toBe("23514");
    expect(await code(await db.update(registrations).set({ status: "seated", paidAt: new Date() }).where(eq(registrations.id, r.id)).catch((x) => x))).toBe("23514");
  });

  it(`批量插入按 ${INSERT_CHUNK} 行分块，不超过 PostgreSQL 的参数上限`, async () => {
    const cols = Object.keys(persons).length;
    expect(INSERT_CHUNK * cols).toBeLessThan(65_534);
    const rows = Array.from({ length: 5_000 }, (_, i) => ({
      idNumber: makeChineseId("110108", `1970-01-${String((i % 28) + 1).padStart(2, "0")}`, 100 + Math.floor(i / 28)),
      name: `测试${i}`,
      gender: "F" as const,
    }));
    const unique = [...new Map(rows.map((r) => [r.idNumber, r])).values()];
    for (let i = 0; i < unique.length; i += INSERT_CHUNK) await db.insert(persons).values(unique.slice(i, i + INSERT_CHUNK)).onConflictDoNothing();
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(persons).where(sql`${persons.name} like '测试%'`);
    expect(n).toBe(unique.length);
  });
});

describe("已缴费不可删除（数据库层）", () => {
  it("已缴费的报名不能删除，也不能退回未缴费状态", async () => {
    const [r] = await db.select().from(registrations).where(eq(registrations.status, "submitted")).limit(1);
    await db.update(registrations).set({ status: "approved" }).where(eq(registrations.id, r.id));
    await db.update(registrations).set({ status: "paid", paidAt: new Date() }).where(eq(registrations.id, r.id));
    const del = await db.delete(registrations).where(eq(registrations.id, r.id)).catch((x) => x);
    expect(await code(del)).toBe("23514");
    const back = await db.update(registrations).set({ status: "approved" }).where(eq(registrations.id, r.id)).catch((x) => x);
    expect(await code(back)).toBe("23514");
    const [still] = await db.select({ status: registrations.status }).from(registrations).where(eq(registrations.id, r.id));
    expect(still.status).toBe("paid");
    // An unpaid one can still be removed.
    const [other] = await db.select().from(registrations).where(eq(registrations.status, "submitted")).limit(1);
    await db.delete(registrations).where(eq(registrations.id, other.id));
  });
});
