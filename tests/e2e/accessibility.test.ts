/**
 * 无障碍检查 (WCAG 2.2 AA): axe-core on every page of every role, the public pages included, at 1280 and 390 px.
 * The pages are found in the app directory (every page.tsx) and the role menus (lib/nav.ts); detail pages open
 * with real records of the demo data, and what the demo data lacks (a ticket, 续期/变更/进京 applications, an import
 * report) is arranged with SQL first. A serious or critical violation fails the test naming the page, the width,
 * the rule and the element.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NAV } from "@/lib/nav";
import { signVerifyToken } from "@/lib/verify";
import { axeSerious, appSql, launchBrowser, newPage, signIn } from "../support/browser";
import { ROOT } from "../support/db-server";

process.env.AUTH_SECRET = "e2e-secret-not-for-production-0123456789"; // the test server's, for the verify links

const RUN = String(process.pid);
const VIEWPORTS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];
const ACCOUNTS = {
  person: { mode: "hall", username: "zhangsan", password: "Demo@2026" },
  enterprise: { mode: "hall", username: "chengjian", password: "Demo@2026" },
  trainer: { mode: "staff", username: "peixun", password: "Demo@2026" },
  admin: { mode: "staff", username: "admin", password: "Admin@2026" },
} as const;
type Role = keyof typeof ACCOUNTS;

/** Every page.tsx as its route pattern ("/person/registrations/[id]"), route groups left out. */
function pagePatterns(): string[] {
  const out: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (e.name.startsWith("_") || e.name.startsWith("@")) continue;
        walk(path.join(dir, e.name), /^\(.*\)$/.test(e.name) ? segments : [...segments, e.name]);
      } else if (e.name === "page.tsx") out.push(`/${segments.join("/")}`);
    }
  };
  walk(path.join(ROOT, "app"), []);
  return out.sort();
}

/** The value of each dynamic segment, per page pattern; filled in beforeAll. */
const params: Record<string, string> = {};
/** Pages again with a query that shows more than their empty state (a plan chosen); filled in beforeAll. */
const withQuery: Record<Role, string[]> = { person: [], enterprise: [], trainer: [], admin: [] };
const failures: string[] = [];

function urlOf(pattern: string): string {
  return pattern.replace(/\[[^\]]+\]/g, () => {
    const v = params[pattern];
    if (!v) throw new Error(`no record to open ${pattern} with: add one to the test's beforeAll`);
    return v;
  });
}

function pagesOf(role: Role): string[] {
  const fromApp = pagePatterns().filter((p) => p === `/${role}` || p.startsWith(`/${role}/`));
  const fromNav = NAV[role].map((n) => n.href);
  return [...[...new Set([...fromNav, ...fromApp])].map(urlOf), ...withQuery[role]];
}

let browser: Browser;
let openPlanId = "";
/** An open plan 张三 has not registered for, so its form shows. */
let formPlanId = "";
/** A certificate the role may file a change for, so that the change form shows; filled in beforeAll. */
const changeTarget: Partial<Record<Role, string>> = {};

/** States a page reaches only by using it: errors shown, a Radix dialog open. */
async function interactiveStates(role: Role, page: Page, viewport: { width: number }) {
  if (role === "admin") {
    await visit(page, `/admin/registrations?planId=${openPlanId}`, viewport);
    await page.getByRole("checkbox", { name: /^勾选 / }).first().click();
    await page.getByRole("button", { name: "审核通过", exact: true }).first().click();
    await page.getByRole("alertdialog").waitFor();
    await check(page, "/admin/registrations（确认审核通过对话框）", viewport);
    await page.keyboard.press("Escape");
    // The dialogs that ask for a reason, submitted empty so that they show their errors (nothing is changed).
    await visit(page, urlOf("/admin/applications/[id]"), viewport);
    await page.getByRole("button", { name: "审核不通过", exact: true }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "审核不通过", exact: true }).click();
    await page.getByRole("alertdialog").locator('[aria-invalid="true"]').first().waitFor();
    await check(page, "/admin/applications/[id]（审核不通过对话框，未填原因）", viewport);
    await page.keyboard.press("Escape");
    await visit(page, urlOf("/admin/certificate-search/[id]"), viewport);
    await page.getByRole("button", { name: "注销", exact: true }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "确定注销", exact: true }).click();
    await page.getByRole("alertdialog").locator('[aria-invalid="true"]').first().waitFor();
    await check(page, "/admin/certificate-search/[id]（注销对话框，未填原因）", viewport);
    await page.keyboard.press("Escape");
    await visit(page, "/admin/accounts", viewport);
    await page.getByRole("button", { name: "重置密码", exact: true }).first().click();
    await page.getByRole("alertdialog").waitFor();
    await check(page, "/admin/accounts（重置密码对话框）", viewport);
    await page.keyboard.press("Escape");
    // The end of a date range is labelled 至 on screen; a screen reader reads the whole name.
    await visit(page, "/admin/plans", viewport);
    await expectOneField(page, "考试日期至");
    await visit(page, "/admin/audit", viewport);
    await expectOneField(page, "日期至");
    return;
  }
  await visit(page, `/${role}/tickets`, viewport);
  await page.getByLabel("考试名称").click();
  const dialog = page.getByRole("dialog", { name: "考试计划选择" });
  await dialog.getByRole("button", { name: "查询", exact: true }).click();
  await dialog.getByRole("list", { name: "考试计划列表" }).waitFor();
  // 查询 is disabled (half transparent) while the search runs: check the dialog once it is usable again.
  await dialog.locator('button[type="submit"]:enabled').waitFor();
  await check(page, `/${role}/tickets（考试计划选择对话框）`, viewport);
  await expectOneField(dialog, "考试日期至");
  await page.keyboard.press("Escape");
  if (role === "person") {
    await visit(page, `/person/registrations/new?planId=${formPlanId}`, viewport);
    await page.getByLabel(/从事工作年限/).fill("");
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await check(page, "/person/registrations/new（未填写时的提示）", viewport);
    await visit(page, urlOf("/person/tickets/[id]"), viewport);
    await page.getByRole("button", { name: "打印", exact: true }).click();
    await page.getByRole("dialog", { name: "选择打印格式" }).waitFor();
    await check(page, "/person/tickets/[id]（选择打印格式对话框）", viewport);
    await page.keyboard.press("Escape");
  }
  // The change form itself (the page without a certificate ticked shows only how to get there). The training
  // institution's is the same form; the demo data gives it no certificate of its own to open it with.
  if (!changeTarget[role]) return;
  await visit(page, `/${role}/changes/new?ids=${changeTarget[role]}`, viewport);
  await page.getByRole("button", { name: "申请须知", exact: true }).click();
  await page.getByRole("dialog", { name: "申请须知" }).waitFor();
  await check(page, `/${role}/changes/new（申请须知对话框）`, viewport);
  await page.keyboard.press("Escape");
}

/** Exactly one form field is named `name`, as a screen reader reads it (sr-only words included). */
async function expectOneField(scope: Page | Locator, name: string) {
  expect(await scope.getByLabel(name, { exact: true }).count(), `one field named ${name}`).toBe(1);
}

async function check(page: Page, label: string, viewport: { width: number }) {
  // Client components hydrate and fetch after load; check the settled page.
  await page.waitForLoadState("networkidle").catch(() => {});
  // A dialog fading in is half transparent: check it once its animations have ended.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running")).catch(() => {});
  for (const v of await axeSerious(page)) failures.push(`${label} @${viewport.width}px: ${v.id} (${v.impact}) ${v.targets.join(" | ")}`);
}

async function visit(page: Page, url: string, viewport: { width: number }, expectStatus = 200) {
  const res = await page.goto(url).catch(async (e) => {
    // The sign-in's own redirect may still be landing and abort the first navigation.
    if (!String(e).includes("ERR_ABORTED")) throw e;
    await page.waitForLoadState();
    return page.goto(url);
  });
  const status = res?.status() ?? 0;
  if (status !== expectStatus) failures.push(`${url} @${viewport.width}px: HTTP ${status}, expected ${expectStatus}`);
  await check(page, url, viewport);
}

beforeAll(async () => {
  const sql = appSql();
  try {
    const one = async <T = number>(q: Promise<readonly Record<string, unknown>[]>) => {
      const rows = await q;
      if (!rows[0]) throw new Error("the demo data lacks a record the test needs");
      return Object.values(rows[0])[0] as T;
    };
    const zhang = await one(sql`select person_id from users where username = 'zhangsan'`);
    const ent = await one(sql`select organization_id from users where username = 'chengjian'`);
    const trainer = await one(sql`select organization_id from users where username = 'peixun'`);
    const zhangCert = await one(sql`select id from certificates where person_id = ${zhang} order by id limit 1`);
    const [other] = await sql`select id, person_id, trade_id from certificates where person_id <> ${zhang} order by id limit 1`;
    const [zc] = await sql`select trade_id, employer_name from certificates where id = ${zhangCert}`;
    const openPlan = await one(sql`select id from exam_plans where code = 'KS2026-SG-04'`);
    // The closed plan's ticket window is open now in the demo data.
    const ticketPlan = await one(sql`select id from exam_plans where code = 'KS2026-ZLY-03'`);
    const room = await one(sql`select r.id from rooms r join exam_plan_venues v on v.venue_id = r.venue_id where v.plan_id = ${ticketPlan} order by r.id limit 1`);
    const entReg = await one(sql`select id from registrations where submitter_kind = 'enterprise' and submitter_org_id = ${ent} order by id limit 1`);
    const trainerReg = await one(sql`select id from registrations where submitter_kind = 'trainer' and submitter_org_id = ${trainer} order by id limit 1`);
    const employee = await one(sql`select id from persons where employer_org_id = ${ent} and id <> ${zhang} order by id limit 1`);
    const tradeId = await one(sql`select id from trades order by id limit 1`);
    const venueId = await one(sql`select id from venues order by id limit 1`);

    // 张三 seated in a plan whose ticket window is open (the keyboard test may have seated him there already) …
    await sql`insert into registrations (registration_no, plan_id, person_id, submitter_kind, employer_org_id,
        employer_name, work_start_date, years_of_work, status, paid_at, paid_amount_cents, room_id, seat_no, ticket_no)
      values (${`BMA11Y${RUN}1`}, ${ticketPlan}, ${zhang}, 'person', ${ent}, ${zc.employer_name}, '2010-07-01', 15, 'seated', now(), 15000, ${room}, 21, ${`A11Y${RUN}1`})
      on conflict (plan_id, person_id) do nothing`;
    const seated = await one(sql`select id from registrations where plan_id = ${ticketPlan} and person_id = ${zhang} and status = 'seated'`);
    // … and an employee of the enterprise seated there on the training institution's submission.
    const seatedByTrainer = await one(sql`insert into registrations (registration_no, plan_id, person_id, submitter_kind, submitter_org_id, employer_org_id,
        employer_name, work_start_date, years_of_work, status, paid_at, paid_amount_cents, room_id, seat_no, ticket_no)
      select ${`BMA11Y${RUN}2`}, ${ticketPlan}, p.id, 'trainer', ${trainer}, ${ent}, p.employer_name, '2012-07-01', 12, 'seated', now(), 15000, ${room}, 22, ${`A11Y${RUN}2`}
      from persons p where p.employer_org_id = ${ent} and p.id <> ${zhang}
        and not exists (select 1 from registrations r where r.person_id = p.id and r.plan_id = ${ticketPlan})
      order by p.id limit 1 returning id`);
    const own = await one(sql`insert into registrations (registration_no, plan_id, person_id, submitter_kind, employer_org_id, employer_name, work_start_date, years_of_work)
      values (${`BMA11Y${RUN}3`}, ${openPlan}, ${zhang}, 'person', ${ent}, ${zc.employer_name}, '2010-07-01', 15) returning id`);

    const application = async (kind: string, by: { kind: string; org: number | null }, values: { certificateId: number | null; personId: number; tradeId: number; payload?: object; originNo?: string }) => {
      if (values.certificateId !== null) {
        // Another browser test on this database may have left an open application of this kind for the
        // certificate (one open per certificate and kind): the same submitter's is used as it is, another's is
        // rejected first so that ours can be filed.
        const [mine] = await sql`select a.id from certificate_applications a join application_batches b on b.id = a.batch_id
          where a.certificate_id = ${values.certificateId} and a.kind = ${kind} and a.status = 'applied'
            and b.submitter_kind = ${by.kind} and b.submitter_org_id is not distinct from ${by.org}`;
        if (mine) return Number(mine.id);
        await sql`update certificate_applications set status = 'rejected', reject_reason = '无障碍测试前关闭', reviewed_at = now()
          where certificate_id = ${values.certificateId} and kind = ${kind} and status = 'applied'`;
      }
      const batch = await one(sql`insert into application_batches (batch_no, kind, submitter_kind, submitter_org_id)
        values (${`A11Y${RUN}${kind}${by.kind}`}, ${kind}, ${by.kind}, ${by.org}) returning id`);
      return one(sql`insert into certificate_applications (batch_id, kind, certificate_id, person_id, trade_id, payload, origin_certificate_no)
        values (${batch}, ${kind}, ${values.certificateId}, ${values.personId}, ${values.tradeId}, ${sql.json((values.payload ?? {}) as never)}, ${values.originNo ?? null}) returning id`);
    };
    const self = { kind: "person", org: null };
    const byTrainer = { kind: "trainer", org: trainer };
    const renewal = await application("renewal", self, { certificateId: zhangCert, personId: zhang, tradeId: zc.trade_id });
    const change = await application("change", self, {
      certificateId: zhangCert,
      personId: zhang,
      tradeId: zc.trade_id,
      payload: { before: { employerName: zc.employer_name }, after: { employerName: "北京市无障碍建设有限公司" } },
    });
    const transfer = await application("transfer_in", byTrainer, {
      certificateId: null,
      personId: zhang,
      tradeId: zc.trade_id,
      originNo: `冀A11Y${RUN}`,
      payload: { holderName: "张三", gender: "M", birthDate: "1988-03-15", certificateNo: `冀A11Y${RUN}`, issuer: "河北省住房和城乡建设厅", issueDate: "2024-05-01", validUntil: "2027-04-30" },
    });
    const trainerRenewal = await application("renewal", byTrainer, { certificateId: other.id, personId: other.person_id, tradeId: other.trade_id });
    const trainerChange = await application("change", byTrainer, {
      certificateId: other.id,
      personId: other.person_id,
      tradeId: other.trade_id,
      payload: { before: { phone: "13900000000" }, after: { phone: "13900000001" } },
    });
    const importReport = await one(sql`insert into import_batches (kind, plan_id, status, original_name, total_rows, error_rows, errors)
      values ('scores', ${ticketPlan}, 'rejected', '成绩.xlsx', 2, 1, ${sql.json([{ row: 2, column: "成绩", message: "成绩须为0到100之间的数" }])}) returning id`);

    Object.assign(params, {
      "/person/registrations/[id]": own,
      "/person/registrations/[id]/edit": own,
      "/person/tickets/[id]": seated,
      "/person/certificates/[id]": zhangCert,
      "/person/renewals/[id]": renewal,
      "/person/changes/[id]": change,
      "/person/transfers/[id]": transfer,
      "/enterprise/registrations/[id]": entReg,
      "/enterprise/registrations/[id]/edit": entReg,
      "/enterprise/tickets/[id]": seatedByTrainer,
      "/enterprise/certificates/[id]": zhangCert,
      "/enterprise/renewals/[id]": renewal,
      "/enterprise/changes/[id]": change,
      "/enterprise/employees/[id]": employee,
      "/trainer/registrations/[id]": trainerReg,
      "/trainer/registrations/[id]/edit": trainerReg,
      "/trainer/tickets/[id]": seatedByTrainer,
      "/trainer/renewals/[id]": trainerRenewal,
      "/trainer/changes/[id]": trainerChange,
      "/trainer/transfers/[id]": transfer,
      "/admin/applications/[id]": transfer,
      "/admin/certificate-search/[id]": zhangCert,
      "/admin/certificates/[planId]": ticketPlan,
      "/admin/scores/[planId]": ticketPlan,
      "/admin/seating/[planId]": ticketPlan,
      "/admin/imports/[id]": importReport,
      "/admin/organizations/[id]": ent,
      "/admin/plans/[id]": openPlan,
      "/admin/plans/[id]/edit": openPlan,
      "/admin/registrations/[id]": entReg,
      "/admin/trades/[id]": tradeId,
      "/admin/venues/[id]": venueId,
      "/verify/ticket/[token]": signVerifyToken("ticket", Number(seatedByTrainer)),
      "/verify/certificate/[token]": signVerifyToken("certificate", Number(zhangCert)),
    });
    for (const k of Object.keys(params)) params[k] = String(params[k]);
    openPlanId = String(openPlan);
    Object.assign(changeTarget, { person: String(zhangCert), enterprise: String(zhangCert) });
    formPlanId = String(await one(sql`select id from exam_plans where code = 'KS2026-DG-04'`));
    for (const role of ["person", "enterprise", "trainer"] as const) {
      withQuery[role].push(`/${role}/registrations/new?planId=${formPlanId}`, `/${role}/tickets?planId=${ticketPlan}`, `/${role}/results?planId=${ticketPlan}`);
      if (role !== "person") withQuery[role].push(`/${role}/registrations/batch?planId=${formPlanId}`);
    }
    withQuery.admin.push(`/admin/registrations?planId=${openPlan}`, `/admin/payments?planId=${ticketPlan}`);
  } finally {
    await sql.end();
  }
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  // The applications filed above are closed again, so that a browser test run later on this database can file
  // its own for the same certificates (one open application per certificate and kind).
  const sql = appSql();
  await sql`update certificate_applications set status = 'rejected', reject_reason = '无障碍测试结束', reviewed_at = now()
    where status = 'applied' and batch_id in (select id from application_batches where batch_no like ${`A11Y${RUN}%`})`;
  await sql.end();
});

describe("无障碍检查（axe-core，WCAG 2.2 AA）", () => {
  for (const viewport of VIEWPORTS) {
    it(`公开页面（登录、核验、错误页）@${viewport.width}px 无严重违规`, async () => {
      failures.length = 0;
      const { context, page } = await newPage(browser, viewport);
      // "/" only sends a visitor to the sign-in page.
      await visit(page, "/", viewport);
      await visit(page, "/login", viewport);
      await page.getByRole("tab", { name: "培训机构 / 注册中心" }).click();
      await page.locator('img[alt^="验证码"]').evaluate((img: HTMLImageElement) => img.decode());
      await check(page, "/login（培训机构 / 注册中心）", viewport);
      await page.getByRole("button", { name: "听语音验证码" }).click();
      await page.locator("audio").waitFor();
      await check(page, "/login（听语音验证码）", viewport);
      await page.getByRole("button", { name: "登录", exact: true }).click();
      await page.getByText("请输入用户名").first().waitFor();
      await check(page, "/login（未填写时的提示）", viewport);
      for (const p of pagePatterns().filter((x) => x.startsWith("/verify/"))) await visit(page, urlOf(p), viewport);
      // A forged token: the page says the ticket cannot be verified.
      await visit(page, "/verify/ticket/t1.AAAAAAAAAAAAAAAA", viewport);
      await visit(page, "/no-such-page", viewport, 404);
      await visit(page, "/forbidden", viewport);
      await context.close();
      expect(failures).toEqual([]);
    }, 300_000);

    for (const role of Object.keys(ACCOUNTS) as Role[]) {
      it(`${role} 的全部页面 @${viewport.width}px 无严重违规`, async () => {
        failures.length = 0;
        const { context, page } = await newPage(browser, viewport);
        await signIn(page, ACCOUNTS[role]);
        await page.waitForURL((u) => u.pathname.startsWith(`/${role}`));
        const urls = pagesOf(role);
        expect(urls.length).toBeGreaterThan(5);
        for (const url of urls) await visit(page, url, viewport);
        await interactiveStates(role, page, viewport);
        if (viewport.width < 768) {
          // The phone menu (a Radix sheet) open.
          await page.getByRole("button", { name: "打开菜单" }).click();
          await page.getByRole("dialog").waitFor();
          await check(page, `${urls.at(-1)}（菜单打开）`, viewport);
        }
        await context.close();
        expect(failures).toEqual([]);
      }, 900_000);
    }
  }
});
