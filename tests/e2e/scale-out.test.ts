/**
 * Two app instances on one PostgreSQL database and one S3-compatible store (s3rver), behind a round-robin proxy,
 * each with a file folder of its own that must stay empty. The key journeys through the proxy: 验证码 drawn by one
 * instance and checked by the other, a session good on both, sign-in failure counters and the captcha rate limit
 * counted across both, a photo uploaded to one and served by the other, and batch jobs (pg-boss) run by
 * whichever instance is there. Ports: SCALE_OUT_PORT (3140) and the next two: instances a, b and the proxy.
 */
import fs from "node:fs";
import ExcelJS from "exceljs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import postgres from "postgres";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "@/db/client";
import { REGISTRATION_IMPORT_COLUMNS, type RegistrationImportKey } from "@/lib/documents/registration-template";
import { makeChineseId } from "@/lib/identity/chinese-id";
import { arrangeSeats } from "@/lib/services/admin/seating";
import { S3FileStore, s3ConfigFromEnv } from "@/lib/storage/s3";
import { filesUnder, instanceFilesDir, startAppInstance, type AppInstance } from "../support/app-instance";
import { CHROMIUM, screenshot } from "../support/browser";
import { adminSession, makePlan } from "../integration/admin-fixtures";
import { createDatabaseFrom, dropDatabase, uniqueDbName } from "../support/db-server";
import { startRoundRobinProxy, type RoundRobinProxy } from "../support/round-robin-proxy";
import { startS3Server, type S3TestServer } from "../support/s3-server";

const BASE_PORT = Number(process.env.SCALE_OUT_PORT ?? 3140);
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

let s3: S3TestServer;
let dbName: string;
let sql: postgres.Sql;
let t: ReturnType<typeof createDb>;
let a: AppInstance;
let b: AppInstance;
let proxy: RoundRobinProxy;
let browser: Browser;

beforeAll(async () => {
  s3 = await startS3Server();
  dbName = uniqueDbName("scale");
  const dbUrl = await createDatabaseFrom(inject("dbServerUrl"), inject("templateDb"), dbName);
  sql = postgres(dbUrl, { max: 2, onnotice: () => {} });
  t = createDb(dbUrl, { max: 2 });
  proxy = await startRoundRobinProxy(
    [
      { name: "a", port: BASE_PORT },
      { name: "b", port: BASE_PORT + 1 },
    ],
    BASE_PORT + 2,
  );
  const env = { ...s3.env, TRUSTED_PROXY_HOPS: "1" };
  // One after the other: both at once would compete for the two cores while starting.
  a = await startAppInstance({ name: "a", port: BASE_PORT, dbUrl, publicUrl: proxy.url, env });
  b = await startAppInstance({ name: "b", port: BASE_PORT + 1, dbUrl, publicUrl: proxy.url, env });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic"] });
});

afterAll(async () => {
  await browser?.close();
  await a?.stop();
  await b?.stop();
  await proxy?.close();
  await sql?.end();
  await t?.client.end();
  if (dbName) await dropDatabase(inject("dbServerUrl"), dbName).catch(() => {});
  await s3?.close();
});

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: proxy.url, viewport: { width: 1280, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  context.setDefaultTimeout(20_000);
  return { context, page: await context.newPage() };
}

async function clearIpLimits() {
  await sql`delete from rate_limits where key like 'login-ip:%' or key like 'captcha-ip:%'`;
}

async function captchaAnswer(page: Page) {
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('img[alt^="验证码"]');
    return Boolean(img && img.complete && img.naturalWidth > 0);
  });
  const cookie = (await page.context().cookies()).find((c) => c.name === "kw_captcha");
  if (!cookie) throw new Error("no captcha cookie");
  const [row] = await sql`select answer from captchas where id = ${cookie.value}`;
  return row.answer as string;
}

async function signInStaff(page: Page, username: string, password: string) {
  await clearIpLimits();
  await page.goto("/login");
  await page.getByRole("tab", { name: "培训机构 / 注册中心" }).click();
  const panel = page.getByRole("tabpanel");
  await panel.getByLabel("用户名").fill(username);
  await panel.getByLabel("密码").fill(password);
  await panel.getByLabel("验证码").fill(await captchaAnswer(page));
  await panel.getByRole("button", { name: "登录", exact: true }).click();
}

async function signInHall(page: Page, username: string, password: string) {
  await clearIpLimits();
  await page.goto("/login");
  const panel = page.getByRole("tabpanel");
  await panel.getByLabel("用户名 / 统一社会信用代码").fill(username);
  await panel.getByLabel("密码").fill(password);
  await panel.getByRole("button", { name: "登录", exact: true }).click();
}

describe("两个应用实例共用数据库和 S3 存储（经轮询代理）", () => {
  it("验证码由实例 a 发出、由实例 b 核对；登录后的会话在两个实例上都有效", async () => {
    proxy.route = (req) => (req.url?.startsWith("/api/captcha") ? "a" : "b");
    const { context, page } = await newPage();
    const mark = proxy.served.length;
    await signInStaff(page, "admin", "Admin@2026");
    await page.waitForURL((u) => u.pathname === "/admin");
    const served = proxy.served.slice(mark);
    expect(served.filter((s) => s.path.startsWith("/api/captcha") && s.status === 200).map((s) => s.backend)).toContain("a");
    expect(served.filter((s) => s.method === "POST" && s.path.startsWith("/login")).map((s) => s.backend)).toEqual(["b"]);
    proxy.route = null;

    // The same browser straight at each instance: cookies are per host, not per port, so both get the session.
    for (const inst of [a, b]) {
      const res = await page.goto(`${inst.url}/admin`);
      expect(res?.status(), inst.name).toBe(200);
      expect(new URL(page.url()).pathname, inst.name).toBe("/admin");
      await page.getByRole("navigation", { name: "功能菜单" }).first().getByRole("link", { name: "首页" }).waitFor();
    }
    // Through the proxy, page after page alternates between the instances and stays signed in.
    for (let i = 0; i < 4; i++) {
      await page.goto(`${proxy.url}/admin`);
      expect(new URL(page.url()).pathname).toBe("/admin");
    }
    expect(new Set(proxy.served.slice(mark).map((s) => s.backend))).toEqual(new Set(["a", "b"]));
    await context.close();
  });

  it("登录失败次数在两个实例间合并计算：交替失败 5 次后账户锁定", async () => {
    let posts = 0;
    proxy.route = (req) => (req.method === "POST" ? (posts++ % 2 === 0 ? "a" : "b") : null);
    const { context, page } = await newPage();
    await clearIpLimits();
    await page.goto("/login");
    const panel = page.getByRole("tabpanel");
    for (let i = 0; i < 5; i++) {
      await panel.getByLabel("用户名 / 统一社会信用代码").fill("zhuzong");
      await panel.getByLabel("密码").fill(`wrong-${i}`);
      // One attempt at a time: the form is reset when an answer comes, so the next is typed after it.
      const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login");
      await panel.getByRole("button", { name: "登录", exact: true }).click();
      await answered;
      await panel.getByText(i < 4 ? "用户名或密码错误" : "登录失败次数过多，账户已锁定", { exact: false }).waitFor();
    }
    const logins = proxy.served.filter((s) => s.method === "POST" && s.path.startsWith("/login")).slice(-5);
    expect(new Set(logins.map((s) => s.backend))).toEqual(new Set(["a", "b"]));
    // The right password now is refused by either instance.
    await panel.getByLabel("用户名 / 统一社会信用代码").fill("zhuzong");
    await panel.getByLabel("密码").fill("Demo@2026");
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login");
    await panel.getByRole("button", { name: "登录", exact: true }).click();
    await answered;
    await panel.getByText("登录失败次数过多，账户已锁定", { exact: false }).waitFor();
    const [u] = await sql`select locked_until > now() as locked from users where username = 'zhuzong'`;
    expect(u.locked).toBe(true);
    await sql`update users set failed_login_count = 0, locked_until = null where username = 'zhuzong'`;
    proxy.route = null;
    await context.close();
  });

  it("验证码限流在两个实例间合并计算：同一地址交替请求，第 61 张被拒绝", async () => {
    await clearIpLimits();
    const from = { "x-forwarded-for": "198.51.100.23" }; // the address one trusted proxy reports
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      const inst = i % 2 === 0 ? a : b;
      const res = await fetch(`${inst.url}/api/captcha`, { headers: from });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
    // Another address is not affected.
    const other = await fetch(`${b.url}/api/captcha`, { headers: { "x-forwarded-for": "198.51.100.24" } });
    expect(other.status).toBe(200);
    await clearIpLimits();
  });

  it("照片由实例 a 接收并存入 S3，由实例 b 读出显示；两个实例的本地目录都没有文件", async () => {
    const { context, page } = await newPage();
    await signInHall(page, "zhangsan", "Demo@2026");
    await page.waitForURL((u) => u.pathname.startsWith("/person"));
    await page.goto("/person/registrations");
    await page.getByRole("link", { name: "我要报名" }).first().click();
    await page.waitForURL(/\/person\/registrations\/new\?planId=\d+/);

    proxy.route = (req) => (req.url?.startsWith("/api/photos") ? (req.method === "POST" ? "a" : "b") : null);
    const mark = proxy.served.length;
    const jpeg = await sharp({ create: { width: 600, height: 840, channels: 3, background: { r: 190, g: 170, b: 150 } } }).jpeg({ quality: 85 }).toBuffer();
    await page.locator('input[type="file"]').setInputFiles({ name: "照片.jpg", mimeType: "image/jpeg", buffer: jpeg });
    await page.getByText("照片已生成").waitFor();
    const img = page.getByRole("img", { name: "生成的一寸照片" });
    await img.waitFor();
    await page.waitForFunction(() => {
      const el = document.querySelector<HTMLImageElement>('img[alt="生成的一寸照片"]');
      return Boolean(el && el.complete && el.naturalWidth > 0);
    });
    proxy.route = null;
    const served = proxy.served.slice(mark).filter((s) => s.path.startsWith("/api/photos"));
    expect(served.filter((s) => s.method === "POST").map((s) => [s.backend, s.status])).toEqual([["a", 200]]);
    const gets = served.filter((s) => s.method === "GET");
    expect(gets.length).toBeGreaterThan(0);
    expect(gets.every((s) => s.backend === "b" && s.status === 200)).toBe(true);
    await screenshot(page, "scale-out-photo");

    // The bytes are in the bucket under the key the files row names, and b serves exactly them.
    const src = (await img.getAttribute("src")) ?? "";
    const fileId = src.match(/\/api\/photos\/([0-9a-f-]{36})/)?.[1];
    expect(fileId).toBeTruthy();
    const [row] = await sql`select storage_key from files where id = ${fileId!}`;
    const store = new S3FileStore(s3ConfigFromEnv(s3.env)!);
    const stored = await store.get(row.storage_key);
    const fromB = await page.request.get(`${b.url}/api/photos/${fileId}`);
    expect(fromB.status()).toBe(200);
    expect(Buffer.from(await fromB.body()).equals(stored!)).toBe(true);
    expect(filesUnder(instanceFilesDir("a"))).toEqual([]);
    expect(filesUnder(instanceFilesDir("b"))).toEqual([]);
    await context.close();
  });

  it("批量报名的后台任务由在运行的实例执行：只有 a 时由 a 执行，只有 b 时由 b 执行", async () => {
    const { context, page } = await newPage();
    await signInHall(page, "chengjian", "Demo@2026");
    await page.waitForURL("**/enterprise**");
    await page.goto("/enterprise/registrations");
    await page.getByRole("row", { name: /2026年第四季度建筑电工考试/ }).getByRole("link", { name: /批量报名/ }).click();
    await page.waitForURL(/\/enterprise\/registrations\/batch\?planId=\d+/);
    const batchPage = page.url();
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "报名表导入模版" }).click();
    const template = fs.readFileSync(await (await download).path());

    // Different row counts, so the second result cannot be mistaken for the first one still on the page.
    for (const [up, down, seq, n] of [
      [a, b, 700, 3],
      [b, a, 800, 4],
    ] as const) {
      down.freeze();
      proxy.only([up.name]);
      try {
        await page.goto(batchPage);
        const file = await fillTemplate(template, Array.from({ length: n }, (_, i) => batchRow(i, seq)));
        await page.getByLabel("报名表文件（.xlsx）").setInputFiles({ name: `报名表-${up.name}.xlsx`, mimeType: XLSX, buffer: file });
        await page.getByRole("region", { name: "上传报名表" }).getByRole("button", { name: "上传", exact: true }).click();
        await page.getByText(`共 ${n} 行：正确 ${n} 行。`).waitFor({ timeout: 90_000 });
        const [batch] = await sql`select id from import_batches where original_name = ${`报名表-${up.name}.xlsx`}`;
        const [job] = await sql`select state, output from pgboss.job where name = 'registration-batch-check' and (data->>'batchId')::int = ${batch.id}`;
        expect(job.state).toBe("completed");
        const pid = Number(String((job.output as { instance: string }).instance).split(":").pop());
        expect(up.pids()).toContain(pid);
        expect(down.pids()).not.toContain(pid);
      } finally {
        down.thaw();
        proxy.only([]);
      }
    }
    // The uploaded workbooks (and any marked-up copies) went to S3 too.
    expect(filesUnder(instanceFilesDir("a"))).toEqual([]);
    expect(filesUnder(instanceFilesDir("b"))).toEqual([]);
    await context.close();
  });

  it("照片经实例 a 上传、报名经实例 b 提交；考场编排后，实例 b 生成的准考证 PDF 含有存在 S3 中的这张照片", async () => {
    const plan = await makePlan(t.db, { status: "published" });
    const { context, page } = await newPage();
    await signInHall(page, "zhangsan", "Demo@2026");
    await page.waitForURL((u) => u.pathname.startsWith("/person"));
    const jpeg = await sharp({ create: { width: 600, height: 840, channels: 3, background: { r: 170, g: 150, b: 190 } } }).jpeg({ quality: 85 }).toBuffer();
    // Through the proxy: the photo to a, the registration and the ticket to b.
    proxy.route = (req) => (req.url?.startsWith("/api/photos") ? "a" : req.url?.startsWith("/api/registrations") || req.url?.startsWith("/api/tickets") ? "b" : null);
    const mark = proxy.served.length;
    const up = await page.request.post("/api/photos", { headers: { origin: proxy.url }, multipart: { file: { name: "照片.jpg", mimeType: "image/jpeg", buffer: jpeg } } });
    expect(up.status()).toBe(200);
    const { fileId } = (await up.json()) as { fileId: string };
    const submitted = await page.request.post("/api/registrations", {
      data: {
        planId: plan.id,
        employerName: "北京城建建设工程有限公司",
        workStartDate: "2010-07-01",
        yearsOfWork: 10,
        resume: [{ period: "2010.07-至今", employer: "北京城建建设工程有限公司", post: "施工员" }],
        employerOpinion: "同意报名",
        photoFileId: fileId,
      },
    });
    expect(submitted.status(), await submitted.text()).toBe(201);
    const { data } = (await submitted.json()) as { data: { id: number } };

    // The centre's steps, straight on the database: reviewed, paid, registration closed, seated, tickets open.
    await sql`update registrations set status = 'paid', reviewed_at = now(), paid_at = now(), paid_amount_cents = 18000 where id = ${data.id}`;
    await sql`update exam_plans set status = 'closed' where id = ${plan.id}`;
    await arrangeSeats(t.db, await adminSession(t.db), plan.id, {}, null);
    await sql`update exam_plans set ticket_start_at = now() - interval '1 day' where id = ${plan.id}`;

    const [reg] = await sql`select r.ticket_no, f.storage_key from registrations r join files f on f.id = r.photo_file_id where r.id = ${data.id}`;
    expect(reg.ticket_no).toBeTruthy();
    const photo = await new S3FileStore(s3ConfigFromEnv(s3.env)!).get(reg.storage_key);
    const ticket = await page.request.get(`/api/tickets/${data.id}`);
    expect(ticket.status()).toBe(200);
    proxy.route = null;
    expect(proxy.served.slice(mark).filter((x) => x.path.startsWith("/api/")).map((x) => [x.method, x.path.split("/")[2], x.backend, x.status])).toEqual([
      ["POST", "photos", "a", 200],
      ["POST", "registrations", "b", 201],
      ["GET", "tickets", "b", 200],
    ]);
    const pdf = Buffer.from(await ticket.body());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    // The stored photo is embedded as it is (see normalizePhoto): its bytes are in the PDF.
    expect(pdf.includes(photo!)).toBe(true);
    expect(filesUnder(instanceFilesDir("a"))).toEqual([]);
    expect(filesUnder(instanceFilesDir("b"))).toEqual([]);
    await context.close();
  });
});

type Row = Partial<Record<RegistrationImportKey, ExcelJS.CellValue>>;

function batchRow(i: number, seq: number): Row {
  const birth = new Date(Date.UTC(1976, 2, 1) + i * 86_400_000);
  return {
    name: `扩展${seq}${i}`,
    idType: "居民身份证",
    idNumber: makeChineseId("110229", birth.toISOString().slice(0, 10), seq + i),
    education: "大专",
    phone: "13900000000",
    employerName: "北京城建建设工程有限公司",
    employerCode: "91110105101100019W",
    workStartDate: new Date(Date.UTC(2005, 6, 1)),
    yearsOfWork: 10,
    resume: "2005.07-至今，北京城建建设工程有限公司，电工",
    employerOpinion: "同意报名",
  };
}

async function fillTemplate(template: Buffer, rows: Row[]) {
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
