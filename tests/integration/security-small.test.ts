import { and, eq, isNotNull } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { organizations, persons, registrations, users } from "@/db/schema";
import { actAs } from "../support/users";

vi.unmock("@/auth");
process.env.AUTH_SECRET ??= "test-secret-for-security-small-0123456789";
const ip = vi.hoisted(() => ({ value: "198.51.100.7" as string | null }));
vi.mock("@/lib/request-context", () => ({ clientIp: async () => ip.value }));

const { userForHallProfile } = await import("@/auth");
const { saveProfileAction } = await import("@/app/(app)/person/profile/actions");
const { GET: captchaRoute } = await import("@/app/api/captcha/route");
const { readQueueFilters } = await import("@/app/(app)/admin/registrations/_components/read-filters");
const { SECURITY_HEADERS } = await import("@/next.config");

describe("个人信息维护：审核通过后姓名不能修改", () => {
  it("有审核通过的报名后，修改姓名被拒绝，其他信息仍可修改", async () => {
    const [reg] = await db.select({ id: registrations.id, personId: registrations.personId }).from(registrations).orderBy(registrations.id).limit(1);
    await db.update(registrations).set({ status: "approved" }).where(eq(registrations.id, reg.id));
    const [p] = await db.select().from(persons).where(eq(persons.id, reg.personId));
    const [existing] = await db.select({ username: users.username }).from(users).where(eq(users.personId, p.id));
    if (!existing) await db.insert(users).values({ username: "name-lock", role: "person", displayName: p.name, personId: p.id });
    await actAs(existing?.username ?? "name-lock");
    const input = { name: p.name, phone: "13900000001", email: "", education: "本科" as const, address: "", employerName: p.employerName ?? "某单位", employerCode: "", workStartDate: p.workStartDate ?? "2010-01-01" };

    const renamed = await saveProfileAction({ ...input, name: "张三丰" });
    expect(renamed.ok).toBe(false);
    if (!renamed.ok) expect(renamed.fieldErrors?.name?.[0]).toContain("不能在此修改");
    const [after] = await db.select({ name: persons.name }).from(persons).where(eq(persons.id, p.id));
    expect(after.name).toBe(p.name);

    expect((await saveProfileAction(input)).ok).toBe(true);
  });
});

describe("验证码限流", () => {
  it("同一IP频繁请求验证码被拒绝（429），不再生成图片", async () => {
    ip.value = "198.51.100.8";
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++) statuses.push((await captchaRoute(new Request("http://localhost/api/captcha"))).status);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(60)).toEqual([429, 429]);
    ip.value = "198.51.100.9";
    expect((await captchaRoute(new Request("http://localhost/api/captcha"))).status).toBe(200);
  });
});

describe("网上办事大厅账号关联", () => {
  it("已关联的账户不能被另一个办事大厅账号接管；没有本地账户时说明原因", async () => {
    const [zs] = await db.select({ u: users, idNumber: persons.idNumber }).from(users).innerJoin(persons, eq(persons.id, users.personId)).where(eq(users.username, "zhangsan"));
    const first = await userForHallProfile("hall-subject-A", { id_number: zs.idNumber });
    expect(typeof first !== "string" && first.id).toBe(zs.u.id);
    expect(await userForHallProfile("hall-subject-B", { id_number: zs.idNumber })).toBe("HallTaken");
    const [row] = await db.select({ s: users.oidcSubject }).from(users).where(eq(users.id, zs.u.id));
    expect(row.s).toBe("hall-subject-A");
    expect(await userForHallProfile("hall-subject-C", { id_number: "110105199001011234" })).toBe("HallNoAccount");

    // Two new subjects racing for one enterprise account: exactly one gets it.
    const [org] = await db.select({ uscc: organizations.uscc }).from(users).innerJoin(organizations, eq(organizations.id, users.organizationId)).where(eq(users.username, "zhuzong"));
    const results = await Promise.all(["hall-E1", "hall-E2", "hall-E3"].map((s) => userForHallProfile(s, { uscc: org.uscc })));
    expect(results.filter((r) => typeof r !== "string")).toHaveLength(1);
    expect(await db.select().from(users).where(and(eq(users.username, "zhuzong"), isNotNull(users.oidcSubject)))).toHaveLength(1);
  });
});

describe("报名审核查询：证件号码不出现在网址中", () => {
  it("输入的证件号码被转为密文参数，翻页链接仍能查询", () => {
    const id = "11010519880315123X";
    const typed = readQueueFilters({ idNumber: id, planId: "3", page: "4" }, "submitted");
    expect(typed.sealedQuery).toBeDefined();
    expect(typed.sealedQuery).not.toContain("110105");
    expect(typed.sealedQuery).toContain("planId=3");
    const idq = new URLSearchParams(typed.sealedQuery).get("idq")!;
    const sealed = readQueueFilters({ idq, planId: "3" }, "submitted");
    expect(sealed.sealedQuery).toBeUndefined();
    expect(sealed.filters.idNumber).toBe(id);
    expect(readQueueFilters({ idq: `${idq.slice(0, -2)}AA` }, "submitted").filters.idNumber).toBeUndefined();
  });
});

describe("安全响应头", () => {
  it("所有页面带 CSP（禁止被嵌入）、nosniff 和 Referrer-Policy", async () => {
    const nextConfig = (await import("@/next.config")).default;
    const rules = await nextConfig.headers!();
    const all = rules.find((r) => r.source === "/:path*")!.headers;
    const get = (k: string) => all.find((h) => h.key.toLowerCase() === k.toLowerCase())?.value;
    expect(get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(get("Content-Security-Policy")).toContain("object-src 'none'");
    expect(get("X-Content-Type-Options")).toBe("nosniff");
    expect(get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(SECURITY_HEADERS.length).toBeGreaterThan(3);
  });
});
