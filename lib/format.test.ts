import { describe, expect, it } from "vitest";
import { formatYuan, yuan } from "./format";

describe("金额显示", () => {
  it("报名费 18000 分显示为 180.00 元", () => {
    expect(yuan(18000)).toBe("180.00");
    expect(formatYuan(18000)).toBe("180.00 元");
    expect(formatYuan(5)).toBe("0.05 元");
  });
  it("没有金额时不显示", () => {
    expect(formatYuan(null)).toBe("");
  });
});
