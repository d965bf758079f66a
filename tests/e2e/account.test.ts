import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appSql, launchBrowser, newPage, screenshot, signIn } from "../support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("个人信息维护与登录信息维护（浏览器）", () => {
  it("从业人员修改个人信息：必填项校验提示在字段旁，保存后提示修改保存成功", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, { mode: "hall", username: "zhangsan", password: "Demo@2026" });
    await page.waitForURL("**/person/**");
    await page.goto("/person/profile");
    await page.getByLabel("手机号码").fill("12345");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("请输入11位手机号码").waitFor();
    expect(await page.getByLabel("手机号码").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("证件号码").getAttribute("readonly")).not.toBeNull();

    await page.getByLabel("手机号码").fill("13911112222");
    await page.getByLabel("通讯地址").fill("北京市西城区南礼士路1号");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("修改保存成功").waitFor();
    const sql = appSql();
    const [p] = await sql`select phone, address from persons p join users u on u.person_id = p.id where u.username = 'zhangsan'`;
    await sql.end();
    expect(p).toEqual({ phone: "13911112222", address: "北京市西城区南礼士路1号" });
    await page.reload();
    expect(await page.getByLabel("手机号码").inputValue()).toBe("13911112222");
    await context.close();
  });

  it("输入已登记单位的统一社会信用代码，自动带出单位名称", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, { mode: "hall", username: "zhangsan", password: "Demo@2026" });
    await page.waitForURL("**/person/**");
    await page.goto("/person/profile");
    const sql = appSql();
    const [org] = await sql`select uscc, name from organizations where name = '中建一局集团第五建筑有限公司'`;
    await sql.end();
    await page.getByLabel("工作单位").fill("");
    await page.getByLabel("组织机构代码 / 统一社会信用代码").fill(org.uscc);
    await page.waitForFunction((name) => (document.getElementById("employerName") as HTMLInputElement).value === name, org.name);
    await context.close();
  });

  it("培训机构修改密码后，其他设备上的登录立即失效，本设备仍可使用", async () => {
    const a = await newPage(browser);
    const b = await newPage(browser);
    for (const s of [a, b]) {
      await signIn(s.page, { mode: "staff", username: "peixun", password: "Demo@2026" });
      await s.page.waitForURL((u) => u.pathname.startsWith("/trainer/"));
      await s.page.goto("/trainer/account");
    }
    await a.page.getByLabel("原密码").fill("Demo@2026");
    await a.page.getByLabel(/^新密码/).fill("short");
    await a.page.getByRole("button", { name: "保存" }).click();
    await a.page.getByText("密码至少8位").waitFor();
    await a.page.getByLabel(/^新密码/).fill("Peixun2027");
    await a.page.getByLabel("确认新密码").fill("Peixun2027");
    await a.page.getByRole("button", { name: "保存" }).click();
    await a.page.getByText("密码修改成功，其他设备上的登录已退出").waitFor();

    // The other session is over; this one still works.
    await b.page.goto("/trainer/account");
    expect(new URL(b.page.url()).pathname).toBe("/login");
    await a.page.goto("/trainer/account");
    expect(new URL(a.page.url()).pathname).toBe("/trainer/account");

    // The old password no longer signs in; the new one does.
    const c = await newPage(browser);
    await signIn(c.page, { mode: "staff", username: "peixun", password: "Demo@2026" });
    await c.page.getByText("用户名或密码错误").waitFor();
    await signIn(c.page, { mode: "staff", username: "peixun", password: "Peixun2027" });
    await c.page.waitForURL((u) => u.pathname.startsWith("/trainer/"));
    for (const s of [a, b, c]) await s.context.close();
    // Other test files sign in as peixun with the demo password: put it back (zhuzong has the same one).
    const sql = appSql();
    await sql`update users set password_hash = (select password_hash from users where username = 'zhuzong'), session_version = session_version + 1 where username = 'peixun'`;
    await sql.end();
  });

  it("手机（390px）上菜单收起，点“菜单”展开；退出登录写入操作日志", async () => {
    const { context, page } = await newPage(browser, { width: 390, height: 844 });
    await signIn(page, { mode: "hall", username: "chengjian", password: "Demo@2026" });
    await page.waitForURL((u) => u.pathname.startsWith("/enterprise/"));
    await page.goto("/enterprise/account");
    await screenshot(page, "phone-enterprise-account");
    const menuButton = page.getByRole("button", { name: "打开菜单" });
    expect(await menuButton.getAttribute("aria-expanded")).toBe("false");
    await menuButton.click();
    await page.getByRole("dialog").getByRole("link", { name: "登录信息维护" }).waitFor();
    await screenshot(page, "phone-enterprise-menu");
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "退出" }).click();
    await page.waitForURL("**/login");
    const sql = appSql();
    const rows = await sql`select action from audit_logs a join users u on u.id = a.actor_user_id where u.username = 'chengjian' order by a.id`;
    await sql.end();
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(["auth.sign_in", "auth.sign_out"]));
    await context.close();
  });
});
