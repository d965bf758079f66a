import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

import { readXlsxRows } from "./xlsx";

// A 导入成绩 sheet of 20,000 rows: its shared strings are long enough that exceljs's streaming reader gets them
// in several inflated chunks, and a Chinese character's bytes then straddle two of them.
describe("readXlsxRows on a large sheet of Chinese text", () => {
  it("returns every name intact", { timeout: 60_000 }, async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("成绩");
    ws.addRow(["准考证号", "姓名", "成绩"]);
    // Characters of the Basic Multilingual Plane only: exceljs's writer itself cuts a surrogate pair (𠮷) that
    // falls on its own 16 K boundary, so such a name can be broken in the file before any reader sees it.
    const names = Array.from({ length: 20_000 }, (_, i) => `考生${String(i).padStart(6, "0")}䶮`);
    names.forEach((n, i) => ws.addRow([`2026${String(i).padStart(12, "0")}`, n, i % 100]));
    const data = Buffer.from(await wb.xlsx.writeBuffer());

    const r = await readXlsxRows(data, { maxRows: 50_000 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.header).toEqual(["准考证号", "姓名", "成绩"]);
    expect(r.rows).toHaveLength(20_000);
    const broken = r.rows.filter((row, i) => row.cells[1] !== names[i]);
    expect(broken.map((row) => row.cells[1]).slice(0, 3)).toEqual([]);
  });
});
