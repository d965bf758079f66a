import { describe, expect, it } from "vitest";
import { addYears, beijingDate, formatDateTime, parseBeijingDateTime, toDateTimeLocal, yearsSince } from "./time";

describe("北京时间", () => {
  it("输入的时间按北京时间理解，与服务器时区无关", () => {
    expect(parseBeijingDateTime("2026-12-01T09:00")?.toISOString()).toBe("2026-12-01T01:00:00.000Z");
    expect(parseBeijingDateTime("2026-12-01 09:00:30")?.toISOString()).toBe("2026-12-01T01:00:30.000Z");
    expect(parseBeijingDateTime("2026-12-01")?.toISOString()).toBe("2026-11-30T16:00:00.000Z");
    expect(parseBeijingDateTime("12/01/2026")).toBeNull();
  });

  it("UTC 16:30 已是北京时间次日", () => {
    const d = new Date("2026-11-29T16:30:00Z");
    expect(beijingDate(d)).toBe("2026-11-30");
    expect(formatDateTime(d)).toBe("2026-11-30 00:30");
    expect(toDateTimeLocal(d)).toBe("2026-11-30T00:30");
  });

  it("工作年限按整年计算", () => {
    expect(yearsSince("2020-07-01", "2026-06-30")).toBe(5);
    expect(yearsSince("2020-07-01", "2026-07-01")).toBe(6);
  });

  it("有效期加年：2月29日落到2月28日", () => {
    expect(addYears("2024-02-29", 3)).toBe("2027-02-28");
    expect(addYears("2026-11-29", 3)).toBe("2029-11-29");
  });
});
