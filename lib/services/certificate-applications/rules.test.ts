import { describe, expect, it } from "vitest";
import { addDays, addMonths, renewalRefusal, sniffScanType } from "./rules";

const facts = { status: "valid" as const, validUntil: "2027-06-30", windowMonths: 6, graceDays: 90, openBatchNo: null };

describe("续期时间", () => {
  it("续期窗口从到期前 6 个月开始，到期后 90 天宽限期结束（含两端）", () => {
    expect(renewalRefusal(facts, "2026-12-29")).toContain("可于 2026-12-30 起申请续期");
    expect(renewalRefusal(facts, "2026-12-30")).toBeNull();
    expect(renewalRefusal(facts, "2027-09-28")).toBeNull();
    expect(renewalRefusal(facts, "2027-09-29")).toContain("已超过 90 天的续期宽限期");
  });

  it("已注销、已变更、已有待审核申请优先于时间说明", () => {
    expect(renewalRefusal({ ...facts, status: "revoked" }, "2027-01-01")).toBe("证书已注销，不能续期");
    expect(renewalRefusal({ ...facts, status: "superseded" }, "2027-01-01")).toContain("证书已变更");
    expect(renewalRefusal({ ...facts, openBatchNo: "XQ20261202000001" }, "2027-01-01")).toContain("XQ20261202000001");
  });

  it("月份加减：月末日落到目标月的最后一天，与 PostgreSQL 的 date + interval 相同", () => {
    expect(addMonths("2027-08-31", -6)).toBe("2027-02-28");
    expect(addMonths("2028-08-31", -6)).toBe("2028-02-29");
    expect(addMonths("2027-01-15", -1)).toBe("2026-12-15");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2027-03-01", -1)).toBe("2027-02-28");
  });
});

describe("扫描件类型", () => {
  it("按文件内容识别 PDF、JPG、PNG，不看文件名", () => {
    expect(sniffScanType(Buffer.from("%PDF-1.7\n"))).toEqual({ contentType: "application/pdf", ext: "pdf" });
    expect(sniffScanType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ contentType: "image/jpeg", ext: "jpg" });
    expect(sniffScanType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toEqual({ contentType: "image/png", ext: "png" });
    expect(sniffScanType(Buffer.from("GIF89a"))).toBeNull();
    expect(sniffScanType(Buffer.from("<html>"))).toBeNull();
  });
});
