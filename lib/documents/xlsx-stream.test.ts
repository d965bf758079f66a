import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildRegistrationTemplate } from "./registration-template";
import { readXlsxRows, readXlsxRowsLoaded } from "./xlsx";

const SLOW = { timeout: 60_000 };

describe("批量报名读取 Excel：逐行读取与整本载入结果一致", SLOW, () => {
  it("报名表导入模版（含 2000 行下拉校验）读出相同的表头、示例行与日期", async () => {
    const buf = await buildRegistrationTemplate({ name: "2026年第一期", tradeNames: ["架子工", "电工"], minWorkYears: 2 });
    const streamed = await readXlsxRows(buf);
    expect(streamed).toEqual(await readXlsxRowsLoaded(buf));
    expect(streamed.ok && streamed.rows).toHaveLength(1);
    if (!streamed.ok) return;
    expect(streamed.header[0]).toBe("*姓名");
    expect(streamed.rows[0].cells[4]).toEqual(new Date(Date.UTC(1990, 2, 7)));
    expect(streamed.rows[0].cells[9]).toEqual(new Date(Date.UTC(2012, 6, 1)));
  });

  it("填好的模版：日期、文本格式的证件号码、富文本、超链接、空行与第二个工作表", async () => {
    const wb = new ExcelJS.Workbook();
    const help = wb.addWorksheet("说明");
    help.addRow(["说明"]);
    const ws = wb.addWorksheet("报名信息");
    ws.getColumn(3).numFmt = "yyyy-mm-dd";
    ws.addRow(["姓名", "证件号码", "出生日期", "单位", "年限"]);
    for (let i = 0; i < 300; i++) {
      const r = ws.addRow([
        i % 7 === 0 ? { richText: [{ text: "张" }, { font: { bold: true }, text: `三${i}` }] } : `考生${i}`,
        `11010119900307${String(i).padStart(4, "0")}`,
        new Date(Date.UTC(1970 + (i % 30), i % 12, 1 + (i % 28))),
        i % 5 === 0 ? { text: "北京城建", hyperlink: "https://example.com" } : "北京城建",
        i % 3 === 0 ? "10" : i,
      ]);
      r.getCell(3).numFmt = "yyyy-mm-dd";
      if (i % 50 === 0) ws.addRow([]);
    }
    ws.getRow(ws.rowCount + 3).getCell(2).value = "  ";
    ws.getRow(ws.rowCount + 2).getCell(1).value = "最后一行";
    const buf = Buffer.from(await wb.xlsx.writeBuffer());

    const streamed = await readXlsxRows(buf, { sheet: 1 });
    expect(streamed).toEqual(await readXlsxRowsLoaded(buf, { sheet: 1 }));
    if (!streamed.ok) throw new Error(streamed.error);
    expect(streamed.rows).toHaveLength(301);
    expect(streamed.rows[1].cells[2]).toEqual(new Date(Date.UTC(1971, 1, 2)));
    expect(await readXlsxRows(buf, { sheet: 0 })).toEqual(await readXlsxRowsLoaded(buf, { sheet: 0 }));
    expect(await readXlsxRows(buf, { sheet: 1, maxRows: 300 })).toEqual({ ok: false, error: "数据行数超过上限（最多 300 行）" });
  });

  it("含公式的单元格：位置与缓存结果（包括错误值和逻辑值）与整本载入相同", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("报名信息");
    ws.addRow(["姓名", "年限", "结果", "真假"]);
    ws.addRow(["张三", { formula: "2025-2010", result: 15 }, { formula: "1/0", result: { error: "#DIV/0!" } }, { formula: "1=1", result: true }]);
    ws.addRow(["李四", 3, null, null]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const streamed = await readXlsxRows(buf);
    expect(streamed).toEqual(await readXlsxRowsLoaded(buf));
    if (!streamed.ok) throw new Error(streamed.error);
    expect(streamed.formulaCells).toEqual([
      { rowNumber: 2, col: 1 },
      { rowNumber: 2, col: 2 },
      { rowNumber: 2, col: 3 },
    ]);
    expect(streamed.rows[0].cells).toEqual(["张三", 15, "#DIV/0!", "TRUE"]);
  });
});
