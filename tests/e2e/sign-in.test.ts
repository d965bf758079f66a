import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, captchaAnswer, captchaSrc, launchBrowser, newPage, screenshot, signIn } from "../support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const ROLES = [
  { mode: "hall", username: "zhangsan", password: "Demo@2026", home: "/person", menu: ["个人信息维护", "登录信息维护", "消息"], other: "/admin" },
  { mode: "hall", username: "chengjian", password: "Demo@2026", home: "/enterprise", menu: ["登录信息维护"], other: "/person/profile" },
  { mode: "staff", username: "peixun", password: "Demo@2026", home: "/trainer", menu: ["登录信息维护"], other: "/enterprise" },
  { mode: "staff", username: "admin", password: "Admin@2026", home: "/admin", menu: ["首页"], other: "/trainer/account" },
] as const;

describe("系统登录（浏览器）", () => {
  for (const r of ROLES) {
    it(`${r.username} 通过登录页登录，看到本角色菜单，打开其他角色页面被拒绝`, async () => {
      const { context, page } = await newPage(browser);
      await signIn(page, r);
      await page.waitForURL((u) => u.pathname === r.home || u.pathname.startsWith(`${r.home}/`));
      const nav = page.getByRole("navigation", { name: "功能菜单" }).first();
      for (const item of r.menu) await nav.getByRole("link", { name: item }).waitFor();
      await screenshot(page, `home-${r.username}`);
      const res = await page.goto(r.other);
      expect(page.url()).toContain("/forbidden");
      expect(res?.status()).toBeLessThan(500);
      await page.getByRole("heading", { name: "无权访问" }).waitFor();
      await context.close();
    });
  }

  it("验证码错误时提示，并换一张新的验证码", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/login");
    await page.getByRole("tab", { name: "培训机构 / 注册中心" }).click();
    const panel = page.getByRole("tabpanel");
    const answer = await captchaAnswer(page);
    const spent = await captchaSrc(page);
    await panel.getByLabel("用户名").fill("admin");
    await panel.getByLabel("密码").fill("Admin@2026");
    await panel.getByLabel("验证码").fill(answer === "0000" ? "1111" : "0000");
    await panel.getByRole("button", { name: "登录", exact: true }).click();
    await panel.getByText("验证码错误或已过期，请重新输入").waitFor();
    // A fresh captcha replaced the spent one; signing in now works.
    await panel.getByLabel("密码").fill("Admin@2026");
    await panel.getByLabel("验证码").fill(await captchaAnswer(page, { notSrc: spent }));
    await panel.getByRole("button", { name: "登录", exact: true }).click();
    await page.waitForURL((u) => u.pathname === "/admin");
    await context.close();
  });

  it("登录页在电脑和手机（390px）上可用，无障碍检查无违规，页面不横向滚动", async () => {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      const { context, page } = await newPage(browser, viewport);
      await page.goto("/login");
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole("tab", { name: "培训机构 / 注册中心" }).click();
      await captchaAnswer(page);
      expect(await axeViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await screenshot(page, `login-${viewport.width}`);
      await context.close();
    }
  });

  it("各角色首页无障碍检查无违规", async () => {
    for (const r of ROLES) {
      const { context, page } = await newPage(browser, { width: 390, height: 844 });
      await signIn(page, r);
      await page.waitForURL((u) => u.pathname === r.home || u.pathname.startsWith(`${r.home}/`));
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      expect({ page: new URL(page.url()).pathname, violations: await axeViolations(page) }).toEqual({ page: new URL(page.url()).pathname, violations: [] });
      await context.close();
    }
  });

  it("未登录打开办理页面时转到登录页", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/person/profile");
    expect(new URL(page.url()).pathname).toBe("/login");
    await context.close();
  });
});
