import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NAV } from "@/lib/nav";
import { PlanPickerField } from "@/components/plan-picker/plan-picker";
import { buttonVariants } from "./button";
import { Input } from "./input";

describe("手机上的点按区域至少 44 px", () => {
  it("各种尺寸的按钮在手机上高 44 px（h-11 / size-11），桌面保持紧凑", () => {
    for (const size of ["default", "sm", "lg"] as const) expect(buttonVariants({ size }).split(" ")).toContain("h-11");
    for (const size of ["icon", "icon-sm", "icon-lg"] as const) expect(buttonVariants({ size }).split(" ")).toContain("size-11");
    expect(buttonVariants({}).split(" ")).toContain("md:h-9");
  });

  it("输入框在手机上高 44 px", () => {
    const html = renderToStaticMarkup(createElement(Input, { id: "x" }));
    expect(html).toMatch(/class="[^"]*\bh-11\b[^"]*\bmd:h-9\b/);
  });
});

describe("菜单和字段", () => {
  it("注册中心菜单与其他角色一样叫“登录信息维护”", () => {
    expect(NAV.admin.find((i) => i.href === "/admin/account")?.label).toBe("登录信息维护");
  });

  it("打印准考证的考试名称占两栏，所选计划的名称不被截断", () => {
    const name = "2026年第四季度施工员岗位考试";
    const html = renderToStaticMarkup(
      createElement(PlanPickerField, { name: "planId", initial: { id: 1, name }, search: async () => ({ ok: true, data: { rows: [], total: 0 } }) as never, trades: [] }),
    );
    expect(html).toMatch(/data-slot="plan-picker-field"/);
    expect(html).toMatch(/class="[^"]*sm:col-span-2[^"]*" data-slot="plan-picker-field"/);
    expect(html).toContain(`title="${name}"`);
  });
});
