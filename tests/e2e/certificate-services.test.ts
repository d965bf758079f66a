/**
 * 申请证书续期, 申请证书变更 and 证书进京 in a browser against the built app: a practitioner renews one certificate,
 * an enterprise renews ten at once, a practitioner applies for a change and sees the old values beside the new, a
 * training institution files 证书进京 applications, prints one and deletes one. Certificates inside the renewal
 * window are arranged with SQL (the demo data has none); everything else goes through the pages.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeChineseId } from "@/lib/identity/chinese-id";
import { appSql, launchBrowser, newPage, screenshot, signIn } from "../support/browser";

const RUN = String(process.pid);
const TMP = path.join(os.tmpdir(), `certificate-services-${RUN}`);
const PERSON = { mode: "hall", username: "zhangsan", password: "Demo@2026" } as const;
const ENTERPRISE = { mode: "hall", username: "chengjian", password: "Demo@2026" } as const;
const TRAINER = { mode: "staff", username: "peixun", password: "Demo@2026" } as const;
/** A minimal PDF: enough for the scan check (it sniffs the bytes). */
const SCAN = { name: "原证书扫描件.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n") };

let browser: Browser;
let sql: ReturnType<typeof appSql>;
let tradeId: number;
let zhangsanRenewable: string;
let zhangsanSeeded: { id: number; no: string; employer: string | null };
const enterpriseNos: string[] = [];

function pdfText(pdf: Buffer) {
  fs.mkdirSync(TMP, { recursive: true });
  const file = path.join(TMP, `${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
}

async function noSidewaysScroll(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/** page.goto, once more when the sign-in's own redirect was still landing and aborted it. */
async function go(page: Page, url: string) {
  try {
    await page.goto(url);
  } catch (e) {
    if (!String(e).includes("ERR_ABORTED")) throw e;
    await page.waitForLoadState();
    await page.goto(url);
  }
}

/** Signs in and waits for the role's home page, so the next navigation carries the session. */
async function signedIn(who: typeof PERSON | typeof ENTERPRISE | typeof TRAINER, home: string, viewport?: { width: number; height: number }) {
  const s = await newPage(browser, viewport);
  await signIn(s.page, who);
  // The area's home redirects to its first menu item: wait for the shell of the page it lands on.
  await s.page.waitForURL((u) => u.pathname.startsWith(`${home}/`));
  await s.page.waitForLoadState("networkidle");
  return s;
}

beforeAll(async () => {
  browser = await launchBrowser();
  sql = appSql();
  [{ id: tradeId }] = await sql<{ id: number }[]>`select id from trades where name = '施工员'`;
  const [{ person_id: zhangsan }] = await sql<{ person_id: number }[]>`select person_id from users where username = 'zhangsan'`;
  [zhangsanSeeded] = await sql<{ id: number; no: string; employer: string | null }[]>`
    select id, certificate_no as no, employer_name as employer from certificates where person_id = ${zhangsan} order by id limit 1`;
  // Inside the renewal window: expires in 30 days. Another trade than the enterprise's ten (张三 is its employee too).
  zhangsanRenewable = `E2EXQ${RUN}Z`;
  const [{ id: quality }] = await sql<{ id: number }[]>`select id from trades where name = '质量员'`;
  await sql`insert into certificates (certificate_no, person_id, trade_id, source, holder_name, employer_name, issue_date, valid_until, issuer)
    values (${zhangsanRenewable}, ${zhangsan}, ${quality}, 'exam', '张三', '北京城建建设工程有限公司', current_date - 1000, current_date + 30, '北京市住房和城乡建设委员会')`;
  // Ten employees of chengjian's enterprise with 施工员 certificates expiring in 60 days.
  const staff = await sql<{ id: number; name: string }[]>`
    select p.id, p.name from persons p join users u on u.organization_id = p.employer_org_id
    where u.username = 'chengjian' and not exists (select 1 from users x where x.person_id = p.id) order by p.id limit 10`;
  expect(staff).toHaveLength(10);
  for (const [i, p] of staff.entries()) {
    const no = `E2EQY${RUN}${String(i + 1).padStart(2, "0")}`;
    enterpriseNos.push(no);
    await sql`insert into certificates (certificate_no, person_id, trade_id, source, holder_name, employer_name, issue_date, valid_until, issuer)
      values (${no}, ${p.id}, ${tradeId}, 'exam', ${p.name}, '北京城建建设工程有限公司', current_date - 1000, current_date + 60, '北京市住房和城乡建设委员会')`;
  }
}, 60_000);

afterAll(async () => {
  await sql?.end();
  await browser?.close();
  fs.rmSync(TMP, { recursive: true, force: true });
});

describe("证书业务（浏览器）", () => {
  it("申请证书续期：从业人员勾选一本证书，点击【申请】，提示申请成功，申请批号为 XQ…", async () => {
    const { context, page } = await signedIn(PERSON, "/person");
    await go(page, "/person/renewals");
    await page.getByRole("heading", { name: "申请证书续期", level: 1 }).waitFor();
    // The seeded certificate expires in about three years: it shows why and cannot be ticked.
    const seededRow = page.getByRole("row").filter({ hasText: zhangsanSeeded.no });
    await seededRow.getByText(/^未到续期时间：/).waitFor();
    expect(await seededRow.getByRole("checkbox").count()).toBe(0);
    await page.getByRole("checkbox", { name: `选择 ${zhangsanRenewable}` }).click();
    await screenshot(page, "certificate-renewals-person-1280");
    await page.getByRole("button", { name: "申请", exact: true }).click();
    const done = page.getByText(/申请成功，申请批号为 XQ\d{14}/);
    await done.waitFor();
    const batchNo = /XQ\d{14}/.exec((await done.textContent()) ?? "")![0];
    // The submitted application is listed below with its batch number and 已申请.
    const appRow = page.getByRole("table", { name: "续期申请记录" }).getByRole("row").filter({ hasText: batchNo });
    await appRow.getByText("已申请").waitFor();
    await screenshot(page, "certificate-renewals-person-applied-1280");
    // The same certificate cannot be applied for twice.
    await expect(page.getByRole("checkbox", { name: `选择 ${zhangsanRenewable}` }).count()).resolves.toBe(0);
    await appRow.getByRole("link", { name: /详细/ }).click();
    await page.getByText(batchNo).first().waitFor();
    await page.getByText(zhangsanRenewable).first().waitFor();
    await screenshot(page, "certificate-renewal-detail-person-1280");
    await context.close();
  }, 120_000);

  it("申请证书续期：企业查找本单位人员的证书，全选十本批量申请，共用一个申请批号", async () => {
    const { context, page } = await signedIn(ENTERPRISE, "/enterprise");
    await go(page, `/enterprise/renewals?tradeId=${tradeId}&days=90`);
    await page.getByRole("heading", { name: "申请证书续期", level: 1 }).waitFor();
    for (const no of enterpriseNos) await page.getByRole("checkbox", { name: `选择 ${no}` }).waitFor();
    await page.getByRole("checkbox", { name: "全选本页可申请的证书" }).click();
    await page.getByText("已勾选 10 本").waitFor();
    await screenshot(page, "certificate-renewals-enterprise-1280");
    await page.getByRole("button", { name: "申请", exact: true }).click();
    const done = page.getByText(/申请成功，申请批号为 XQ\d{14}/);
    await done.waitFor();
    const batchNo = /XQ\d{14}/.exec((await done.textContent()) ?? "")![0];
    const [{ n }] = await sql<{ n: number }[]>`
      select count(*)::int as n from certificate_applications a join application_batches b on b.id = a.batch_id
      join certificates c on c.id = a.certificate_id where b.batch_no = ${batchNo} and c.certificate_no like ${`E2EQY${RUN}%`}`;
    expect(n).toBe(10);
    // The list below refreshes after the submission.
    await expect.poll(() => page.getByRole("table", { name: "续期申请记录" }).getByRole("row").filter({ hasText: batchNo }).count(), { timeout: 15_000 }).toBe(10);
    await screenshot(page, "certificate-renewals-enterprise-applied-1280");
    await context.close();
  }, 120_000);

  it("申请变更证书：从业人员点击左侧菜单申请变更证书，阅读申请须知，修改工作单位，保存后提示证书变更申请成功，变更前后对照显示", async () => {
    const { context, page } = await signedIn(PERSON, "/person");
    await page.getByRole("link", { name: "申请变更证书" }).first().click();
    await page.waitForURL((u) => u.pathname === "/person/changes");
    await page.getByRole("heading", { name: "申请变更证书", level: 1 }).waitFor();
    await page.getByRole("checkbox", { name: `选择 ${zhangsanSeeded.no}` }).click();
    await screenshot(page, "certificate-changes-person-1280");
    await page.getByRole("button", { name: "申请", exact: true }).click();
    await page.waitForURL(/\/person\/changes\/new\?ids=/);
    await page.getByRole("heading", { name: "证书变更申请表", level: 1 }).waitFor();
    await page.getByRole("button", { name: "申请须知" }).click();
    const notice = page.getByRole("dialog", { name: "申请须知" });
    await notice.getByText(/证书变更适用于/).waitFor();
    await screenshot(page, "certificate-change-notice-1280");
    await notice.getByRole("button", { name: "我已阅读" }).click();
    await notice.waitFor({ state: "hidden" });
    // The current value stands beside the editable new one.
    await page.getByTestId("current-工作单位").getByText(zhangsanSeeded.employer ?? "（空）").waitFor();
    const newEmployer = "北京建工集团有限责任公司（浏览器测试）";
    await page.getByLabel("变更后工作单位").fill(newEmployer);
    await screenshot(page, "certificate-change-form-1280");
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.waitForURL(/\/person\/changes\/\d+\?created=1/);
    await page.getByText("证书变更申请成功").waitFor();
    const compare = page.getByRole("table", { name: "变更前后对比" });
    const row = compare.getByRole("row").filter({ hasText: "工作单位" });
    await row.getByText(newEmployer).waitFor();
    if (zhangsanSeeded.employer) await row.getByText(zhangsanSeeded.employer, { exact: true }).waitFor();
    // Only the changed field was submitted.
    expect(await compare.getByRole("row").count()).toBe(2);
    await screenshot(page, "certificate-change-detail-1280");
    // 打印: the filled form as PDF.
    const href = await page.getByRole("link", { name: "打印", exact: true }).getAttribute("href");
    const pdf = await page.request.get(href!);
    expect(pdf.headers()["content-type"]).toContain("application/pdf");
    expect(pdfText(await pdf.body())).toContain(newEmployer.replace(/\s+/g, ""));
    // The list shows old → new and the status.
    await page.getByRole("link", { name: "返回" }).click();
    await page.waitForURL((u) => u.pathname === "/person/changes");
    const listRow = page.getByRole("table", { name: "变更申请记录" }).getByRole("row").filter({ hasText: newEmployer });
    await listRow.getByText("已申请").waitFor();
    await context.close();
  }, 120_000);

  it("证书进京：培训机构新建申请表，输入身份证号自动判断性别和出生日期，保存后打印；另一份申请确认后删除", async () => {
    const { context, page } = await signedIn(TRAINER, "/trainer");
    const seq = (Number(RUN) % 400) * 2 + 1; // odd: a man
    const ids = [makeChineseId("360102", "1985-06-15", seq), makeChineseId("360102", "1986-07-20", seq)];
    const numbers = [`JX-${RUN}-001`, `JX-${RUN}-002`];
    const applicationIds: string[] = [];
    for (const [i, idNumber] of ids.entries()) {
      await go(page, "/trainer/transfers");
      await page.getByRole("heading", { name: "证书进京", level: 1 }).waitFor();
      await page.getByRole("link", { name: "新建申请表" }).click();
      await page.getByRole("heading", { name: "证书进京申请表", level: 1 }).waitFor();
      await page.getByRole("heading", { name: "格式说明" }).waitFor();
      await page.getByLabel("证件号码").fill(idNumber);
      await page.getByLabel("姓名").click(); // leaving the ID number looks it up
      await page.getByText("系统中无此人员，已根据证件号码判断性别和出生日期").waitFor();
      expect(await page.getByLabel("出生日期").inputValue()).toBe(i === 0 ? "1985-06-15" : "1986-07-20");
      expect(await page.getByRole("radio", { name: "男" }).isChecked()).toBe(true);
      await page.getByLabel("姓名").fill(i === 0 ? "赣一" : "赣二");
      await page.getByLabel("岗位工种").selectOption({ label: "施工员" });
      await page.getByLabel("证书编号").fill(numbers[i]);
      await page.getByLabel("发证机关").fill("江西省住房和城乡建设厅");
      await page.getByLabel("发证日期").fill("2024-03-01");
      await page.getByLabel("证书有效期至").fill("2028-02-29");
      await page.getByLabel(/证书扫描件/).setInputFiles(SCAN);
      if (i === 0) await screenshot(page, "certificate-transfer-new-1280");
      await page.getByRole("button", { name: "保存", exact: true }).click();
      await page.waitForURL(/\/trainer\/transfers\/\d+\?created=1/);
      await page.getByText("申请成功", { exact: true }).waitFor();
      applicationIds.push(/transfers\/(\d+)/.exec(page.url())![1]);
      // After 保存: 删除, 打印 and 返回.
      await page.getByRole("button", { name: "删除" }).waitFor();
      await page.getByRole("link", { name: "打印", exact: true }).waitFor();
      await page.getByRole("link", { name: "返回" }).waitFor();
      if (i === 0) await screenshot(page, "certificate-transfer-saved-1280");
    }
    // 打印 the first: its PDF carries the other province's number and authority.
    const pdf = await page.request.get(`/api/certificate-applications/${applicationIds[0]}/pdf`);
    expect(pdf.status()).toBe(200);
    const text = pdfText(await pdf.body());
    expect(text).toContain(numbers[0]);
    expect(text).toContain("江西省住房和城乡建设厅");
    // 删除 the second, after the confirmation.
    await page.getByRole("button", { name: "删除" }).click();
    const confirm = page.getByRole("alertdialog");
    await confirm.getByText("确认删除").waitFor();
    await confirm.getByRole("button", { name: "删除" }).click();
    await page.waitForURL((u) => u.pathname === "/trainer/transfers");
    const list = page.getByRole("table", { name: "证书进京申请列表" });
    await list.getByRole("row").filter({ hasText: numbers[0] }).getByText("已申请").waitFor();
    expect(await list.getByRole("row").filter({ hasText: numbers[1] }).count()).toBe(0);
    const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from certificate_applications where id = ${Number(applicationIds[1])}`;
    expect(n).toBe(0);
    await screenshot(page, "certificate-transfers-list-1280");
    // 返回 from 详细 goes back to the list.
    await list.getByRole("row").filter({ hasText: numbers[0] }).getByRole("link", { name: /详细/ }).click();
    await page.getByText(numbers[0]).first().waitFor();
    await page.getByRole("link", { name: "返回" }).click();
    await page.waitForURL((u) => u.pathname === "/trainer/transfers");
    await context.close();
  }, 180_000);

  it("手机（390 像素宽）上每个证书业务页面都不需横向滚动", async () => {
    const phone = { width: 390, height: 844 };
    const pages: [typeof PERSON | typeof ENTERPRISE | typeof TRAINER, string, string[]][] = [
      [PERSON, "/person", ["/person/renewals", "/person/changes", `/person/changes/new?ids=${zhangsanSeeded.id}`, "/person/transfers", "/person/transfers/new"]],
      [ENTERPRISE, "/enterprise", ["/enterprise/renewals", "/enterprise/changes"]],
      [TRAINER, "/trainer", ["/trainer/renewals", "/trainer/changes", "/trainer/transfers", "/trainer/transfers/new"]],
    ];
    for (const [who, home, paths] of pages) {
      const { context, page } = await signedIn(who, home, phone);
      for (const p of paths) {
        await go(page, p);
        await page.locator("h1").first().waitFor();
        expect(await noSidewaysScroll(page), p).toBe(true);
        await screenshot(page, `certificate${p.replace(/[/?=&]+/g, "-")}-390`);
      }
      // 详细 of the newest application of each kind the account has.
      for (const p of paths.filter((x) => /(renewals|changes|transfers)$/.test(x))) {
        await go(page, p);
        const detail = page.getByRole("link", { name: /^详细/ }).first();
        if ((await detail.count()) === 0) continue;
        await detail.click();
        await page.getByRole("link", { name: "返回" }).waitFor();
        expect(await noSidewaysScroll(page), `${p} 详细`).toBe(true);
        await screenshot(page, `certificate${p.replace(/\//g, "-")}-detail-390`);
      }
      await context.close();
    }
  }, 240_000);
});
