import { describe, expect, it } from "vitest";
import { addYears, beijingDate, formatDateTime, parseBeijingDateTime, toDateTimeLocal, TZ, yearsSince } from "./time";

const intl = new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
function viaIntl(d: Date) {
  const p = Object.fromEntries(intl.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

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

  it("批量校验用的快速换算与时区数据库逐分钟一致（含 1986-1991 夏令时前后与跨年跨日）", () => {
    const instants = [
      Date.UTC(1960, 0, 1),
      Date.UTC(1988, 6, 1, 12),
      Date.UTC(1991, 8, 14, 17, 30),
      Date.UTC(1991, 11, 31, 15, 59),
      Date.UTC(1991, 11, 31, 16, 0),
      Date.UTC(2026, 11, 31, 15, 59),
      Date.UTC(2026, 11, 31, 16, 0),
      Date.UTC(2028, 1, 28, 16, 0),
    ];
    // and a pseudo-random spread over 1950-2060
    for (let i = 0; i < 5_000; i++) instants.push(Date.UTC(1950, 0, 1) + ((i * 2_654_435_761) % 110_000) * 36_000_000 + (i % 60) * 60_000);
    for (const t of instants) {
      const d = new Date(t);
      expect(formatDateTime(d)).toBe(viaIntl(d));
      expect(beijingDate(d)).toBe(viaIntl(d).slice(0, 10));
    }
  });

  it("无效日期仍然报错", () => {
    expect(() => beijingDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});
