import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appSql, launchBrowser, newPage, screenshot, signIn } from "../support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const CODE = `KS2027-E2E-${String(Date.now()).slice(-5)}`;
const NAME = `2027年施工员岗位考试（浏览器测试${CODE.slice(-5)}）`;

/** Clicks a button that opens a confirmation dialog, then the dialog's own confirm button. */
async function confirm(page: Page, trigger: string, confirmLabel = trigger) {
  await page.getByRole("button", { name: trigger, exact: true }).first().click();
  const dialog = page.getByRole("alertdialog");
  await dialog.waitFor();
  await dialog.getByRole("button", { name: confirmLabel, exact: true }).click();
  await dialog.waitFor({ state: "detached" });
}

const badge = (page: Page) => page.locator("[data-slot=page-header] [data-slot=badge]").first();

async function status(page: Page) {
  return badge(page).innerText();
}

/** Waits until the plan's status badge shows `expected` (the page refreshes after the action returns). */
async function statusBecomes(page: Page, expected: string) {
  await badge(page).filter({ hasText: new RegExp(`^${expected}$`) }).waitFor();
  return status(page);
}

describe("注册中心的一天（浏览器）", () => {
  it("新建并发布考试计划、审核、缴费、编排、导入成绩、发布成绩、发证，并在操作日志中查到", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, { mode: "staff", username: "admin", password: "Admin@2026" });
    await page.waitForURL((u) => u.pathname === "/admin");
    await page.getByRole("heading", { name: "考务管理" }).waitFor();
    await screenshot(page, "admin-home-1280");

    // 新建考试计划
    await page.getByRole("navigation", { name: "功能菜单" }).getByRole("link", { name: "考试计划" }).click();
    await page.getByRole("link", { name: "新建考试计划" }).click();
    await page.getByRole("heading", { name: "新建考试计划" }).waitFor();
    await page.getByLabel("计划编号").fill(CODE);
    await page.getByLabel("考试名称").fill(NAME);
    await page.getByLabel("岗位工种").selectOption({ label: "施工员（GL01）" });
    await page.getByRole("checkbox", { name: /北京市建设教育协会海淀考点/ }).click();
    await screenshot(page, "admin-plan-new-1280");
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.waitForURL(/\/admin\/plans\/\d+$/);
    const planId = Number(page.url().split("/").pop());
    expect(await status(page)).toBe("草稿");

    // 发布
    await confirm(page, "发布");
    await page.getByText("考试计划已发布，开始接受报名").waitFor();
    expect(await statusBecomes(page, "报名中")).toBe("报名中");
    await screenshot(page, "admin-plan-1280");

    // A practitioner's registration for the new plan (the person side is another feature).
    const sql = appSql();
    const [person] = await sql`
      select p.id, p.name, p.employer_org_id as org, p.employer_name as employer from persons p
      where p.employer_org_id is not null and not exists (select 1 from registrations r where r.person_id = p.id)
      order by p.id limit 1`;
    await sql`
      insert into registrations (registration_no, plan_id, person_id, submitter_kind, submitter_org_id, employer_org_id, employer_name,
                                 work_start_date, years_of_work, employer_opinion, status)
      values (${`BME2E${Date.now()}`}, ${planId}, ${person.id}, 'enterprise', ${person.org}, ${person.org}, ${person.employer},
              '2012-07-01', 14, '同意报名', 'submitted')`;

    // 报名审核
    await page.goto(`/admin/registrations?planId=${planId}`);
    await page.getByRole("checkbox", { name: `勾选 ${person.name}` }).click();
    await screenshot(page, "admin-registrations-1280");
    await confirm(page, "审核通过");
    await page.getByText("已审核通过 1 条报名，缴费通知已发送").waitFor();
    const [notice] = await sql`select count(*)::int as n from notifications where person_id = ${person.id} and kind = 'payment_notice'`;
    expect(notice.n).toBe(1);

    // 登记缴费
    await page.goto(`/admin/payments?planId=${planId}`);
    await page.getByRole("checkbox", { name: `勾选 ${person.name}` }).click();
    await confirm(page, "登记缴费");
    await page.getByText("已登记缴费 1 条").waitFor();
    await screenshot(page, "admin-payments-1280");

    // 结束报名, then 考场编排
    await page.goto(`/admin/plans/${planId}`);
    await confirm(page, "结束报名");
    await page.getByText("已结束报名").waitFor();
    await page.goto(`/admin/seating/${planId}`);
    await confirm(page, "开始编排", "编排");
    await page.getByText(/编排完成：共 1 人/).waitFor();
    expect(await statusBecomes(page, "已编排")).toBe("已编排");
    const [seat] = await sql`select ticket_no as "ticketNo" from registrations where plan_id = ${planId} and person_id = ${person.id}`;
    expect(seat.ticketNo).toMatch(/^\d{16}$/);
    await page.getByRole("cell", { name: seat.ticketNo }).waitFor();
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "导出考场签到表" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/考场签到表.*\.xlsx$/);
    await screenshot(page, "admin-seating-1280");

    // 成绩: 确认考试结束 (refused before the exam's end time, so the exam took place yesterday), 导入成绩, 发布成绩
    await sql`update exam_plans set exam_start_at = now() - interval '26 hours', exam_end_at = now() - interval '24 hours' where id = ${planId}`;
    await page.goto(`/admin/scores/${planId}`);
    await confirm(page, "确认考试结束");
    await page.getByText("已确认考试结束，可以录入成绩").waitFor();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("成绩");
    ws.addRow(["准考证号", "姓名", "成绩"]);
    ws.addRow([seat.ticketNo, person.name, 86.5]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await page.getByLabel("成绩文件（.xlsx）").setInputFiles({ name: "成绩.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });
    await page.getByRole("button", { name: "导入", exact: true }).click();
    await page.getByText("导入成功：1 名考生的成绩已保存").waitFor();
    await page.getByRole("cell", { name: "合格", exact: true }).waitFor();
    await screenshot(page, "admin-scores-1280");
    await confirm(page, "发布成绩");
    await page.getByText("成绩已发布", { exact: true }).first().waitFor();
    expect(await statusBecomes(page, "成绩已发布")).toBe("成绩已发布");

    // 发证
    await page.goto(`/admin/certificates/${planId}`);
    await confirm(page, "发证");
    await page.getByText(/发证完成：1 本，证书编号 京建GL01\d{10} 至/).waitFor();
    const [cert] = await sql`select c.certificate_no as no, c.issuer from certificates c join registrations r on r.id = c.registration_id where r.plan_id = ${planId}`;
    expect(cert.issuer).toBe("北京市住房和城乡建设委员会");
    await page.getByRole("cell", { name: cert.no }).waitFor();
    await screenshot(page, "admin-certificates-1280");
    await sql.end();

    // 操作日志: the whole day is there.
    await page.goto(`/admin/audit?q=${encodeURIComponent(NAME)}`);
    const log = page.getByRole("list", { name: "操作日志" });
    for (const label of ["新建考试计划", "发布考试计划", "审核通过", "登记缴费", "结束报名", "考场编排", "确认考试结束", "导入成绩", "发布成绩", "发证"]) {
      await log.getByText(label, { exact: true }).first().waitFor();
    }
    await log.getByText("修改前后").first().click();
    await screenshot(page, "admin-audit-1280");
    await context.close();
  });

  it("主要页面在 1280 和 390 像素宽度下的截图", async () => {
    for (const width of [1280, 390]) {
      const { context, page } = await newPage(browser, { width, height: width === 390 ? 844 : 900 });
      await signIn(page, { mode: "staff", username: "admin", password: "Admin@2026" });
      await page.waitForURL((u) => u.pathname === "/admin");
      const sql = appSql();
      const [plan] = await sql`select id from exam_plans where code = 'KS2026-SG-04'`;
      const [reg] = await sql`select r.id from registrations r where r.plan_id = ${plan.id} order by r.id limit 1`;
      const [org] = await sql`select id from organizations order by id limit 1`;
      await sql.end();
      const pages: [string, string][] = [
        ["home", "/admin"],
        ["plans", "/admin/plans"],
        ["plan", `/admin/plans/${plan.id}`],
        ["plan-edit", `/admin/plans/${plan.id}/edit`],
        ["registrations", "/admin/registrations"],
        ["registration", `/admin/registrations/${reg.id}`],
        ["payments", `/admin/payments?planId=${plan.id}`],
        ["seating-list", "/admin/seating"],
        ["scores-list", "/admin/scores"],
        ["certificates-list", "/admin/certificates"],
        ["trades", "/admin/trades"],
        ["venues", "/admin/venues"],
        ["venue", "/admin/venues/1"],
        ["organizations", "/admin/organizations"],
        ["organization", `/admin/organizations/${org.id}`],
        ["accounts", "/admin/accounts"],
        ["audit", "/admin/audit"],
      ];
      for (const [name, path] of pages) {
        const res = await page.goto(path);
        expect(res?.status(), path).toBe(200);
        await page.getByRole("heading", { level: 1 }).waitFor();
        await screenshot(page, `admin-${name}-${width}`);
        // Nothing may widen the page: wide tables scroll inside their own region.
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} at ${width}px`).toBeLessThanOrEqual(width);
      }
      await context.close();
    }
  });

  it("非注册中心账号打开考务管理页面被拒绝", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, { mode: "hall", username: "chengjian", password: "Demo@2026" });
    await page.waitForURL("**/enterprise/**");
    for (const path of ["/admin/plans", "/admin/registrations", "/admin/audit"]) {
      await page.goto(path);
      await page.getByRole("heading", { name: "无权访问" }).waitFor();
    }
    const res = await page.request.get("/admin/seating/1/sign-in-sheets", { maxRedirects: 0 });
    expect([302, 303, 307, 403]).toContain(res.status());
    expect(res.headers()["content-type"] ?? "").not.toContain("spreadsheetml");
    await context.close();
  });
});
