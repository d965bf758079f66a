/**
 * 考试报名 of an enterprise and a training institution in a browser against the built app (manual 2.2.1,
 * 2.3.1): one person at a time (an employee, a newcomer by ID number) with 报名成功 and 新增, and 批量报名
 * from the downloaded template with 200 rows, three of them broken, then fixed and uploaded with a ZIP of
 * photos, confirmed, and waiting for review.
 */
import fs from "node:fs";
import ExcelJS from "exceljs";
import { zipSync } from "fflate";
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REGISTRATION_IMPORT_COLUMNS, type RegistrationImportKey } from "@/lib/documents/registration-template";
import { makeChineseId, parseChineseId } from "@/lib/identity/chinese-id";
import { appSql, launchBrowser, newPage, screenshot, signIn } from "../support/browser";

type Row = Partial<Record<RegistrationImportKey, ExcelJS.CellValue>>;

let browser: Browser;
let sql: ReturnType<typeof appSql>;
let zl: number; // 质量员 (two years' work required): single registrations
let dg: number; // 建筑电工: the batch
const seq = process.pid % 900;
let jpeg: Buffer;

beforeAll(async () => {
  browser = await launchBrowser();
  sql = appSql();
  [{ id: zl }] = await sql`select id from exam_plans where code = 'KS2026-ZL-04'`;
  [{ id: dg }] = await sql`select id from exam_plans where code = 'KS2026-DG-04'`;
  jpeg = await sharp({ create: { width: 300, height: 420, channels: 3, background: { r: 200, g: 180, b: 160 } } }).jpeg({ quality: 80 }).toBuffer();
});
afterAll(async () => {
  await sql?.end();
  await browser?.close();
});

async function shots(page: Page, name: string) {
  await screenshot(page, `org-${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `org-${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The registration form below the person: work data and a photo, then 保存. */
async function fillFormAndSave(page: Page) {
  await page.getByLabel("参加工作时间").fill("2018-07-01");
  await page.getByLabel("从事工作年限（年）").fill("5");
  await page.locator('input[type="file"]').setInputFiles({ name: "photo.jpg", mimeType: "image/jpeg", buffer: jpeg });
  await page.getByText("照片已生成").waitFor();
  await page.getByRole("button", { name: "保存", exact: true }).click();
}

function batchRow(i: number, over: Row = {}): Row {
  const birth = new Date(Date.UTC(1975, 0, 1) + i * 86_400_000);
  return {
    name: `批量${i}`,
    idType: "居民身份证",
    idNumber: makeChineseId("110229", birth.toISOString().slice(0, 10), seq),
    education: "大专",
    phone: "13900000000",
    employerName: "北京城建建设工程有限公司",
    employerCode: "91110105101100019W",
    workStartDate: new Date(Date.UTC(2005, 6, 1)),
    yearsOfWork: 10,
    resume: "2005.07-至今，北京城建建设工程有限公司，电工",
    employerOpinion: "同意报名",
    ...over,
  };
}

/** The downloaded template with the sample row replaced by `rows` (Excel row 2 on). */
async function fill(template: Buffer, rows: Row[]) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet("报名信息")!;
  ws.spliceRows(2, 1);
  rows.forEach((r, i) =>
    REGISTRATION_IMPORT_COLUMNS.forEach((c, j) => {
      const v = r[c.key];
      if (v !== undefined) ws.getCell(i + 2, j + 1).value = v;
    }),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describe("企业和培训机构考试报名（浏览器）", () => {
  it("企业我要报名：查找本单位人员报名，报名成功后点新增，再按证件号码登记新人员报名", async () => {
    const [employee] = await sql`
      select p.id, p.name, p.id_number from persons p join users u on u.organization_id = p.employer_org_id and u.username = 'chengjian'
      where not exists (select 1 from registrations r where r.person_id = p.id and r.plan_id = ${zl})
        and not exists (select 1 from certificates c join exam_plans ep on ep.trade_id = c.trade_id where c.person_id = p.id and ep.id = ${zl})
      order by p.id limit 1`;
    expect(employee).toBeTruthy();
    const { context, page } = await newPage(browser);
    await signIn(page, { mode: "hall", username: "chengjian", password: "Demo@2026" });
    await page.waitForURL("**/enterprise**");
    await page.goto("/enterprise/registrations");
    const plan = page.getByRole("row", { name: /2026年第四季度质量员岗位考试/ });
    await plan.getByRole("link", { name: /我要报名/ }).click();
    await page.waitForURL(/\/enterprise\/registrations\/new\?planId=\d+/);
    await page.getByRole("heading", { name: "查找本单位人员" }).waitFor();

    await page.getByLabel("姓名或证件号码").fill(employee.name);
    await page.getByRole("button", { name: "查询" }).click();
    await page.getByRole("button", { name: `选择 ${employee.name}` }).first().click();
    await page.getByText(/此人/).waitFor();
    expect(await page.locator("#reg-idNumber").inputValue()).toBe(employee.id_number);
    await shots(page, "single");
    await fillFormAndSave(page);
    await page.getByText("报名成功").waitFor();
    const [saved] = await sql`select registration_no from registrations where person_id = ${employee.id} and plan_id = ${zl}`;
    await page.getByText(saved.registration_no).waitFor();

    // 新增: the next person at once, the ID field empty and focused.
    await page.getByRole("button", { name: "新增" }).click();
    await page.locator("#reg-idNumber").waitFor();
    expect(await page.locator("#reg-idNumber").inputValue()).toBe("");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("reg-idNumber");
    const newcomer = makeChineseId("110105", "1991-03-08", (seq + 1) % 1000);
    await page.keyboard.type(newcomer);
    await page.locator("#reg-name").fill(`新员工${seq}`);
    await page.locator("#reg-name").blur();
    await page.getByText("该证件号码尚未登记，保存时将新建人员，请填写人员信息。").waitFor();
    await page.getByText("此人尚未报名过考试，可以报名").waitFor();
    const parsed = parseChineseId(newcomer);
    expect(parsed.ok && (await page.locator("#reg-birthDate").inputValue())).toBe(parsed.ok ? parsed.birthDate : "");
    await page.locator("#reg-phone").fill("13911110000");
    await page.locator("#reg-education").selectOption("本科");
    await fillFormAndSave(page);
    await page.getByText("报名成功").waitFor();
    const [p] = await sql`select p.name, p.employer_org_id, r.submitter_kind from persons p join registrations r on r.person_id = p.id where p.id_number = ${newcomer}`;
    expect(p.name).toBe(`新员工${seq}`);
    expect(p.submitter_kind).toBe("enterprise");
    await page.getByRole("button", { name: "新增" }).waitFor();
    await context.close();
  });

  it("企业批量报名：下载模版填 200 行，三行错误（校验位、参加工作时间晚于今天、文件内重复）逐行提示，改正后连同照片 ZIP 导入，200 人待审核", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, { mode: "hall", username: "chengjian", password: "Demo@2026" });
    await page.waitForURL("**/enterprise**");
    await page.goto("/enterprise/registrations");
    await page.getByRole("row", { name: /2026年第四季度建筑电工考试/ }).getByRole("link", { name: /批量报名/ }).click();
    await page.waitForURL(/\/enterprise\/registrations\/batch\?planId=\d+/);

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "报名表导入模版" }).click();
    const template = fs.readFileSync(await (await download).path());
    const rows = Array.from({ length: 200 }, (_, i) => batchRow(i));
    const broken = rows.map((r) => ({ ...r }));
    const id3 = String(broken[1].idNumber);
    broken[1].idNumber = id3.slice(0, 17) + (id3[17] === "0" ? "1" : "0"); // Excel row 3: wrong check digit
    broken[8].workStartDate = new Date(Date.now() + 40 * 86_400_000); // row 10: starts work in the future
    broken[18].idNumber = broken[17].idNumber; // row 20 repeats row 19

    await page.getByLabel("报名表文件（.xlsx）").setInputFiles({ name: "报名表-有错误.xlsx", mimeType: XLSX, buffer: await fill(template, broken) });
    await page.getByRole("region", { name: "上传报名表" }).getByRole("button", { name: "上传", exact: true }).click();
    await page.getByText("检查结果", { exact: false }).waitFor({ timeout: 60_000 });
    const errors = page.locator("table").filter({ hasText: "错误说明" });
    await errors.waitFor();
    const text = (await errors.innerText()).replace(/\s+/g, " ");
    expect(text).toMatch(/第 3 行 \*?证件号码/);
    expect(text).toMatch(/第 10 行 \*?参加工作时间/);
    expect(text).toMatch(/第 20 行/);
    await page.getByRole("link", { name: "下载标记错误的报名表" }).waitFor();
    await shots(page, "batch-errors");

    const fixed = rows.map((r) => ({ ...r }));
    await page.getByLabel("报名表文件（.xlsx）").setInputFiles({ name: "报名表.xlsx", mimeType: XLSX, buffer: await fill(template, fixed) });
    await page.getByRole("region", { name: "上传报名表" }).getByRole("button", { name: "上传", exact: true }).click();
    await page.getByText("共 200 行：正确 200 行。").waitFor({ timeout: 60_000 });

    const zip = Buffer.from(zipSync(Object.fromEntries(fixed.map((r) => [`${r.idNumber}.jpg`, [new Uint8Array(jpeg), { level: 0 }]]))));
    await page.getByLabel("选择照片").setInputFiles({ name: "照片.zip", mimeType: "application/zip", buffer: zip });
    await page.getByRole("button", { name: "删除 照片.zip" }).waitFor();
    await page.getByRole("region", { name: "照片批量上传" }).getByRole("button", { name: "上传", exact: true }).click();
    await page.getByText(/照片上传成功：200 张/).waitFor({ timeout: 60_000 });
    await shots(page, "batch-photos");

    await page.getByRole("button", { name: "确认导入" }).click();
    await page.getByText("导入成功：已报名 200 人", { exact: false }).waitFor({ timeout: 90_000 });
    await page.getByRole("heading", { name: "本批次报名信息" }).waitFor({ timeout: 30_000 });
    await page.getByText("共 200 条").waitFor();
    const [{ n }] = await sql`select count(*)::int as n from registrations r join import_batches b on b.id = r.import_batch_id
      where r.plan_id = ${dg} and r.status = 'submitted' and b.original_name = '报名表.xlsx'`;
    expect(n).toBe(200);
    await shots(page, "batch-saved");
    await context.close();
  });

  it("培训机构我要报名：输入证件号码和姓名，显示所处阶段，保存后报名成功", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, { mode: "staff", username: "peixun", password: "Demo@2026" });
    await page.waitForURL("**/trainer**");
    await page.goto(`/trainer/registrations/new?planId=${zl}`);
    await page.locator("#reg-idNumber").waitFor();
    expect(await page.getByText("查找本单位人员").count()).toBe(0);
    const idNumber = makeChineseId("110106", "1993-11-20", (seq + 2) % 1000);
    await page.locator("#reg-idNumber").fill(idNumber);
    await page.locator("#reg-name").fill(`学员${seq}`);
    await page.locator("#reg-name").blur();
    await page.getByText("此人尚未报名过考试，可以报名").waitFor();
    await page.locator("#employerName").fill("北京某建筑劳务有限公司");
    await fillFormAndSave(page);
    await page.getByText("报名成功").waitFor();
    const [r] = await sql`select r.submitter_kind, p.employer_org_id from registrations r join persons p on p.id = r.person_id where p.id_number = ${idNumber}`;
    expect(r.submitter_kind).toBe("trainer");
    expect(r.employer_org_id).toBeNull();
    await screenshot(page, "org-trainer-saved-1280");
    await context.close();
  });
});
