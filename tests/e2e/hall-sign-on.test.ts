import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appSql, baseURL, launchBrowser, newPage, screenshot } from "../support/browser";

// The app runs with the 网上办事大厅 stand-in (scripts/hall-stand-in.ts, a real oidc-provider) as its hall.
let browser: Browser;
const sql = appSql();
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await sql.end();
});

/** 通过网上办事大厅登录 → the hall's own login page → back in the app. */
async function hallSignIn(page: Page, hallLogin: string) {
  await page.goto("/login");
  await page.getByRole("button", { name: "通过网上办事大厅登录" }).click();
  const login = page.locator('input[name="login"]');
  await login.waitFor();
  // This is the hall's page, not the app's.
  expect(new URL(page.url()).origin).not.toBe(new URL(baseURL()).origin);
  await login.fill(hallLogin);
  await page.locator('input[name="password"]').fill("any");
  await page.locator('button[type="submit"]').first().click();
}

describe("网上办事大厅登录（浏览器）", () => {
  it("从业人员通过网上办事大厅登录，回到本系统并关联到本人", async () => {
    const [zs] = await sql`select u.id, p.id_number from users u join persons p on p.id = u.person_id where u.username = 'zhangsan'`;
    const { context, page } = await newPage(browser);
    await hallSignIn(page, zs.id_number);
    await page.waitForURL((u) => u.pathname.startsWith("/person"));
    await page.getByRole("navigation", { name: "功能菜单" }).first().getByRole("link", { name: "个人信息维护" }).waitFor();
    await screenshot(page, "hall-person");
    const [linked] = await sql`select oidc_subject from users where id = ${zs.id}`;
    expect(linked.oidc_subject).toBe(zs.id_number);
    await context.close();
  });

  it("企业通过网上办事大厅登录（统一社会信用代码），关联到本企业账户", async () => {
    const [cj] = await sql`select u.id, o.uscc from users u join organizations o on o.id = u.organization_id where u.username = 'chengjian'`;
    const { context, page } = await newPage(browser);
    await hallSignIn(page, cj.uscc);
    await page.waitForURL((u) => u.pathname.startsWith("/enterprise"));
    const [linked] = await sql`select oidc_subject from users where id = ${cj.id}`;
    expect(linked.oidc_subject).toBe(cj.uscc);
    await context.close();
  });

  it("办事大厅账号在本系统没有对应用户时，说明原因", async () => {
    const { context, page } = await newPage(browser);
    await hallSignIn(page, "110101199001010015");
    await page.waitForURL((u) => u.pathname === "/login");
    await page.getByRole("alert").filter({ hasText: "未找到与网上办事大厅账号对应的用户" }).waitFor();
    await screenshot(page, "hall-no-account");
    await context.close();
  });

  it("另一个办事大厅账号不能接管已关联的账户", async () => {
    const [zs] = await sql`select u.id, p.id_number from users u join persons p on p.id = u.person_id where u.username = 'zhangsan'`;
    const { context, page } = await newPage(browser);
    await hallSignIn(page, `intruder:${zs.id_number}`);
    await page.waitForURL((u) => u.pathname === "/login");
    await page.getByRole("alert").filter({ hasText: "已与另一个网上办事大厅账号关联" }).waitFor();
    const [still] = await sql`select oidc_subject from users where id = ${zs.id}`;
    expect(still.oidc_subject).toBe(zs.id_number);
    expect(await page.evaluate(() => fetch("/api/auth/session").then((r) => r.json()))).toBeNull();
    await context.close();
  });
});
