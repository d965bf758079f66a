import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, screenshot, signIn } from "../support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const WIDTHS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];

/** The control lies wholly inside the viewport as the page opens: no sideways scrolling needed to reach it. */
async function inViewport(page: Page, control: Locator) {
  await control.waitFor();
  const box = (await control.boundingBox())!;
  const { width } = page.viewportSize()!;
  return box.x >= 0 && box.width > 0 && box.x + box.width <= width;
}

async function noSidewaysScroll(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe("列表的操作列在电脑和手机上都看得到（浏览器）", () => {
  it("报名审核、缴费管理、账号管理：1280 像素宽时第一行的【详细】/操作按钮不需横向滚动即可见，390 像素宽的手机上也可点", async () => {
    for (const viewport of WIDTHS) {
      const { context, page } = await newPage(browser, viewport);
      await signIn(page, { mode: "staff", username: "admin", password: "Admin@2026" });
      await page.waitForURL((u) => u.pathname === "/admin");

      await page.goto("/admin/registrations");
      await page.getByRole("heading", { name: "报名审核", level: 1 }).waitFor();
      expect(await inViewport(page, page.getByRole("link", { name: /的报名详细$/ }).first())).toBe(true);
      expect(await noSidewaysScroll(page)).toBe(true);
      // Every column is there: the table's head at 1280, each card's labels on the phone.
      for (const title of ["工作单位", "从事年限", "提交时间"]) {
        const where = viewport.width < 768 ? page.locator(`td[data-label='${title}']`).first() : page.getByRole("columnheader", { name: title });
        expect(await where.isVisible()).toBe(true);
      }
      // Row selection works at this width: one box, then the page's select-all.
      const first = page.getByRole("checkbox", { name: /^勾选 / }).first();
      expect(await inViewport(page, first)).toBe(true);
      await first.click();
      await page.getByText("已勾选 1 条").waitFor();
      await page.getByRole("checkbox", { name: "全选本页" }).click();
      const boxes = await page.getByRole("checkbox", { name: /^勾选 / }).count();
      await page.getByText(`已勾选 ${boxes} 条`).waitFor();
      await screenshot(page, `list-registrations-${viewport.width}`);

      await page.goto("/admin/payments?status=all");
      await page.getByRole("heading", { name: "缴费管理", level: 1 }).waitFor();
      expect(await inViewport(page, page.getByRole("link", { name: /的报名详细$/ }).first())).toBe(true);
      expect(await noSidewaysScroll(page)).toBe(true);
      await screenshot(page, `list-payments-${viewport.width}`);

      await page.goto("/admin/accounts");
      await page.getByRole("heading", { name: "账号管理", level: 1 }).waitFor();
      expect(await inViewport(page, page.getByRole("button", { name: "重置密码" }).first())).toBe(true);
      expect(await noSidewaysScroll(page)).toBe(true);
      if (viewport.width >= 768) {
        for (const title of ["角色", "状态", "操作"]) expect(await page.getByRole("columnheader", { name: title }).isVisible()).toBe(true);
      }
      await screenshot(page, `list-accounts-${viewport.width}`);
      await context.close();
    }
  });

  it("个人证书信息：两种宽度下【详细】都在屏幕内", async () => {
    for (const viewport of WIDTHS) {
      const { context, page } = await newPage(browser, viewport);
      await signIn(page, { mode: "hall", username: "zhangsan", password: "Demo@2026" });
      await page.waitForURL((u) => u.pathname.startsWith("/person"));
      await page.goto("/person/certificates");
      await page.getByRole("heading", { name: "个人证书信息", level: 1 }).waitFor();
      expect(await inViewport(page, page.getByRole("link", { name: /^详细：/ }).first())).toBe(true);
      expect(await noSidewaysScroll(page)).toBe(true);
      await screenshot(page, `list-certificates-${viewport.width}`);
      await context.close();
    }
  });
});
