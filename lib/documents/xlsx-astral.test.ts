import { describe, expect, it } from "vitest";

import { readXlsxRows, writeXlsx } from "./xlsx";

// Characters outside the BMP (𠮷, 䶮's neighbours in Extension B) are two UTF-16 units: an export must never cut
// such a pair where a writer splits its text, or the name comes back as U+FFFD.
describe("导出名单：生僻字姓名写入 Excel 后原样读回", () => {
  it("3,000 distinct names with 𠮷 and 𤭢 survive writeXlsx and readXlsxRows", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ name: `𠮷${i}${"野".repeat(i % 7)}𤭢`, no: i }));
    const buf = await writeXlsx([{ name: "名单", columns: [{ key: "name", header: "姓名" }, { key: "no", header: "序号" }], rows }]);
    const read = await readXlsxRows(buf, { maxRows: 10_000 });
    if (!read.ok) throw new Error(read.error);
    expect(read.rows.map((r) => r.cells[0])).toEqual(rows.map((r) => r.name));
  });
});
