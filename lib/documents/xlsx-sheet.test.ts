import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { openXlsx } from "./xlsx-sheet";
import { readXlsxRows, readXlsxRowsLoaded, type XlsxCell } from "./xlsx";

const SLOW = { timeout: 60_000 };

/**
 * What exceljs's streaming WorkbookReader (the reader readXlsxRows used before its SAX reader) gives for a sheet:
 * each row's Row.values made plain as readXlsxRows does, blank rows skipped, padded to the header. The reference
 * the SAX reader must equal on sheets without formulas (those go to the whole-workbook load, as before).
 */
async function exceljsStreamed(buf: Buffer, sheet = 0) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  const plain = (v: ExcelJS.CellValue): XlsxCell => {
    if (v === null || v === undefined) return null;
    if (typeof v === "string") return v === "" ? null : v;
    if (typeof v === "number") return Number.isFinite(v) ? v : null;
    if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
    if ("richText" in v) return plain(v.richText.map((r) => r.text ?? "").join(""));
    if ("error" in v) return v.error;
    return null;
  };
  let header: string[] = [];
  const rows: { rowNumber: number; cells: XlsxCell[] }[] = [];
  for await (const ws of reader as unknown as AsyncIterable<ExcelJS.Worksheet & AsyncIterable<ExcelJS.Row>>) {
    const model = (reader as unknown as { model: { sheets: { id: number }[] } }).model;
    if (model.sheets.findIndex((t) => String(t.id) === String(ws.id)) !== sheet) continue;
    for await (const row of ws) {
      const values = row.values as ExcelJS.CellValue[];
      const cells = values.slice(1).map((v) => plain(v));
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      if (row.number === 1) {
        header = cells.map((c) => (c === null ? "" : c instanceof Date ? c.toISOString() : String(c).trim()));
        while (header.length > 0 && header[header.length - 1] === "") header.pop();
      } else if (!cells.every((c) => c === null || (typeof c === "string" && c.trim() === ""))) rows.push({ rowNumber: row.number, cells });
    }
  }
  for (const r of rows) while (r.cells.length < header.length) r.cells.push(null);
  return { ok: true, header, rows, formulaCells: [] };
}

/** A workbook written by hand, so every cell kind the SpreadsheetML format has appears exactly as given. */
function handWritten(sheetXml: string, sharedXml: string, opts: { date1904?: boolean } = {}): Buffer {
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ),
    "_rels/.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr${opts.date1904 ? ' date1904="1"' : ""}/><sheets><sheet name="报名信息" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    // Style 1: text (@); 2: a built-in date (14); 3: a custom date; 4: a custom number with a quoted "d"; 5: time.
    "xl/styles.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="0.00&quot;d&quot;"/><numFmt numFmtId="166" formatCode="[h]:mm"/></numFmts><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ),
    "xl/sharedStrings.xml": strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${sharedXml}</sst>`),
    "xl/worksheets/sheet1.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetXml}</sheetData></worksheet>`,
    ),
  };
  return Buffer.from(zipSync(files));
}

const SHARED = [
  `<si><t>姓名</t></si>`, // 0
  `<si><t>证件号码</t></si>`, // 1
  `<si><t>出生日期</t></si>`, // 2
  `<si><t xml:space="preserve"> 备注 </t></si>`, // 3
  `<si><r><t>张</t></r><r><rPr><b/><sz val="11"/></rPr><t>三</t></r></si>`, // 4: rich text
  `<si><t/></si>`, // 5: empty plain string
  `<si><r><t></t></r></si>`, // 6: empty rich text
  `<si><t>&lt;北京&amp;城建&gt; &quot;一公司&quot;</t></si>`, // 7: entities
  `<si><t>𠮷野家&#x20BB7;</t></si>`, // 8: astral characters, raw and as a reference
  `<si><t>   </t></si>`, // 9: blanks only
  `<si><t>第一行\n第二行</t></si>`, // 10: a line break
].join("");

const SHEET = [
  `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="inlineStr"><is><t>年限</t></is></c></row>`,
  // shared, text-formatted number string, date by the cell's built-in style, inline string, a plain number
  `<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" s="1" t="s"><v>8</v></c><c r="C2" s="2"><v>32939</v></c><c r="D2" t="inlineStr"><is><t>内联 &amp;amp; 文本</t></is></c><c r="E2"><v>10</v></c></row>`,
  // empty cells with a style, an empty shared string, an empty rich string, a custom date, a quoted "d" that is no date
  `<row r="3"><c r="A3" t="s"><v>7</v></c><c r="B3" s="1"/><c r="C3" s="3"><v>40725.5</v></c><c r="D3" t="s"><v>5</v></c><c r="E3" s="4"><v>2.5</v></c><c r="F3" t="s"><v>6</v></c></row>`,
  // a blank row (only an empty string and blanks), skipped but counted
  `<row r="4"><c r="A4" t="s"><v>9</v></c><c r="B4" t="inlineStr"><is><t></t></is></c></row>`,
  // booleans, an error, a str-typed value, a time format, a cell beyond the header (AA)
  `<row r="5"><c r="A5" t="b"><v>1</v></c><c r="B5" t="b"><v>0</v></c><c r="C5" t="e"><v>#N/A</v></c><c r="D5" t="str"><v>a&amp;lt;b</v></c><c r="E5" s="5"><v>1.25</v></c><c r="AA5" t="s"><v>10</v></c></row>`,
  // a row whose style is a date: its cells without their own style are dates, a cell with style 1 is not
  `<row r="7" s="2" customFormat="1"><c r="A7"><v>43831</v></c><c r="B7" s="1"><v>43831</v></c><c r="C7" s="0"><v>43831</v></c></row>`,
  // numbers as Excel writes them, an empty value, rich inline text (exceljs keeps the last run), a style that does not exist
  `<row r="8"><c r="A8"><v>1.5E+3</v></c><c r="B8"><v></v></c><c r="C8" t="inlineStr"><is><r><t>前</t></r><r><t>后</t></r></is></c><c r="D8" s="99"><v>7</v></c><c r="E8" t="s"><v>99</v></c></row>`,
  // pretty-printed: whitespace between the tags
  `<row r="9">\n  <c r="A9" t="s">\n    <v>4</v>\n  </c>\n  <c r="B9">\n    <v>42</v>\n  </c>\n</row>`,
].join("");

describe("批量报名读取 Excel：SAX 读取与 exceljs 逐行读取的结果一致", SLOW, () => {
  it("手写的工作表：共享字符串、富文本、内联字符串、数字、日期（单元格与行的格式）、逻辑值、错误值、空单元格", async () => {
    const buf = handWritten(SHEET, SHARED);
    const read = await readXlsxRows(buf);
    expect(read).toEqual(await exceljsStreamed(buf));
    if (!read.ok) throw new Error(read.error);
    expect(read.header).toEqual(["姓名", "证件号码", "出生日期", "备注", "年限"]);
    expect(read.rows.map((r) => r.rowNumber)).toEqual([2, 3, 5, 7, 8, 9]);
    expect(read.rows[0].cells).toEqual(["张三", "𠮷野家𠮷", new Date(Date.UTC(1990, 2, 7)), "内联 & 文本", 10]);
    expect(read.rows[1].cells).toEqual(['<北京&城建> "一公司"', null, new Date(Date.UTC(2011, 6, 1, 12)), null, 2.5, null]);
    expect(read.rows[2].cells.slice(0, 5)).toEqual(["TRUE", "FALSE", "#N/A", "a<b", new Date(Date.UTC(1899, 11, 31, 6))]);
    expect(read.rows[2].cells).toHaveLength(27);
    expect(read.rows[2].cells[26]).toBe("第一行\n第二行");
    expect(read.rows[3].cells).toEqual([new Date(Date.UTC(2020, 0, 1)), 43831, new Date(Date.UTC(2020, 0, 1)), null, null]);
    expect(read.rows[4].cells).toEqual([1500, null, "后", 7, null]);
    expect(read.rows[5].cells).toEqual(["张三", 42, null, null, null]);
  });

  it("1904 日期系统", async () => {
    const buf = handWritten(`<row r="1"><c r="A1" t="s"><v>2</v></c></row><row r="2"><c r="A2" s="2"><v>31477</v></c></row>`, SHARED, { date1904: true });
    const read = await readXlsxRows(buf);
    expect(read).toEqual(await exceljsStreamed(buf));
    expect(read.ok && read.rows[0].cells[0]).toEqual(new Date(Date.UTC(1990, 2, 7)));
  });

  it("表头不在第一个、行号跳跃、单元格缺少引用时与原来一样报无法读取", async () => {
    const buf = handWritten(`<row r="3"><c r="A3" t="s"><v>4</v></c></row><row r="1"><c r="A1" t="s"><v>0</v></c></row>`, SHARED);
    expect(await readXlsxRows(buf)).toEqual(await exceljsStreamed(buf));
    expect(await readXlsxRows(handWritten(`<row r="1"><c t="s"><v>0</v></c></row>`, SHARED))).toEqual({ ok: false, error: "Excel 文件无法读取，请确认文件未损坏后重新上传" });
    expect(await readXlsxRows(handWritten(`<row r="1"><c r="A1" t="s"><v>0</v></c>`, SHARED))).toEqual({ ok: false, error: "Excel 文件无法读取，请确认文件未损坏后重新上传" });
  });

  it("单元格中的控制字符照旧按单元格报出", async () => {
    const buf = handWritten(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="inlineStr"><is><t>11_x0007_</t></is></c></row>`, SHARED);
    expect(await readXlsxRows(buf)).toEqual({ ok: false, error: "第 2 行 B 列含有控制字符，请修改后重新上传" });
  });

  // exceljs's streaming reader, left to unzip the file itself, breaks a character whose UTF-8 bytes straddle two
  // inflated chunks (see readSheetSax), so the Chinese workbook is compared with the whole-workbook load only.
  it.each([
    ["ASCII", false],
    ["中文与𠮷", true],
  ])("exceljs 写出的 2,000 行（%s）：各类单元格、空行、两个工作表，与逐行读取和整本载入都一致", async (_, chinese) => {
    const t = (zh: string, ascii: string) => (chinese ? zh : ascii);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("说明").addRow(["说明", 1, new Date(Date.UTC(2020, 1, 2))]);
    const ws = wb.addWorksheet("报名信息");
    ws.addRow(["姓名", "证件号码", "出生日期", "单位", "年限", "备注", "逻辑"]);
    for (let i = 0; i < 2000; i++) {
      const r = ws.addRow([
        i % 7 === 0 ? { richText: [{ text: t("𠮷", "Z") }, { font: { bold: true }, text: t(`三${i}`, `san${i}`) }] } : t(`考生${i}<&>"'`, `name${i}<&>"'`),
        `11010119900307${String(i).padStart(4, "0")}`,
        new Date(Date.UTC(1950 + (i % 60), i % 12, 1 + (i % 28), i % 3 === 0 ? 12 : 0)),
        i % 5 === 0 ? { text: t("北京城建", "BUCG"), hyperlink: "https://example.com" } : t("北京城建", "BUCG"),
        i % 3 === 0 ? String(i) : i % 3 === 1 ? i / 7 : -i,
        i % 11 === 0 ? { error: "#N/A" } : i % 4 === 0 ? "" : t(`  第${i}行  `, `  row ${i}  `),
        i % 2 === 0,
      ]);
      r.getCell(3).numFmt = i % 2 ? "yyyy-mm-dd" : "yyyy/m/d h:mm";
      if (i % 97 === 0) ws.addRow([]);
      if (i % 131 === 0) ws.addRow([null, null, "   "]);
    }
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    for (const sheet of [0, 1]) {
      const read = await readXlsxRows(buf, { sheet });
      if (!chinese) expect(read).toEqual(await exceljsStreamed(buf, sheet));
      expect(read).toEqual(await readXlsxRowsLoaded(buf, { sheet }));
    }
    expect(await readXlsxRows(buf, { sheet: 2 })).toEqual({ ok: false, error: "Excel 文件中没有第 3 个工作表" });
    expect(await readXlsxRows(buf, { sheet: 1, maxRows: 1999 })).toEqual({ ok: false, error: "数据行数超过上限（最多 1999 行）" });
  });
});

describe("openXlsx：一次解压，保留需要的部分", () => {
  it("保留的部分与解压结果相同；大小不符、超出预算或数据损坏照旧拒绝", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("a").addRow(["x".repeat(5000), "张三"]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const opened = openXlsx(buf, { maxBytes: 1 << 20, maxUncompressedBytes: 1 << 20, keep: (n) => n === "xl/worksheets/sheet1.xml" || n === "xl/sharedStrings.xml" });
    if (!opened.ok) throw new Error(opened.problem);
    expect([...opened.parts.keys()].sort()).toEqual(["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"]);
    expect(new TextDecoder().decode(opened.parts.get("xl/sharedStrings.xml"))).toContain("x".repeat(5000));

    const all = () => true;
    expect(openXlsx(buf, { maxBytes: 1 << 20, maxUncompressedBytes: 6000, keep: all })).toEqual({ ok: false, problem: "inflated" });
    expect(openXlsx(buf, { maxBytes: 1 << 20, maxUncompressedBytes: 6000 })).toEqual({ ok: false, problem: "inflated" });
    // Declared sizes that lie: smaller than the content (a bomb) and larger (truncated data), kept or not.
    for (const keep of [all, undefined]) {
      for (const [delta, problem] of [[-100, "inflated"], [100, "corrupt"]] as const) {
        const liar = Buffer.from(buf);
        const cd = liar.lastIndexOf(Buffer.from("xl/sharedStrings.xml")) - 46; // its central directory record
        liar.writeUInt32LE(liar.readUInt32LE(cd + 24) + delta, cd + 24);
        expect(openXlsx(liar, { maxBytes: 1 << 20, maxUncompressedBytes: 1 << 20, keep })).toEqual({ ok: false, problem });
      }
      const broken = Buffer.from(buf);
      const cd = broken.lastIndexOf(Buffer.from("xl/sharedStrings.xml")) - 46;
      const local = broken.readUInt32LE(cd + 42);
      const start = local + 30 + broken.readUInt16LE(local + 26) + broken.readUInt16LE(local + 28);
      broken.fill(0xff, start, start + 8);
      expect(openXlsx(broken, { maxBytes: 1 << 20, maxUncompressedBytes: 1 << 20, keep })).toEqual({ ok: false, problem: "corrupt" });
    }
  });
});
