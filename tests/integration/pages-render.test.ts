import fs from "node:fs";
import { desc, eq } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { certificateApplications, examPlans } from "@/db/schema";
import AdminHome from "@/app/(app)/admin/page";
import NewRegistrationPage from "@/app/(app)/person/registrations/new/page";
import ApplicationDetailPage from "@/app/(app)/admin/applications/[id]/page";
import PersonChangePage from "@/app/(app)/person/changes/[id]/page";
import { approveApplications } from "@/lib/services/certificate-applications/review";
import { applyForChange } from "@/lib/services/certificate-applications/change";
import { applyForRenewal } from "@/lib/services/certificate-applications/renewal";
import { daysFromToday, makeCertificate } from "./certificate-fixtures";
import { login } from "@/app/(auth)/login/actions";
import { actAs } from "../support/users";

// The login action names next-auth's error classes; nothing here signs in (signIn itself is mocked).
vi.mock("next-auth", () => ({ AuthError: class extends Error {}, CredentialsSignin: class extends Error {} }));

// Client components rendered outside a mounted app router.
vi.mock("next/navigation", async (original) => ({
  ...(await original<typeof import("next/navigation")>()),
  useRouter: () => ({ push() {}, replace() {}, refresh() {}, back() {}, prefetch() {} }),
  usePathname: () => "/",
}));

async function html(el: Promise<React.ReactElement> | React.ReactElement) {
  return renderToStaticMarkup(await el);
}

async function planId(code: string) {
  const [p] = await db.select({ id: examPlans.id, notes: examPlans.notes }).from(examPlans).where(eq(examPlans.code, code));
  return p;
}

/** The person's page is a thin file around an async server component: render that component's own output. */
async function newPage(planId: string) {
  const outer = await NewRegistrationPage({ searchParams: Promise.resolve({ planId }) });
  const inner = outer.type as (props: unknown) => Promise<React.ReactElement>;
  return html(inner(outer.props));
}

describe("页面上的小问题", () => {
  it("注册中心首页的“待审核证书申请”卡片链接到证书业务审核", async () => {
    await actAs("admin");
    const out = await html(AdminHome());
    expect(out).toContain("待审核报名");
    expect(out).toMatch(/<a[^>]*href="\/admin\/applications\?status=applied"[^>]*>(?:(?!<\/a>).)*待审核证书申请/s);
  });

  it("我要报名：草稿或不存在的考试计划说明未开放报名，而不是 404", async () => {
    await actAs("zhangsan");
    const draft = await planId("KS2027-AQ-01");
    for (const id of [String(draft.id), "999999", "abc"]) {
      const out = await newPage(id);
      expect(out).toContain("该考试计划未开放报名");
    }
  });

  it("我要报名：报名须知显示在报名表上方", async () => {
    await actAs("zhangsan");
    const open = await planId("KS2026-ZL-04");
    expect(open.notes).toBeTruthy();
    const out = await newPage(String(open.id));
    expect(out).toContain("报名须知");
    expect(out).toContain(open.notes!);
    expect(out.indexOf(open.notes!)).toBeLessThan(out.indexOf("报考信息"));
  });

  it("登录：从业人员 / 企业 空提交提示输入用户名，不说“用户名或密码错误”", async () => {
    const fd = new FormData();
    fd.set("mode", "hall");
    fd.set("username", "");
    fd.set("password", "");
    expect(await login({}, fd)).toMatchObject({ error: "请输入用户名或统一社会信用代码", field: "username" });
    fd.set("username", "zhangsan");
    expect(await login({}, fd)).toMatchObject({ error: "请输入密码", field: "password" });
  });

  it("证书业务审核详细：办理记录中提交申请只列一次", async () => {
    const person = (await actAs("zhangsan"))!;
    const c = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(60) });
    const change = await applyForChange(db, person, [{ certificateId: c.id, after: { employerName: "办理记录测试单位" } }]);
    const renewal = await applyForRenewal(db, person, [c.id]);
    const [renewalApp] = await db.select({ id: certificateApplications.id }).from(certificateApplications).where(eq(certificateApplications.kind, "renewal")).orderBy(desc(certificateApplications.id)).limit(1);
    expect(renewal.applied).toHaveLength(1);
    await actAs("admin");
    const detail = (id: number) => html(ApplicationDetailPage({ params: Promise.resolve({ id: String(id) }) }));
    // A change has its own submission line (with who submitted); no second, made-up one.
    const changed = await detail(change.applied[0].applicationId);
    expect(changed.match(/申请证书变更：/g)).toHaveLength(1);
    expect(changed).not.toContain("本人提交申请");
    // A renewal's submission is logged for its batch: the page says who submitted it.
    expect(await detail(renewalApp.id)).toContain(`本人提交申请（申请批号 ${renewal.batchNo}）`);
  });

  it("证书变更申请详细：审核通过后显示新版证书的编号、版本和有效期，并可查看证书", async () => {
    const person = (await actAs("zhangsan"))!;
    const c = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(200) });
    const r = await applyForChange(db, person, [{ certificateId: c.id, after: { employerName: "审核结果测试单位" } }]);
    const appId = r.applied[0].applicationId;
    const page = async () => {
      const outer = await PersonChangePage({ params: Promise.resolve({ id: String(appId) }), searchParams: Promise.resolve({}) });
      const inner = outer.type as (props: unknown) => Promise<React.ReactElement>;
      return html(inner(outer.props));
    };
    expect(await page()).not.toContain("审核通过：");
    const [done] = (await approveApplications(db, (await actAs("admin"))!, [appId])).approved;
    await actAs("zhangsan");
    const out = await page();
    expect(out).toMatch(new RegExp(`审核通过：证书编号 <span[^>]*>${c.certificateNo}</span>（第 2 版）`));
    expect(out).toContain(`href="/person/certificates/${done.certificateId}"`);
  });

  it("网站图标存在（不再 404）", () => {
    const svg = fs.readFileSync("app/icon.svg", "utf8");
    expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });
});
