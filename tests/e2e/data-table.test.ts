import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, screenshot, signIn } from "../support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The first row's 修改 button lies fully inside the viewport without scrolling sideways. */
async function firstRowButtonInView(page: Page, name: string) {
  const button = page.getByRole("link", { name }).first();
  await button.waitFor();
  const box = (await button.boundingBox())!;
  const width = page.viewportSize()!.width;
  return box.x >= 0 && box.x + box.width <= width;
}

describe("列表在电脑和手机上都能操作（浏览器）", () => {
  it("岗位工种列表：1280 像素宽时操作列不需横向滚动即可见，390 像素宽的手机上每行是一张卡片，按钮可点", async () => {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      const { context, page } = await newPage(browser, viewport);
      await signIn(page, { mode: "staff", username: "admin", password: "Admin@2026" });
      await page.waitForURL((u) => u.pathname === "/admin");
      await page.goto("/admin/trades");
      await page.getByRole("heading", { name: "岗位工种", level: 1 }).waitFor();
      expect(await firstRowButtonInView(page, "修改 施工员")).toBe(true);
      // No horizontal scrolling of the page itself.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      if (viewport.width < 768) {
        // Cards: the column titles are written beside each value.
        const cell = page.locator("td[data-label='证书有效期']").first();
        expect(await cell.evaluate((el) => getComputedStyle(el, "::before").content)).toContain("证书有效期");
      }
      await screenshot(page, `data-table-trades-${viewport.width}`);
      await page.goto("/admin/plans");
      await page.getByRole("heading", { name: "考试计划", level: 1 }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await screenshot(page, `data-table-plans-${viewport.width}`);
      await context.close();
    }
  });
});
