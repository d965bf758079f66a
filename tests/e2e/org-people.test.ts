/**
 * An enterprise's people in the browser: 企业人员信息 (search, 新增, 修改), 企业人员获证信息 (the 90-day view of
 * what the seed holds), 打印准考证 (plan picker, 详细, 下载全部准考证 to the finished PDF), 查看考试结果; and a
 * training institution's 打印准考证 / 查看考试结果 pages. Screenshots at 1280 and 390 px of every page.
 *
 * The seated plan is arranged with SQL (the centre's seating has its own browser test): three of chengjian's
 * employees, submitted by chengjian, seated, inside the ticket printing window.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeChineseId } from "@/lib/identity/chinese-id";
import { appSql, baseURL, launchBrowser, newPage, screenshot, signIn } from "../support/browser";

const DAY = 86_400_000;
const PLAN_NAME = `2026年施工员岗位考试（企业浏览器测试${process.pid}）`;
const NEW_ID = makeChineseId("110105", "1990-05-17", 300 + (process.pid % 300));
const NEW_NAME = `新员工${String(process.pid).slice(-3)}`;

let browser: Browser;
let sql: ReturnType<typeof appSql>;
let ent: { context: BrowserContext; page: Page };
let candidates: { id: number; name: string }[] = [];

async function shots(session: { context: BrowserContext; page: Page }, name: string) {
  await session.page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(session.page, `org-${name}-1280`);
  const mobile = await browser.newContext({
    baseURL: baseURL(),
    viewport: { width: 390, height: 844 },
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    storageState: await session.context.storageState(),
  });
  const p = await mobile.newPage();
  await p.goto(session.page.url());
  await p.waitForLoadState("networkidle");
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} is wider than a 390 px phone`).toBeLessThanOrEqual(0);
  await screenshot(p, `org-${name}-390`);
  await mobile.close();
}

beforeAll(async () => {
  browser = await launchBrowser();
  sql = appSql();
  const [org] = await sql`select organization_id as id from users where username = 'chengjian'`;
  const [trade] = await sql`select id from trades where name = '施工员'`;
  const [room] = await sql`select id from rooms order by id limit 1`;
  const now = Date.now();
  const [plan] = await sql`
    insert into exam_plans (code, name, trade_id, status, registration_start_at, registration_end_at, ticket_start_at, ticket_end_at,
                            exam_start_at, exam_end_at, capacity, candidate_notes, published_at)
    values (${`E2E-OP-${process.pid}`.slice(0, 20)}, ${PLAN_NAME}, ${trade.id}, 'seated', ${new Date(now - 30 * DAY)}, ${new Date(now - 10 * DAY)},
            ${new Date(now - DAY)}, ${new Date(now + 5 * DAY)}, ${new Date(now + 6 * DAY)}, ${new Date(now + 6 * DAY + 7_200_000)}, 100,
            '考生须携带准考证和身份证件。', ${new Date(now - 31 * DAY)})
    returning id`;
  const people = await sql`
    select p.id, p.name from persons p
    where p.employer_org_id = ${org.id} and not exists (select 1 from users u where u.person_id = p.id)
    order by p.id limit 3`;
  let seat = 0;
  for (const p of people) {
    seat++;
    await sql`
      insert into registrations (registration_no, plan_id, person_id, submitter_kind, submitter_org_id, employer_org_id, employer_name,
                                 work_start_date, years_of_work, status, paid_at, room_id, seat_no, ticket_no)
      values (${`BME2E${process.pid}${seat}`}, ${plan.id}, ${p.id}, 'enterprise', ${org.id}, ${org.id}, '北京城建建设工程有限公司',
              '2010-07-01', 10, 'seated', now(), ${room.id}, ${seat}, ${`E2E${process.pid}${String(seat).padStart(2, "0")}`})`;
  }
  candidates = people.map((p) => ({ id: p.id as number, name: p.name as string }));
  ent = await newPage(browser);
  await signIn(ent.page, { mode: "hall", username: "chengjian", password: "Demo@2026" });
  // The area's home forwards to its first menu page; wait for that before going anywhere else.
  await ent.page.waitForURL((u) => u.pathname === "/enterprise/registrations");
});

afterAll(async () => {
  await ent?.context.close();
  await browser?.close();
  await sql?.end();
});

describe("企业：人员信息、获证信息和准考证（浏览器）", () => {
  it("企业人员信息：查询、新增一名人员、修改人员信息", async () => {
    const { page } = ent;
    await page.goto("/enterprise/employees");
    await page.getByRole("heading", { name: "企业人员信息", level: 1 }).waitFor();
    await shots(ent, "employees");

    await page.getByLabel("姓名 / 证件号码").fill(candidates[0].name);
    await page.getByRole("search", { name: "人员查询" }).getByRole("button", { name: "查询" }).click();
    await page.waitForURL(/q=/);
    await page.getByRole("link", { name: `修改：${candidates[0].name}` }).waitFor();
    expect(await page.locator("td", { hasText: /^\d{6}\*{8}[\dX]{4}$/ }).count()).toBeGreaterThan(0);

    await page.getByRole("link", { name: "新增" }).click();
    await page.waitForURL("**/enterprise/employees/new");
    await page.getByLabel("证件号码").fill(NEW_ID.slice(0, 17) + (NEW_ID[17] === "1" ? "2" : "1"));
    await page.getByLabel("姓名").fill(NEW_NAME);
    await page.getByLabel("手机号码").fill("13912345678");
    await page.getByLabel("学历").selectOption("大专");
    await page.getByLabel("参加工作时间").fill("2012-07-01");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("身份证号码校验位错误").first().waitFor();
    await page.getByLabel("证件号码").fill(NEW_ID);
    expect(await page.getByLabel("性别").inputValue()).toBe(`${Number(NEW_ID[16]) % 2 ? "男" : "女"}　出生日期 1990-05-17`);
    await shots(ent, "employee-new");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/\/enterprise\/employees\?saved=1$/);
    await page.getByText("新增人员保存成功").waitFor();
    const [saved] = await sql`select p.name, o.name as employer from persons p join organizations o on o.id = p.employer_org_id where p.id_number = ${NEW_ID}`;
    expect(saved).toEqual({ name: NEW_NAME, employer: "北京城建建设工程有限公司" });

    await page.getByLabel("姓名 / 证件号码").fill(NEW_NAME);
    await page.getByRole("search", { name: "人员查询" }).getByRole("button", { name: "查询" }).click();
    await page.getByRole("link", { name: `修改：${NEW_NAME}` }).click();
    await page.waitForURL(/\/enterprise\/employees\/\d+$/);
    expect(await page.getByLabel("证件号码").getAttribute("readonly")).not.toBeNull();
    await page.getByLabel("手机号码").fill("13700001111");
    await page.getByLabel("通讯地址").fill("北京市海淀区测试路1号");
    await shots(ent, "employee-edit");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("修改保存成功").waitFor();
    const [edited] = await sql`select phone, address from persons where id_number = ${NEW_ID}`;
    expect(edited).toEqual({ phone: "13700001111", address: "北京市海淀区测试路1号" });
  });

  it("企业人员获证信息：90 天内到期的证书（种子数据中的建筑架子工证书），详细", async () => {
    const { page } = ent;
    const [seeded] = await sql`
      select c.certificate_no, c.holder_name from certificates c join persons p on p.id = c.person_id
      join users u on u.organization_id = p.employer_org_id and u.username = 'chengjian'
      join trades t on t.id = c.trade_id where t.name = '建筑架子工'`;
    await page.goto("/enterprise/certificates");
    await page.getByRole("heading", { name: "企业人员获证信息", level: 1 }).waitFor();
    await shots(ent, "certificates");
    await page.getByRole("link", { name: /90天内到期/ }).click();
    await page.waitForURL(/expiry=90/);
    await page.getByRole("heading", { name: "证书列表：90天内到期" }).waitFor();
    const row = page.getByRole("row", { name: new RegExp(seeded.certificate_no) });
    await row.getByText("即将到期").waitFor();
    await shots(ent, "certificates-90");
    await row.getByRole("link", { name: `详细：${seeded.holder_name} ${seeded.certificate_no}` }).click();
    await page.getByRole("heading", { name: "证书详细" }).waitFor();
    await page.getByText(seeded.certificate_no).first().waitFor();
    await shots(ent, "certificate");
  });

  it("打印准考证：选择已编排的考试计划，查询，详细；下载全部准考证，PDF 含全部考生姓名", async () => {
    const { page } = ent;
    await page.goto("/enterprise/tickets");
    await page.getByRole("heading", { name: "打印准考证", level: 1 }).waitFor();
    await page.getByLabel("考试名称").click();
    const dialog = page.getByRole("dialog", { name: "考试计划选择" });
    await dialog.waitFor();
    // The dialog lists the current plans as soon as it opens, before any 查询.
    await dialog.getByRole("status").getByText(/^共 [1-9]\d* 个考试计划$/).waitFor();
    expect(await dialog.getByRole("list", { name: "考试计划列表" }).getByRole("button").count()).toBeGreaterThan(0);
    await dialog.getByLabel("考试名称").fill("企业浏览器测试");
    await dialog.getByRole("button", { name: "查询" }).click();
    await dialog.getByRole("button", { name: new RegExp(PLAN_NAME.replace(/[()（）]/g, ".")) }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByRole("search", { name: "准考证查询" }).getByRole("button", { name: "查询" }).click();
    await page.waitForURL(/planId=\d+/);
    for (const c of candidates) await page.getByRole("link", { name: `详细：${c.name}（${PLAN_NAME}）` }).waitFor();
    await shots(ent, "tickets");

    await page.getByRole("link", { name: `详细：${candidates[0].name}（${PLAN_NAME}）` }).click();
    await page.waitForURL(/\/enterprise\/tickets\/\d+$/);
    await page.getByRole("button", { name: "打印" }).waitFor();
    await page.getByText(candidates[0].name).first().waitFor();
    await shots(ent, "ticket");
    await page.goBack();

    await page.getByRole("button", { name: "生成全部准考证" }).click();
    await page.getByRole("progressbar", { name: "准考证生成进度" }).waitFor();
    const link = page.getByRole("link", { name: "下载准考证（PDF）" });
    await link.waitFor({ timeout: 60_000 });
    await page.getByText(`已完成：共 ${candidates.length} 张准考证`).waitFor();
    await shots(ent, "tickets-bulk");
    // The link's file, fetched with the page's session (what a click on it downloads).
    const jobUrl = new URL((await link.getAttribute("href"))!, baseURL()).pathname;
    const res = await page.request.get(jobUrl);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/pdf");
    const file = path.join(os.tmpdir(), `org-bulk-${process.pid}.pdf`);
    fs.writeFileSync(file, await res.body());
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
    fs.rmSync(file, { force: true });
    for (const c of candidates) expect(text).toContain(c.name);
    // Another organisation gets "not found" for the same file.
    const other = await newPage(browser);
    await signIn(other.page, { mode: "hall", username: "zhuzong", password: "Demo@2026" });
    await other.page.waitForURL((u) => u.pathname === "/enterprise/registrations");
    expect((await other.page.request.get(jobUrl)).status()).toBe(404);
    await other.context.close();
  });

  it("查看考试结果：企业页面", async () => {
    const { page } = ent;
    await page.goto("/enterprise/results");
    await page.getByRole("heading", { name: "查看考试结果", level: 1 }).waitFor();
    await shots(ent, "results");
  });

  it("培训机构：打印准考证和查看考试结果页面", async () => {
    const trainer = await newPage(browser);
    await signIn(trainer.page, { mode: "staff", username: "peixun", password: "Demo@2026" });
    await trainer.page.waitForURL((u) => u.pathname === "/trainer/registrations");
    await trainer.page.goto("/trainer/tickets");
    await trainer.page.getByRole("heading", { name: "打印准考证", level: 1 }).waitFor();
    // The enterprise's candidates are not the institution's.
    expect(await trainer.page.getByText(PLAN_NAME).count()).toBe(0);
    await shots(trainer, "trainer-tickets");
    await trainer.page.goto("/trainer/results");
    await trainer.page.getByRole("heading", { name: "查看考试结果", level: 1 }).waitFor();
    await shots(trainer, "trainer-results");
    await trainer.context.close();
  });
});
