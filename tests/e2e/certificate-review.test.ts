/**
 * 证书业务审核 and 证书查询 in a browser against the built app: a batch of renewals and a change are filed
 * (straight into the database, as an enterprise's submissions would leave them), then the centre rejects one
 * renewal with a reason, approves the rest of the batch, approves the change, follows the old version's
 * verification page to the new one, and revokes a certificate, which its verification page shows at once.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeChineseId } from "@/lib/identity/chinese-id";
import { appSql, launchBrowser, newPage, screenshot, signIn } from "../support/browser";

const TAG = String(process.pid % 100000).padStart(5, "0");
const BATCH_NO = `XQ20991231${TAG}9`;
const NAMES = ["续期甲", "续期乙", "续期丙"].map((n) => `${n}${TAG}`);
const CHANGE_NAME = `变更丁${TAG}`;
const NEW_EMPLOYER = `北京浏览器测试新单位${TAG}有限公司`;

let browser: Browser;
let sql: ReturnType<typeof appSql>;
let centre: { context: BrowserContext; page: Page };
const certNo: Record<string, string> = {};

function daysFromNow(days: number) {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** A person employed by 北京城建 with one certificate of trade GL01 expiring in `days` days. */
async function personWithCertificate(name: string, seq: number, days: number) {
  const idNumber = makeChineseId("110105", `1980-0${(seq % 9) + 1}-1${seq % 9}`, (Number(TAG) + seq * 7) % 1000);
  const [p] = await sql`insert into persons (id_type, id_number, name, gender, employer_org_id, employer_name)
    select 'resident', ${idNumber}, ${name}, 'M', o.id, o.name from organizations o where o.kind = 'enterprise' order by o.id limit 1
    returning id, employer_org_id as "orgId", employer_name as "employerName"`;
  const no = `测京${TAG}${seq}${Date.now() % 100000}`;
  const [c] = await sql`insert into certificates (certificate_no, person_id, trade_id, source, holder_name, employer_name, issue_date, valid_until, issuer)
    select ${no}, ${p.id}, t.id, 'exam', ${name}, ${p.employerName}, ${daysFromNow(days - 3 * 365)}::date, ${daysFromNow(days)}::date, '北京市住房和城乡建设委员会'
    from trades t where t.code = 'GL01' returning id, trade_id as "tradeId"`;
  certNo[name] = no;
  return { personId: p.id as number, orgId: p.orgId as number, employerName: p.employerName as string, certificateId: c.id as number, tradeId: c.tradeId as number };
}

async function batch(batchNo: string, kind: string, orgId: number) {
  const [b] = await sql`insert into application_batches (batch_no, kind, submitter_kind, submitter_org_id) values (${batchNo}, ${kind}, 'enterprise', ${orgId}) returning id`;
  return b.id as number;
}

async function dialog(page: Page) {
  const d = page.getByRole("alertdialog");
  await d.waitFor();
  return d;
}

beforeAll(async () => {
  sql = appSql();
  const renewals = await Promise.all(NAMES.map((n, i) => personWithCertificate(n, i + 1, 60)));
  const batchId = await batch(BATCH_NO, "renewal", renewals[0].orgId);
  for (const r of renewals)
    await sql`insert into certificate_applications (batch_id, kind, certificate_id, person_id, trade_id) values (${batchId}, 'renewal', ${r.certificateId}, ${r.personId}, ${r.tradeId})`;
  const ch = await personWithCertificate(CHANGE_NAME, 8, 700);
  const changeBatch = await batch(`BG20991231${TAG}8`, "change", ch.orgId);
  await sql`insert into certificate_applications (batch_id, kind, certificate_id, person_id, trade_id, payload)
    values (${changeBatch}, 'change', ${ch.certificateId}, ${ch.personId}, ${ch.tradeId},
      ${sql.json({ before: { employerName: ch.employerName }, after: { employerName: NEW_EMPLOYER } })})`;
  browser = await launchBrowser();
  centre = await newPage(browser);
  await signIn(centre.page, { mode: "staff", username: "admin", password: "Admin@2026" });
  await centre.page.waitForURL(/\/admin$/);
}, 60_000);

afterAll(async () => {
  await centre?.context.close();
  await browser?.close();
  await sql?.end();
});

describe("证书业务审核（浏览器）", () => {
  it("注册中心：按申请批号审核不通过一条（须填写原因），其余整批审核通过", async () => {
    const { page } = centre;
    await page.getByRole("link", { name: /待审核证书申请/ }).click();
    await page.waitForURL(/\/admin\/applications\?status=applied$/);
    await page.getByLabel("申请批号").fill(BATCH_NO);
    await page.getByRole("button", { name: "查询" }).click();
    await page.waitForURL(new RegExp(`batchNo=${BATCH_NO}`));
    for (const n of NAMES) await expect(page.getByText(n, { exact: true }).first().isVisible()).resolves.toBe(true);
    await screenshot(page, "certificate-review-queue-1280");

    await page.getByRole("checkbox", { name: `勾选 ${NAMES[2]}（证书续期）` }).click();
    await page.getByRole("button", { name: "审核不通过", exact: true }).click();
    let d = await dialog(page);
    await d.getByRole("button", { name: "审核不通过" }).click();
    await d.getByText("请填写审核不通过的原因").waitFor();
    await expect(d.getByLabel("不通过原因").getAttribute("aria-invalid")).resolves.toBe("true");
    await screenshot(page, "certificate-review-reject-reason-1280");
    await d.getByLabel("不通过原因").fill("社保缴纳记录与工作单位不符");
    await d.getByRole("button", { name: "审核不通过" }).click();
    await page.getByText("已审核不通过 1 条申请，原因已通知申请人").waitFor();

    await page.getByRole("button", { name: `整批审核通过（${BATCH_NO}）` }).click();
    d = await dialog(page);
    await d.getByRole("button", { name: `整批审核通过（${BATCH_NO}）` }).click();
    await page.getByText("已审核通过 2 条申请，已通知申请人").waitFor();
    await page.getByText("没有待审核的申请").waitFor();

    const rows = await sql`select p.name, a.status, a.reject_reason as "rejectReason" from certificate_applications a
      join application_batches b on b.id = a.batch_id join persons p on p.id = a.person_id where b.batch_no = ${BATCH_NO} order by p.name`;
    expect(Object.fromEntries(rows.map((r) => [r.name, r.status]))).toEqual({ [NAMES[0]]: "approved", [NAMES[1]]: "approved", [NAMES[2]]: "rejected" });
    const versions = await sql`select version, status from certificates where certificate_no = ${certNo[NAMES[0]]} order by version`;
    expect(versions.map((v) => `${v.version}:${v.status}`)).toEqual(["1:superseded", "2:valid"]);
  });

  it("注册中心：变更申请详细中原信息与新信息并列；审核通过后旧版证书核验页显示已变更并链接到新版", async () => {
    const { page } = centre;
    await page.goto("/admin/applications?kind=change");
    await page.getByRole("link", { name: `查看 ${CHANGE_NAME} 的证书变更申请详细` }).click();
    await page.getByRole("heading", { name: `证书变更申请：${CHANGE_NAME}` }).waitFor();
    const compare = page.getByRole("table").filter({ hasText: "原信息" });
    await expect(compare.getByText(NEW_EMPLOYER).isVisible()).resolves.toBe(true);
    await screenshot(page, "certificate-review-change-1280");
    await page.getByRole("button", { name: "审核通过", exact: true }).click();
    const d = await dialog(page);
    await d.getByRole("button", { name: "审核通过" }).click();
    await page.getByText("已审核通过 1 条申请，已通知申请人").waitFor();
    await page.getByText(/该申请已于 .* 审核通过/).waitFor();

    // 证书查询 → 详细: both versions, each with its verification page.
    await page.goto("/admin/certificate-search");
    await page.getByLabel("证书编号").fill(certNo[CHANGE_NAME]);
    await page.getByRole("button", { name: "查询" }).click();
    await page.getByRole("link", { name: `查看证书 ${certNo[CHANGE_NAME]} 的详细` }).click();
    await page.getByRole("heading", { name: `证书详细：${certNo[CHANGE_NAME]}` }).waitFor();
    await screenshot(page, "certificate-search-detail-1280");
    const oldLink = await page.getByRole("link", { name: "第 1 版的核验页面" }).getAttribute("href");
    const verify = await browser.newPage({ baseURL: page.url() });
    await verify.goto(new URL(oldLink!).pathname);
    await verify.getByText("已变更").first().waitFor();
    await screenshot(verify, "certificate-verify-superseded-1280");
    await verify.getByRole("link", { name: "查看当前版本证书" }).click();
    await verify.getByText("第 2 版").waitFor();
    await expect(verify.getByText("证书真实有效").first().isVisible()).resolves.toBe(true);
    await verify.close();
  });

  it("注册中心：证书查询中注销证书（选择类别、填写原因、确认），核验页面立即显示已注销", async () => {
    const { page } = centre;
    const no = certNo[NAMES[0]];
    await page.goto(`/admin/certificate-search?certificateNo=${encodeURIComponent(no)}`);
    await page.getByRole("link", { name: `查看证书 ${no} 的详细` }).click();
    await page.getByRole("heading", { name: `证书详细：${no}` }).waitFor();
    await page.getByRole("button", { name: "注销", exact: true }).click();
    const d = await dialog(page);
    await d.getByRole("button", { name: "确定注销" }).click();
    await d.getByText("请选择注销类别").waitFor();
    await d.getByLabel("注销类别").selectOption({ label: "本人申请注销" });
    await d.getByLabel("注销原因").fill("持证人已调离本行业，申请注销");
    await d.getByRole("button", { name: "确定注销" }).click();
    await page.getByText("证书已注销，核验页面即时显示已注销").waitFor();
    await page.getByRole("button", { name: "恢复", exact: true }).waitFor();

    const link = await page.getByRole("link", { name: /\/verify\/certificate\// }).getAttribute("href");
    const verify = await browser.newPage({ baseURL: page.url() });
    await verify.goto(new URL(link!).pathname);
    await verify.getByText("证书已注销（本人申请注销）").waitFor();
    await screenshot(verify, "certificate-verify-revoked-1280");
    await verify.close();
  });

  it("手机宽度（390 px）：审核列表和证书详细可用", async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, baseURL: new URL(centre.page.url()).origin, storageState: await centre.context.storageState() });
    const page = await phone.newPage();
    await page.goto("/admin/applications?status=all");
    await page.getByRole("heading", { name: "证书业务审核" }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "certificate-review-queue-390");
    await page.goto(`/admin/certificate-search?certificateNo=${encodeURIComponent(certNo[CHANGE_NAME])}`);
    await page.getByRole("link", { name: `查看证书 ${certNo[CHANGE_NAME]} 的详细` }).click();
    await page.getByRole("heading", { name: `证书详细：${certNo[CHANGE_NAME]}` }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, "certificate-search-detail-390");
    await phone.close();
  });
});
