import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import postgres from "postgres";
import { inject } from "vitest";
import { ROOT } from "./db-server";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SHOTS = path.join(ROOT, ".tmp", "screenshots");

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

export function baseURL() {
  return inject("baseURL");
}

/** The app's database, for what a test must look up (a captcha's answer) or arrange. */
export function appSql() {
  return postgres(inject("appDbUrl"), { max: 2, onnotice: () => {} });
}

export async function newPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseURL(), viewport, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

/**
 * Every browser test signs in from 127.0.0.1, a few hundred times a run: far past the per-IP limits on sign-in
 * attempts and captchas that protect the real site. Those limits are proven by the integration tests; here each
 * sign-in starts with the address's counters cleared.
 */
async function resetIpLimits() {
  const sql = appSql();
  try {
    await sql`delete from rate_limits where key like 'login-ip:%' or key like 'captcha-ip:%'`;
  } finally {
    await sql.end();
  }
}

/**
 * Signs in through the real form. For the staff form the captcha's answer is read from the test database
 * by the id in the captcha cookie: only a test holding the database can do that.
 */
export async function signIn(page: Page, who: { mode: "hall" | "staff"; username: string; password: string }) {
  await resetIpLimits();
  await page.goto("/login");
  if (who.mode === "staff") {
    await page.getByRole("tab", { name: "培训机构 / 注册中心" }).click();
    const panel = page.getByRole("tabpanel");
    await panel.getByLabel("用户名").fill(who.username);
    await panel.getByLabel("密码").fill(who.password);
    await panel.getByLabel("验证码").fill(await captchaAnswer(page));
    await panel.getByRole("button", { name: "登录", exact: true }).click();
  } else {
    const panel = page.getByRole("tabpanel");
    await panel.getByLabel("用户名 / 统一社会信用代码").fill(who.username);
    await panel.getByLabel("密码").fill(who.password);
    await panel.getByRole("button", { name: "登录", exact: true }).click();
  }
}

/** The answer of the captcha on screen; pass the src of a spent one to wait for its replacement. */
export async function captchaAnswer(page: Page, opts: { notSrc?: string } = {}): Promise<string> {
  await page.waitForFunction((notSrc) => {
    const img = document.querySelector<HTMLImageElement>('img[alt^="验证码"]');
    return Boolean(img && img.getAttribute("src") !== notSrc && img.complete && img.naturalWidth > 0);
  }, opts.notSrc ?? null);
  const cookie = (await page.context().cookies()).find((c) => c.name === "kw_captcha");
  if (!cookie) throw new Error("no captcha cookie");
  const sql = appSql();
  try {
    const [row] = await sql`select answer from captchas where id = ${cookie.value}`;
    return row.answer as string;
  } finally {
    await sql.end();
  }
}

export async function captchaSrc(page: Page) {
  return (await page.locator('img[alt^="验证码"]').getAttribute("src")) ?? "";
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/**
 * Runs axe-core (WCAG 2.x A/AA rules, incl. 2.2) on the page and returns the violations, each as
 * "rule: target" lines, so a failing test names what to fix.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: path.join(ROOT, "node_modules", "axe-core", "axe.min.js") });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
  });
  return violations;
}

export type AxeFinding = { id: string; impact: string; targets: string[] };

/**
 * The serious and critical axe-core violations (WCAG 2.0-2.2 A and AA rules) of the page as it is now, each with
 * its rule id and the selectors of up to 5 offending elements.
 */
export async function axeSerious(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: path.join(ROOT, "node_modules", "axe-core", "axe.min.js") });
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<Result> } }).axe;
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] }, resultTypes: ["violations"] });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, impact: v.impact ?? "", targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(" ")) }));
  });
}
