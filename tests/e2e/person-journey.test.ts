/**
 * The whole life of one registration, across roles, in a browser against the built app:
 * the centre publishes a plan → the practitioner registers with a photo → the centre approves, records the
 * payment and arranges the rooms → the practitioner downloads the ticket (PDF and Word) → the centre records a
 * pass, publishes the results and issues the certificate → the practitioner sees it, and its QR link verifies it.
 *
 * Both sides go through the browser: the centre in its own session (/admin pages), the practitioner in theirs.
 * Only the clock is moved with SQL (the ticket printing window opens "now").
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { unzipSync, strFromU8 } from "fflate";
import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { qrPngBuffer, qrPrintPng, qrPngDataUrl } from "@/lib/documents/qr";
import { makeUscc } from "@/lib/identity/org-code";
import { toDateTimeLocal } from "@/lib/time";
import { verifyUrl } from "@/lib/verify";
import { appSql, baseURL, launchBrowser, newPage, screenshot, signIn } from "../support/browser";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PLAN_NAME = `2026年安全员岗位考试（浏览器测试${process.pid}）`;
const TMP = path.join(os.tmpdir(), `person-journey-${process.pid}`);

let browser: Browser;
let sql: ReturnType<typeof appSql>;
let centre: { context: BrowserContext; page: Page };
let planId: number;
let registrationId: number;
let person: { context: BrowserContext; page: Page };

// ------------------------------------------------------------------------------------------------ helpers

function tool(cmd: string, args: string[]) {
  return execFileSync(cmd, args, { encoding: "utf8" });
}

function save(buf: Buffer, ext: string) {
  fs.mkdirSync(TMP, { recursive: true });
  const file = path.join(TMP, `${Math.random().toString(36).slice(2)}.${ext}`);
  fs.writeFileSync(file, buf);
  return file;
}

/** The PDF's text with whitespace removed, so values wrapped over lines still match (Chinese included). */
function pdfText(pdf: Buffer) {
  return tool("pdftotext", ["-enc", "UTF-8", save(pdf, "pdf"), "-"]).replace(/\s+/g, "");
}

/** Raster images in the PDF (pdfimages -list), without the soft masks of PNG alpha. */
function pdfImages(pdf: Buffer) {
  return tool("pdfimages", ["-list", save(pdf, "pdf")])
    .split("\n")
    .slice(2)
    .map((l) => l.trim().split(/\s+/))
    .filter((c) => c[2] === "image")
    .map((c) => ({ width: Number(c[3]), height: Number(c[4]) }));
}

/** Pixels of the PDF's image of the given size, extracted with pdfimages. */
async function pdfImagePixels(pdf: Buffer, width: number, height: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pdfimg-"));
  tool("pdfimages", ["-png", save(pdf, "pdf"), path.join(dir, "img")]);
  // Sorted: an image comes before the soft mask that carries its alpha.
  for (const f of fs.readdirSync(dir).sort()) {
    const img = sharp(path.join(dir, f));
    const m = await img.metadata();
    if (m.width === width && m.height === height) return img.greyscale().raw().toBuffer();
  }
  throw new Error(`no ${width}x${height} image in the PDF`);
}

/** Clicks a button that opens a confirmation dialog, then the dialog's own confirm button. */
async function confirm(page: Page, trigger: string, confirmLabel = trigger) {
  await page.getByRole("button", { name: trigger, exact: true }).first().click();
  const dialog = page.getByRole("alertdialog");
  await dialog.waitFor();
  await dialog.getByRole("button", { name: confirmLabel, exact: true }).click();
  await dialog.waitFor({ state: "detached" });
}

/** Waits until the centre's click has taken effect in the database (its pages word their results their own way). */
async function until(query: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await sql.unsafe(query)).length === 0) {
    if (Date.now() > deadline) throw new Error(`not reached: ${query}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function download(page: Page, click: () => Promise<void>) {
  const [dl] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: dl.suggestedFilename(), data: fs.readFileSync((await dl.path())!) };
}

/** A phone photo: landscape pixels with EXIF orientation 6, i.e. a portrait picture once turned upright. */
async function phonePhoto() {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200">
    <rect width="100%" height="100%" fill="#cfe0f2"/><ellipse cx="760" cy="600" rx="260" ry="200" fill="#b98a6b"/>
    <rect x="1100" y="300" width="400" height="600" fill="#2f4f6f"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toBuffer();
}

async function shots(name: string) {
  // A full-page shot of a scrolled page would paint the sticky header halfway down.
  await person.page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(person.page, `person-${name}-1280`);
  const mobile = await browser.newContext({
    baseURL: baseURL(),
    viewport: { width: 390, height: 844 },
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    storageState: await person.context.storageState(),
    deviceScaleFactor: 1,
  });
  const p = await mobile.newPage();
  await p.goto(person.page.url());
  await p.waitForLoadState("networkidle");
  // Nothing may overflow the phone's width (tables scroll inside their own region).
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} is wider than a 390 px phone`).toBeLessThanOrEqual(0);
  await screenshot(p, `person-${name}-390`);
  await mobile.close();
}

// ------------------------------------------------------------------------------------------------ setup

beforeAll(async () => {
  browser = await launchBrowser();
  sql = appSql();
  // The server signs verification links with this secret (tests/support/app-server.ts); so do we, to compare.
  process.env.AUTH_SECRET = "e2e-secret-not-for-production-0123456789";
  process.env.AUTH_URL = baseURL();
  person = await newPage(browser);
  centre = await newPage(browser);
  await signIn(centre.page, { mode: "staff", username: "admin", password: "Admin@2026" });
  await centre.page.waitForURL((u) => u.pathname === "/admin");
});

afterAll(async () => {
  await person?.context.close();
  await centre?.context.close();
  await browser?.close();
  await sql?.end();
  fs.rmSync(TMP, { recursive: true, force: true });
});

// ------------------------------------------------------------------------------------------------ the journey

describe("从业人员：一次报名的全过程（浏览器）", () => {
  it("注册中心新建并发布考试计划（报名已开始，工作年限要求 3 年）", async () => {
    const { page } = centre;
    await page.goto("/admin/plans/new");
    await page.getByLabel("计划编号").fill(`E2E-AQ-${process.pid}`.slice(0, 20));
    await page.getByLabel("考试名称").fill(PLAN_NAME);
    await page.getByLabel("岗位工种").selectOption({ label: "安全员（GL03）" });
    await page.getByLabel("报名开始时间").fill(toDateTimeLocal(new Date(Date.now() - HOUR)));
    await page.getByLabel("最低从事工作年限（年）").fill("3");
    await page.getByLabel("考生须知").fill("1. 考生须携带准考证和身份证件，开考前30分钟入场。\n2. 考场内严禁携带通讯工具。");
    await page.getByRole("checkbox", { name: /北京市建设教育协会海淀考点/ }).click();
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.waitForURL(/\/admin\/plans\/\d+$/);
    planId = Number(page.url().split("/").pop());
    await confirm(page, "发布");
    await page.getByText("考试计划已发布，开始接受报名").waitFor();
  });

  it("从业人员查找考试计划，填写报名表、上传照片并调整裁剪，保存后提示报名成功", async () => {
    const { page } = person;
    await signIn(page, { mode: "hall", username: "zhangsan", password: "Demo@2026" });
    await page.waitForURL((u) => u.pathname === "/person/registrations");
    await page.getByLabel("考试名称").fill("浏览器测试");
    await page.getByRole("button", { name: "查询" }).click();
    const row = page.getByRole("row", { name: new RegExp(PLAN_NAME.replace(/[()（）]/g, ".")) });
    await row.waitFor();
    await shots("registrations");
    await row.getByRole("link", { name: "我要报名" }).click();
    await page.waitForURL(/\/person\/registrations\/new\?planId=\d+/);

    // The employer's code fills its name in as it is typed.
    await page.locator("#employerName").fill("");
    await page.getByLabel("组织机构代码 / 统一社会信用代码").fill(makeUscc("10110001"));
    await page.waitForFunction(() => (document.getElementById("employerName") as HTMLInputElement | null)?.value === "北京城建建设工程有限公司");
    await page.getByLabel("参加工作时间").fill("2010-07-01");
    await page.getByLabel("从事工作年限（年）").fill("12");
    await page.getByRole("button", { name: "添加一行" }).click();
    await page.getByLabel("起止时间（第1行）").fill("2010.07-至今");
    await page.locator("#resume-0-employer").fill("北京城建建设工程有限公司");
    await page.locator("#resume-0-post").fill("安全员");
    await page.getByRole("button", { name: "添加一行" }).click();
    await page.getByRole("button", { name: "删除第2行简历" }).click();
    await page.getByLabel("聘用单位意见").fill("同意报名");

    // 保存 before any photo: the photo is reported with the other fields at once, beside its field only.
    await page.getByLabel("参加工作时间").fill("");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("请上传一寸彩色照片").waitFor();
    await page.getByText("请选择参加工作时间").waitFor();
    expect(await page.getByText("请上传一寸彩色照片").count()).toBe(1);
    await page.getByLabel("参加工作时间").fill("2010-07-01");

    // A wrong file first: a text file named .jpg is refused with a clear message.
    await page.locator('input[type="file"]').setInputFiles({ name: "photo.jpg", mimeType: "image/jpeg", buffer: Buffer.from("not really a photo") });
    // The message says what the file really is and what the field takes (lib/uploads/inspect.ts).
    await page.getByText("“photo.jpg”是文本文件（如 CSV），这里只能上传JPG 图片或PNG 图片").waitFor();

    await page.locator('input[type="file"]').setInputFiles({ name: "手机照片.jpg", mimeType: "image/jpeg", buffer: await phonePhoto() });
    await page.getByRole("img", { name: "生成的一寸照片" }).waitFor();
    await page.getByText("照片已生成").waitFor();
    expect(await page.getByText("请上传一寸彩色照片").count()).toBe(0);
    // Move the crop box with the keyboard and make it smaller, then apply the crop.
    const box = page.getByRole("group", { name: "裁剪选框：拖动或用方向键移动" });
    await box.focus();
    await page.getByLabel("选框大小").fill("70");
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowUp");
    await page.getByRole("button", { name: "应用裁剪" }).click();
    await page.getByText("已按选定区域生成照片。").waitFor();
    await shots("registration-form");

    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/\/person\/registrations\/\d+\?saved=1$/);
    registrationId = Number(new URL(page.url()).pathname.split("/").pop());
    await page.getByText("报名成功").first().waitFor();
    await page.getByText("待审核").first().waitFor();
    await shots("registration-detail");

    // The photo stored is the normalised one-inch JPEG, upright, without metadata.
    const [r] = await sql`select photo_file_id from registrations where id = ${registrationId}`;
    const photo = await person.page.request.get(`/api/photos/${r.photo_file_id}`);
    expect(photo.headers()["cache-control"]).toBe("private, no-store");
    const meta = await sharp(await photo.body()).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif, meta.orientation]).toEqual(["jpeg", 295, 413, undefined, undefined]);
  });

  it("打印报名表（PDF，含中文和照片）和导出报名表", async () => {
    const { page } = person;
    const pdf = await page.request.get(`/api/registrations/${registrationId}/pdf`);
    expect(pdf.status()).toBe(200);
    const body = await pdf.body();
    const text = pdfText(body);
    for (const s of ["建设行业从业人员考试报名表", "张三", PLAN_NAME.replace(/\s+/g, ""), "北京城建建设工程有限公司", "2010.07-至今", "同意报名", "待审核"]) expect(text).toContain(s);
    expect(pdfImages(body)).toContainEqual({ width: 295, height: 413 });
    const xlsx = await download(page, () => page.getByRole("link", { name: "导出" }).click());
    expect(xlsx.name).toMatch(/^报名表-BM\d{14}\.xlsx$/);
    expect(xlsx.data.subarray(0, 2).toString()).toBe("PK");
  });

  it("审核前可以修改；注册中心审核通过、登记缴费、编排考场后不能再修改", async () => {
    const { page } = person;
    await page.getByRole("link", { name: "修改" }).click();
    await page.waitForURL(/\/edit$/);
    await page.getByLabel("从事工作年限（年）").fill("13");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL((u) => /^\/person\/registrations\/\d+$/.test(u.pathname));
    await page.getByText("修改保存成功").waitFor();
    await page.getByText("13 年").first().waitFor();

    // The centre approves (缴费通知 goes out) …
    const { page: admin } = centre;
    await admin.goto(`/admin/registrations?planId=${planId}`);
    await admin.getByRole("checkbox", { name: "勾选 张三" }).click();
    await confirm(admin, "审核通过");
    await until(`select 1 from registrations where id = ${registrationId} and status = 'approved'`);
    await page.reload();
    await page.getByText("审核通过/待缴费").first().waitFor();
    await page.getByText("请按缴费通知缴纳考试费 180.00 元").waitFor();
    expect(await page.getByRole("link", { name: "修改" }).count()).toBe(0);

    // … records the payment, closes registration and arranges the rooms.
    await admin.goto(`/admin/payments?planId=${planId}`);
    await admin.getByRole("checkbox", { name: "勾选 张三" }).click();
    await confirm(admin, "登记缴费");
    await until(`select 1 from registrations where id = ${registrationId} and status = 'paid'`);
    await admin.goto(`/admin/plans/${planId}`);
    await confirm(admin, "结束报名");
    await until(`select 1 from exam_plans where id = ${planId} and status = 'closed'`);
    await admin.goto(`/admin/seating/${planId}`);
    await confirm(admin, "开始编排", "编排");
    await until(`select 1 from registrations where id = ${registrationId} and status = 'seated'`);
    // Time travel: the printing window opens now.
    await sql`update exam_plans set ticket_start_at = now() - interval '1 hour' where id = ${planId}`;
    await page.reload();
    await page.getByText("已编排").first().waitFor();
    // The edit page refuses too.
    await page.goto(`/person/registrations/${registrationId}/edit`);
    await page.getByText("只有待审核的报名可以修改").waitFor();
  });

  it("打印准考证：在考试名称中选择考试计划，查询，详细，下载 PDF 和 Word", async () => {
    const { page } = person;
    await page.goto("/person/tickets");
    await page.getByLabel("考试名称").click();
    const dialog = page.getByRole("dialog", { name: "考试计划选择" });
    await dialog.waitFor();
    await dialog.getByLabel("岗位工种").selectOption({ label: "安全员" });
    await dialog.getByRole("button", { name: "查询" }).click();
    await dialog.getByRole("button", { name: new RegExp(PLAN_NAME.replace(/[()（）]/g, ".")) }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await page.getByLabel("考试名称").inputValue()).toBe(PLAN_NAME);
    await page.getByRole("search", { name: "准考证查询" }).getByRole("button", { name: "查询" }).click();
    await page.waitForURL(/planId=\d+/);
    await shots("tickets");
    await page.getByRole("link", { name: `详细：${PLAN_NAME}` }).click();
    await page.waitForURL(`**/person/tickets/${registrationId}`);
    await page.getByRole("heading", { name: "准考证" }).first().waitFor();
    await shots("ticket");

    const [reg] = await sql`select ticket_no, seat_no, ticket_printed_at from registrations where id = ${registrationId}`;
    expect(reg.ticket_printed_at).toBeNull();
    await page.getByRole("button", { name: "打印" }).click();
    const pdf = await download(page, () => page.getByRole("button", { name: "PDF 格式" }).click());
    expect(pdf.name).toBe(`准考证-${reg.ticket_no}.pdf`);
    const text = pdfText(pdf.data);
    for (const s of ["准考证", reg.ticket_no, "张三", "安全员", "北京市建设教育协会海淀考点", "第01考场", "考生须知", "扫码核验准考证"]) expect(text).toContain(s);
    const images = pdfImages(pdf.data);
    expect(images).toContainEqual({ width: 295, height: 413 });
    // The QR code in the PDF is the signed verification link of this ticket.
    const ticketUrl = verifyUrl("ticket", registrationId);
    // Tickets carry the print form of the code (lib/documents/qr.ts: 1 bit per pixel, whole pixels per module).
    const qr = await sharp(qrPrintPng(ticketUrl)).greyscale().raw().toBuffer();
    const qrMeta = await sharp(qrPrintPng(ticketUrl)).metadata();
    expect((await pdfImagePixels(pdf.data, qrMeta.width!, qrMeta.height!)).equals(qr)).toBe(true);

    await page.getByRole("button", { name: "打印" }).click();
    const word = await download(page, () => page.getByRole("button", { name: "Word 格式" }).click());
    expect(word.name).toBe(`准考证-${reg.ticket_no}.docx`);
    const files = unzipSync(new Uint8Array(word.data));
    const xml = strFromU8(files["word/document.xml"]);
    for (const s of [reg.ticket_no, "张三", "安全员", "考生须知"]) expect(xml).toContain(s);
    expect(Object.keys(files).some((f) => f.startsWith("word/media/") && /\.(jpe?g|jpg)$/.test(f))).toBe(true);

    const [after] = await sql`select ticket_printed_at from registrations where id = ${registrationId}`;
    expect(after.ticket_printed_at).not.toBeNull();

    // The ticket's QR link, opened without a session, confirms the seat with the ID number masked.
    const anon = await browser.newContext({ baseURL: baseURL() });
    const v = await anon.newPage();
    await v.goto(ticketUrl);
    await v.getByText("准考证有效").waitFor();
    const shown = await v.locator("main").innerText();
    expect(shown).toContain(reg.ticket_no);
    expect(shown).toMatch(/110105\*{8}123[\dX]/);
    await anon.close();
  });

  it("注册中心确认考试结束、导入合格成绩、发布成绩、发证；从业人员查看考试结果并导出名单", async () => {
    const { page: admin } = centre;
    const [reg] = await sql`select ticket_no from registrations where id = ${registrationId}`;
    // Before the exam's end time 确认考试结束 is disabled, with the reason beside it.
    await admin.goto(`/admin/scores/${planId}`);
    await admin.getByText(/考试结束后才能确认/).waitFor();
    expect(await admin.getByRole("button", { name: "确认考试结束" }).isDisabled()).toBe(true);
    // The exam took place yesterday: 确认考试结束 is refused before its end time.
    await sql`update exam_plans set exam_start_at = now() - interval '26 hours', exam_end_at = now() - interval '24 hours' where id = ${planId}`;
    await admin.goto(`/admin/scores/${planId}`);
    await confirm(admin, "确认考试结束");
    await until(`select 1 from exam_plans where id = ${planId} and status = 'held'`);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("成绩");
    ws.addRow(["准考证号", "姓名", "成绩"]);
    ws.addRow([reg.ticket_no, "张三", 88]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await admin.getByLabel("成绩文件（.xlsx）").setInputFiles({ name: "成绩.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });
    await admin.getByRole("button", { name: "导入", exact: true }).click();
    await until(`select 1 from registrations where id = ${registrationId} and score = 88 and passed`);
    await confirm(admin, "发布成绩");
    await until(`select 1 from exam_plans where id = ${planId} and status = 'results_published'`);
    await admin.goto(`/admin/certificates/${planId}`);
    await confirm(admin, "发证");
    await until(`select 1 from certificates where registration_id = ${registrationId}`);

    const { page } = person;
    await page.goto(`/person/results?planId=${planId}`);
    const row = page.getByRole("row", { name: /张三/ });
    await row.waitFor();
    expect(await row.innerText()).toContain("合格");
    expect(await row.innerText()).toContain("88");
    await shots("results");
    const xlsx = await download(page, () => page.getByRole("link", { name: "导出名单" }).click());
    expect(xlsx.name).toMatch(/^考试合格人员名单-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheet = strFromU8(unzipSync(new Uint8Array(xlsx.data))["xl/sharedStrings.xml"]);
    expect(sheet).toContain("张三");
    expect(sheet).not.toContain("110105198803151"); // ID numbers are masked in the list
  });

  it("个人证书信息：看到新证书（有效），详细，下载证书 PDF，二维码链接核验证书", async () => {
    const { page } = person;
    await page.goto("/person/certificates");
    const [cert] = await sql`select id, certificate_no from certificates where registration_id = ${registrationId}`;
    const row = page.getByRole("row", { name: new RegExp(cert.certificate_no) });
    await row.waitFor();
    expect(await row.innerText()).toContain("有效");
    await shots("certificates");
    await row.getByRole("link", { name: "详细" }).click();
    await page.waitForURL(`**/person/certificates/${cert.id}`);
    await shots("certificate");

    const link = page.getByRole("link", { name: "打开核验页面" });
    const href = (await link.getAttribute("href"))!;
    // The QR on the page encodes exactly that link.
    expect(await page.getByRole("img", { name: "证书核验二维码" }).getAttribute("src")).toBe(await qrPngDataUrl(href));

    const pdf = await download(page, () => page.getByRole("link", { name: "下载证书（PDF）" }).click());
    const text = pdfText(pdf.data);
    for (const s of ["建设行业从业人员岗位证书", cert.certificate_no, "张三", "安全员", "有效", "扫码验证证书真伪"]) expect(text).toContain(s);
    expect(pdfImages(pdf.data)).toContainEqual({ width: 295, height: 413 });
    const qrMeta = await sharp(await qrPngBuffer(href)).metadata();
    expect((await pdfImagePixels(pdf.data, qrMeta.width!, qrMeta.height!)).equals(await sharp(await qrPngBuffer(href)).greyscale().raw().toBuffer())).toBe(true);

    const anon = await browser.newContext({ baseURL: baseURL(), viewport: { width: 390, height: 844 } });
    const v = await anon.newPage();
    await v.goto(href);
    await v.getByText("证书真实有效").waitFor();
    const shown = await v.locator("main").innerText();
    expect(shown).toContain(cert.certificate_no);
    expect(shown).toContain("安全员");
    expect(shown).toMatch(/110105\*{8}123[\dX]/);
    expect(shown).not.toMatch(/110105198803151/);
    await screenshot(v, "verify-certificate-390");
    // A forged link verifies nothing.
    await v.goto(href.replace(/.$/, (c) => (c === "A" ? "B" : "A")));
    await v.getByText("核验失败").waitFor();
    await anon.close();
  });

  it("我的报名：成绩发布后状态显示合格，不再是已编排", async () => {
    const { page } = person;
    await page.goto("/person/registrations");
    const row = page.getByRole("region", { name: "我的报名记录" }).getByRole("row", { name: new RegExp(PLAN_NAME.replace(/[()（）]/g, ".")) });
    await row.waitFor();
    expect(await row.innerText()).toContain("合格");
    expect(await row.innerText()).not.toContain("已编排");
    await page.goto(`/person/registrations/${registrationId}`);
    await page.getByRole("region", { name: "报名状态" }).getByText("合格", { exact: true }).waitFor();
  });

  it("消息：缴费通知、考场安排、成绩发布、证书发放都能看到，各自链接到所说的记录；打开消息页后未读数归零", async () => {
    const { page } = person;
    const [{ n }] = await sql`select count(*)::int as n from notifications n join users u on u.person_id = n.person_id where u.username = 'zhangsan' and n.read_at is null`;
    expect(n).toBeGreaterThan(0);
    await page.goto("/person/messages");
    for (const t of ["缴费通知", "考场已安排", "成绩已发布", "证书已发放"]) await page.getByRole("heading", { name: t }).first().waitFor();
    await shots("messages");
    // The bell drops to 0 without pressing 全部标为已读.
    await page.getByRole("link", { name: "消息，0 条未读" }).waitFor();
    const [{ left }] = await sql`select count(*)::int as left from notifications n join users u on u.person_id = n.person_id where u.username = 'zhangsan' and n.read_at is null`;
    expect(left).toBe(0);
    const [cert] = await sql`select id from certificates where registration_id = ${registrationId}`;
    const links = [
      ["证书已发放", `/person/certificates/${cert.id}`],
      ["考场已安排", `/person/tickets/${registrationId}`],
      ["缴费通知", `/person/registrations/${registrationId}`],
    ] as const;
    for (const [title, target] of links) {
      await page.goto("/person/messages");
      await page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title }) }).first().getByRole("link", { name: "查看详情" }).click();
      await page.waitForURL((u) => u.pathname === target);
    }
  });

  it("再报一门考试：照片沿用上次的，保存后撤回，可以重新报名", async () => {
    const { page } = person;
    await page.goto("/person/registrations?name=建筑电工");
    await page.getByRole("link", { name: "我要报名" }).first().click();
    await page.waitForURL(/\/person\/registrations\/new\?planId=\d+/);
    // The photo on record is offered again.
    await page.getByRole("img", { name: "生成的一寸照片" }).waitFor();
    await page.getByLabel("从事工作年限（年）").fill("12");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/\?saved=1$/);
    await page.getByRole("button", { name: "撤回" }).click();
    await page.getByRole("alertdialog", { name: "确认撤回报名？" }).getByRole("button", { name: "确定" }).click();
    await page.getByText("本次报名已撤回").waitFor();
    await page.getByText("已撤回").first().waitFor();
    await page.getByRole("link", { name: "重新报名" }).waitFor();
  });

  it("别人的报名、准考证和照片在浏览器里也打不开", async () => {
    {
      const [other] = await sql`select id from registrations where person_id <> (select person_id from users where username = 'zhangsan') order by id limit 1`;
      const { page } = person;
      expect((await page.request.get(`/api/registrations/${other.id}/pdf`)).status()).toBe(404);
      expect((await page.request.get(`/api/tickets/${other.id}`)).status()).toBe(404);
      const res = await page.goto(`/person/registrations/${other.id}`);
      expect(res?.status()).toBe(404);
    }
  });
});
