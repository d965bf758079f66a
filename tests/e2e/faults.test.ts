/**
 * Faults, on a PostgreSQL of this test's own (embedded, port FAULTS_PG_PORT, 3145) so that restarting it touches
 * nobody else, with one app instance (port FAULTS_APP_PORT, 3143) on the S3 test store:
 * - kill -9 of the app in the middle of 考场编排, of 发证 and of a 批量报名 save job. Each is one transaction; the
 *   test holds a lock on audit_logs (every one of them writes its 操作日志 last), waits until the app's transaction
 *   has written everything else and waits for that lock, then kills the app. The counts afterwards show nothing
 *   half-written; after a restart the centre runs the operation again, and the job is retried by itself, or, killed
 *   on its last try, reported failed on the batch.
 * - PostgreSQL restarted while the app serves: pages show the Chinese error page, the captcha and the sign-in say
 *   the database cannot be reached, and once PostgreSQL is back the app serves again, unrestarted, and its job
 *   workers take new jobs (the last test).
 */
import { sql as dsql } from "drizzle-orm";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { seedIfEmpty } from "@/db/seed";
import { JOB_FAILED_MESSAGES } from "@/lib/jobs/failures";
import { createBoss, enqueue, QUEUES, type Boss } from "@/lib/jobs/queue";
import { arrangeSeats } from "@/lib/services/admin/seating";
import { attachBatchPhotos, checkRegistrationBatch, loadActor, uploadRegistrationBatch } from "@/lib/services/batch-registrations";
import { goodRow, smallJpeg, workbookWith, zipOf } from "../integration/batch-fixtures";
import { adminSession, makeCandidates, makePlan, makeVenue } from "../integration/admin-fixtures";
import { startAppInstance, type AppInstance } from "../support/app-instance";
import { axeSerious, CHROMIUM, screenshot } from "../support/browser";
import { startRestartablePostgres, type RestartablePostgres } from "../support/restartable-postgres";
import { startS3Server, type S3TestServer } from "../support/s3-server";

const PG_PORT = Number(process.env.FAULTS_PG_PORT ?? 3145);
const APP_PORT = Number(process.env.FAULTS_APP_PORT ?? 3143);
const DB_NAME = "kaowu_faults";
const TEST_APP = "faults-test"; // application_name of this test's own connections

let pg: RestartablePostgres;
let dbUrl: string;
let s3: S3TestServer;
let app: AppInstance;
let t: ReturnType<typeof createDb>;
let sql: postgres.Sql;
let boss: Boss;
let browser: Browser;
let admin: { context: BrowserContext; page: Page };

const startApp = () => startAppInstance({ name: "faults", port: APP_PORT, dbUrl, env: { ...s3.env } });

beforeAll(async () => {
  pg = await startRestartablePostgres(PG_PORT);
  const server = postgres(pg.url, { max: 1, onnotice: () => {} });
  await server.unsafe(`drop database if exists ${DB_NAME} with (force)`);
  await server.unsafe(`create database ${DB_NAME}`);
  await server.end();
  dbUrl = pg.url.replace(/\/postgres$/, `/${DB_NAME}`);
  await runMigrations(dbUrl);
  await seedIfEmpty(dbUrl);
  s3 = await startS3Server();
  // This process stores batch files too (through the services): on the same S3 store as the app.
  Object.assign(process.env, s3.env);
  t = createDb(dbUrl, { max: 3, connection: { application_name: TEST_APP } });
  sql = postgres(dbUrl, { max: 2, onnotice: () => {}, connection: { application_name: TEST_APP } });
  boss = await createBoss(t.client);
  app = await startApp();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic"] });
  admin = await signedInAdmin();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  // After the PostgreSQL restart this process's own pools may hold dead connections; closing them must not hang.
  const bounded = (p: Promise<unknown> | undefined) => Promise.race([p?.catch(() => {}), new Promise((r) => setTimeout(r, 5_000))]);
  await bounded(boss?.stop({ graceful: false, close: false }));
  await bounded(t?.client.end({ timeout: 1 }));
  await bounded(sql?.end({ timeout: 1 }));
  await s3?.close();
  for (const k of Object.keys(s3?.env ?? {})) delete process.env[k];
  await pg?.stop();
});

async function signedInAdmin() {
  const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1280, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  await sql`delete from rate_limits`;
  await page.goto("/login");
  await page.getByRole("tab", { name: "培训机构 / 注册中心" }).click();
  const panel = page.getByRole("tabpanel");
  await panel.getByLabel("用户名").fill("admin");
  await panel.getByLabel("密码").fill("Admin@2026");
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('img[alt^="验证码"]');
    return Boolean(img && img.complete && img.naturalWidth > 0);
  });
  const cookie = (await context.cookies()).find((c) => c.name === "kw_captcha");
  const [row] = await sql`select answer from captchas where id = ${cookie!.value}`;
  await panel.getByLabel("验证码").fill(row.answer);
  await panel.getByRole("button", { name: "登录", exact: true }).click();
  await page.waitForURL((u) => u.pathname === "/admin");
  return { context, page };
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await probe().catch(() => null);
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Holds a SHARE lock on audit_logs (reads go on, inserts wait), runs `start`, waits until one of the app's
 * connections waits for that lock, kills the app, lets the lock go and waits until PostgreSQL has ended the dead
 * app's sessions (their transactions roll back).
 */
async function killWhileWritingAudit(start: () => Promise<unknown>) {
  const locker = await sql.reserve();
  try {
    await locker`begin`;
    await locker`lock table audit_logs in share mode`;
    void start().catch(() => {});
    await waitFor("the app's transaction to wait for audit_logs", async () => {
      const rows = await sql`
        select pid from pg_stat_activity
        where datname = current_database() and application_name <> ${TEST_APP} and wait_event_type = 'Lock' and query ilike '%audit_logs%'`;
      return rows.length > 0;
    });
    await app.crash();
  } finally {
    await locker`rollback`;
    locker.release();
  }
  await waitFor("the dead app's sessions to end", async () => {
    const [{ n }] = await sql`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and application_name <> ${TEST_APP} and backend_type = 'client backend'`;
    return n === 0;
  });
}

async function confirm(page: Page, trigger: string, confirmLabel = trigger) {
  await page.getByRole("button", { name: trigger, exact: true }).first().click();
  const dialog = page.getByRole("alertdialog");
  await dialog.waitFor();
  await dialog.getByRole("button", { name: confirmLabel, exact: true }).click();
}

/** The centre's browser, whose request died with the app, says so: the error page, which says nothing was saved. */
async function seesRequestFailed(page: Page, shot: string) {
  await page.getByRole("heading", { name: "系统暂时无法处理您的请求" }).waitFor({ timeout: 30_000 });
  await expect(page.getByText("您填写的内容没有保存", { exact: false }).count()).resolves.toBeGreaterThan(0);
  await screenshot(page, shot);
  await expectAccessible(page, shot);
}

/** The error pages are pages too: axe (WCAG 2.2 AA) finds nothing serious at 1280 and at 390 px. */
async function expectAccessible(page: Page, what: string) {
  const size = page.viewportSize();
  try {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await axeSerious(page), `${what} @${width}px`).toEqual([]);
    }
  } finally {
    if (size) await page.setViewportSize(size);
  }
}

async function restartAndSignIn() {
  app = await startApp();
  // The session cookie outlives the process (a signed JWT): the admin is still signed in after the restart.
  await admin.page.goto("/admin");
  expect(new URL(admin.page.url()).pathname).toBe("/admin");
}

async function counts(planId: number) {
  const [c] = await sql`
    select
      (select count(*)::int from registrations where plan_id = ${planId} and status = 'seated') as seated,
      (select count(*)::int from registrations where plan_id = ${planId} and ticket_no is not null) as tickets,
      (select count(*)::int from certificates c join registrations r on r.id = c.registration_id where r.plan_id = ${planId}) as certificates,
      (select count(*)::int from notifications) as notifications,
      (select count(*)::int from audit_logs) as audits,
      (select status from exam_plans where id = ${planId}) as "planStatus"`;
  return c as { seated: number; tickets: number; certificates: number; notifications: number; audits: number; planStatus: string };
}

describe("故障：进程被强制结束、数据库重启", () => {
  it("考场编排进行中应用被 kill -9：编排一条也没有写入；重启后重新编排，全部考生编排完成", async () => {
    const venue = await makeVenue(t.db, "故障测试考点一", 2, 20);
    const plan = await makePlan(t.db, { status: "closed", venueIds: [venue] });
    await makeCandidates(t.db, plan.id, 30, { status: "paid" });
    const before = await counts(plan.id);
    const { page } = admin;
    await page.goto(`/admin/seating/${plan.id}`);
    await killWhileWritingAudit(() => confirm(page, "开始编排", "编排"));
    await seesRequestFailed(page, "faults-seating-killed");

    expect(await counts(plan.id)).toEqual(before);
    expect(before).toMatchObject({ seated: 0, tickets: 0, planStatus: "closed" });

    await restartAndSignIn();
    await page.goto(`/admin/seating/${plan.id}`);
    await confirm(page, "开始编排", "编排");
    await page.getByText(/编排完成/).first().waitFor();
    const after = await counts(plan.id);
    expect(after).toMatchObject({ seated: 30, tickets: 30, planStatus: "seated", audits: before.audits + 1 });
    expect(after.notifications).toBeGreaterThanOrEqual(before.notifications + 30);
  });

  it("发证进行中应用被 kill -9：证书一本也没有写入、证书编号没有跳号；重启后重新发证", async () => {
    const venue = await makeVenue(t.db, "故障测试考点二", 1, 30);
    const plan = await makePlan(t.db, { status: "closed", venueIds: [venue], tradeCode: "GL01" });
    await makeCandidates(t.db, plan.id, 12, { status: "paid" });
    await arrangeSeats(t.db, await adminSession(t.db), plan.id, {}, null);
    await sql`update registrations set passed = true where plan_id = ${plan.id}`;
    await sql`update exam_plans set status = 'results_published', results_published_at = now() where id = ${plan.id}`;
    const [serialBefore] = await sql`select coalesce(max(certificate_no), '') as no from certificates`;
    const before = await counts(plan.id);
    const { page } = admin;
    await page.goto(`/admin/certificates/${plan.id}`);
    await killWhileWritingAudit(() => confirm(page, "发证"));
    await seesRequestFailed(page, "faults-issue-killed");

    expect(await counts(plan.id)).toEqual(before);
    expect(before.certificates).toBe(0);

    await restartAndSignIn();
    await page.goto(`/admin/certificates/${plan.id}`);
    await confirm(page, "发证");
    await page.getByText(/发证完成：12 本/).waitFor();
    const after = await counts(plan.id);
    expect(after).toMatchObject({ certificates: 12, audits: before.audits + 1 });
    expect(after.notifications).toBeGreaterThanOrEqual(before.notifications + 12);
    // The numbers run on without a gap: the serials the killed transaction had reserved were rolled back with it.
    const nos = (await sql`select c.certificate_no as no from certificates c join registrations r on r.id = c.registration_id where r.plan_id = ${plan.id} order by 1`).map((r) => String(r.no));
    const serial = (no: string) => Number(no.slice(-6));
    expect(nos.map(serial)).toEqual(Array.from({ length: 12 }, (_, i) => serial(nos[0]) + i));
    if (serialBefore.no && serialBefore.no.slice(0, -6) === nos[0].slice(0, -6)) expect(serial(nos[0])).toBe(serial(serialBefore.no) + 1);
  });

  it("批量报名保存任务执行中应用被 kill -9：报名一条也没有写入、任务没有丢失；重启后任务自动重试并完成", async () => {
    const [{ id: enterpriseId }] = await sql`select id from users where username = 'chengjian'`;
    const actor = (await loadActor(t.db, enterpriseId))!;
    const [{ id: planId }] = await sql`select id from exam_plans where code = 'KS2026-DG-04'`;
    const rows = Array.from({ length: 20 }, (_, i) => goodRow(400 + i));
    const b = await uploadRegistrationBatch(t.db, actor, { planId, data: await workbookWith(rows), fileName: "故障测试.xlsx" });
    await checkRegistrationBatch(t.db, b.id);
    const jpeg = await smallJpeg();
    await attachBatchPhotos(t.db, actor, b.id, [{ name: "p.zip", data: zipOf(Object.fromEntries(rows.map((r) => [`${r.idNumber}.jpg`, jpeg]))) }]);
    const regsOf = async () => (await sql`select count(*)::int as n from registrations where import_batch_id = ${b.id}`)[0].n as number;

    let jobId: string | null = null;
    await killWhileWritingAudit(async () => {
      jobId = await enqueue(boss, QUEUES.batchSave, { batchId: b.id, userId: actor.id });
    });
    expect(await regsOf()).toBe(0);
    const [batch] = await sql`select status, processed_rows from import_batches where id = ${b.id}`;
    expect(batch.status).toBe("checked");
    // Not lost: the job is still there, active, and will be failed over by the heartbeat check.
    const [job] = await sql`select state, heartbeat_seconds from pgboss.job where id = ${jobId!}`;
    expect(job).toMatchObject({ state: "active", heartbeat_seconds: 30 });

    app = await startApp();
    const done = await waitFor(
      "the save job to be retried and finish",
      async () => {
        const [x] = await sql`select status from import_batches where id = ${b.id}`;
        return x.status === "applied" ? x : null;
      },
      240_000,
    );
    expect(done.status).toBe("applied");
    expect(await regsOf()).toBe(20);
    const [after] = await sql`select state, retry_count from pgboss.job where id = ${jobId!}`;
    expect(after.state).toBe("completed");
    expect(after.retry_count).toBeGreaterThanOrEqual(1);
  }, 300_000);

  it("批量报名保存任务在最后一次重试时应用被 kill -9：报名一条也没有写入；重启后批次显示处理失败和原因（不会一直等待）", async () => {
    const [{ id: enterpriseId }] = await sql`select id from users where username = 'chengjian'`;
    const actor = (await loadActor(t.db, enterpriseId))!;
    const [{ id: planId }] = await sql`select id from exam_plans where code = 'KS2026-DG-04'`;
    const rows = Array.from({ length: 5 }, (_, i) => goodRow(440 + i));
    const b = await uploadRegistrationBatch(t.db, actor, { planId, data: await workbookWith(rows), fileName: "故障测试-最后一次.xlsx" });
    await checkRegistrationBatch(t.db, b.id);
    const jpeg = await smallJpeg();
    await attachBatchPhotos(t.db, actor, b.id, [{ name: "p.zip", data: zipOf(Object.fromEntries(rows.map((r) => [`${r.idNumber}.jpg`, jpeg]))) }]);

    let jobId: string | null = null;
    // No retry left (as after three crashes): the heartbeat check fails the job for good.
    await killWhileWritingAudit(async () => {
      jobId = await boss.send(QUEUES.batchSave, { batchId: b.id, userId: actor.id }, { retryLimit: 0 });
    });
    app = await startApp();
    const failed = await waitFor(
      "the batch to be reported failed",
      async () => {
        const [x] = await sql`select status, message from import_batches where id = ${b.id}`;
        return x.status === "failed" ? x : null;
      },
      240_000,
    );
    expect(failed.message).toBe(JOB_FAILED_MESSAGES[QUEUES.batchSave]);
    expect((await sql`select count(*)::int as n from registrations where import_batch_id = ${b.id}`)[0].n).toBe(0);
    const [job] = await sql`select state from pgboss.job where id = ${jobId!}`;
    expect(job.state).toBe("failed");
  }, 300_000);

  it("应用运行中 PostgreSQL 重启：期间页面显示中文错误页、验证码和登录提示数据库无法连接；数据库恢复后应用自行恢复，后台任务继续执行", async () => {
    const { page } = admin;
    await page.goto("/admin");
    await pg.stop();
    try {
      const res = await page.goto("/admin");
      expect(res!.status()).toBeGreaterThanOrEqual(500);
      await page.getByRole("heading", { name: "系统暂时无法处理您的请求" }).waitFor();
      await screenshot(page, "faults-database-down");
      await expectAccessible(page, "faults-database-down");
      const captcha = await fetch(`${app.url}/api/captcha`);
      expect(captcha.status).toBe(503);
      expect(await captcha.text()).toContain("系统暂时无法连接数据库");
      // A download link (here the centre's 缴费 template) says the same instead of a bare 500.
      const download = await page.request.get("/admin/payments/template");
      expect(download.status()).toBe(503);
      expect(await download.text()).toContain("系统暂时无法连接数据库");

      const visitor = await browser.newContext({ baseURL: app.url, locale: "zh-CN" });
      const v = await visitor.newPage();
      await v.goto("/login");
      // Clicked before hydration, the form would post without JavaScript and the page rendered after the action
      // would be the error page instead of the form's message: wait for the scripts to be loaded and run.
      await v.waitForLoadState("networkidle");
      const panel = v.getByRole("tabpanel");
      await panel.getByLabel("用户名 / 统一社会信用代码").fill("zhangsan");
      await panel.getByLabel("密码").fill("Demo@2026");
      await panel.getByRole("button", { name: "登录", exact: true }).click();
      await panel
        .getByText("系统暂时无法连接数据库", { exact: false })
        .waitFor({ timeout: 60_000 })
        .catch(async (e: unknown) => {
          throw new Error(`登录后没有显示数据库无法连接的提示；页面上是：${await v.locator("main").innerText().catch(() => "(无法读取)")}`, { cause: e });
        });
      await visitor.close();
    } finally {
      await pg.start();
    }

    // The same process, not restarted: postgres.js reconnects on the next query.
    await waitFor("the app to serve again", async () => {
      const res = await page.goto("/admin");
      return res?.status() === 200 && new URL(page.url()).pathname === "/admin";
    });
    await page.getByRole("navigation", { name: "功能菜单" }).first().getByRole("link", { name: "首页" }).waitFor();
    expect((await fetch(`${app.url}/api/captcha`)).status).toBe(200);
  }, 300_000);

  // Once seen: after PostgreSQL came back, pages were served again but a worker never fetched another job; a
  // worker that has not polled for STUCK_WORKER_MS is now replaced (lib/jobs/workers.ts).
  it("PostgreSQL 重启后：应用中的后台任务继续执行（不重启应用）", async () => {
    const [{ id: enterpriseId }] = await sql`select id from users where username = 'chengjian'`;
    const actor = (await loadActor(t.db, enterpriseId))!;
    const [{ id: planId }] = await sql`select id from exam_plans where code = 'KS2026-DG-04'`;
    const b = await uploadRegistrationBatch(t.db, actor, { planId, data: await workbookWith([goodRow(480), goodRow(481)]), fileName: "重启后.xlsx" });
    await enqueue(boss, QUEUES.batchCheck, { batchId: b.id });
    await waitFor(
      "the check job after the restart",
      async () => {
        const [x] = await t.db.execute<{ status: string }>(dsql`select status from import_batches where id = ${b.id}`);
        return x.status === "checked";
      },
      240_000,
    );
  }, 400_000);
});
