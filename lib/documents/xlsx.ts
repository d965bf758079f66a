import "server-only";
import { UPLOAD_MAX_BYTES } from "@/lib/upload-limits";

import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { Inflate, unzipSync } from "fflate";
import { TEXT_PROBLEMS, textProblem } from "@/lib/validations/text-guard";
import { readCentralDirectory, ZipRefused, type ZipEntry } from "./zip";

export type XlsxCell = string | number | Date | null;

export const XLSX_ERRORS = {
  notXlsx: "请上传 .xlsx 格式的 Excel 文件",
  tooLargeOrCorrupt: "文件过大或已损坏",
  unreadable: "Excel 文件无法读取，请确认文件未损坏后重新上传",
} as const;

const DEFAULT_MAX_BYTES = UPLOAD_MAX_BYTES;
const DEFAULT_MAX_UNCOMPRESSED = 40 * 1024 * 1024; // ~45,000 rows x 15 columns; loading peaks near 10x this in memory
const DEFAULT_MAX_ROWS = 10_000;

// ---------------------------------------------------------------------------------------------------------
// Writing

/**
 * Text that Excel (or a CSV export reopened in Excel/WPS) would treat as a formula: = + - @, and the
 * tab/CR that some importers strip before looking. Full-width forms are included because Chinese input
 * methods produce them and WPS normalises them to ASCII on edit.
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r＝＋－＠]/;

/**
 * Makes a value safe to put in a spreadsheet cell: formula-like text gets a leading "'" so it stays inert
 * text even after the sheet is re-saved as CSV or a user presses Enter in the cell. Numbers and dates pass
 * through as real values so they stay sortable.
 */
export function safeCellText(v: unknown): XlsxCell {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  const s = typeof v === "string" ? v : String(v);
  return FORMULA_TRIGGER.test(s) ? `'${s}` : s;
}

export type XlsxSheetSpec = {
  name: string;
  columns: { header: string; key: string; width?: number }[];
  rows: Record<string, unknown>[];
};

/** Excel refuses these characters in sheet names and caps names at 31 characters. */
function sheetName(raw: string, used: Set<string>): string {
  let name = raw.replace(/[\\/?*[\]:]/g, "_").replace(/^'+|'+$/g, "").trim().slice(0, 31) || "Sheet";
  const stem = name;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${stem.slice(0, 31 - String(i).length - 1)}_${i}`;
  used.add(name.toLowerCase());
  return name;
}

/**
 * Writes plain values only: every cell goes through safeCellText, so no formula is ever written. Excel has no
 * time zones; a Date is shown as its UTC wall-clock time, so pass Beijing times as pre-formatted strings.
 */
export async function writeXlsx(sheets: XlsxSheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date();
  const used = new Set<string>();
  for (const spec of sheets) {
    const ws = wb.addWorksheet(sheetName(spec.name, used), { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = spec.columns.map((c) => ({
      key: c.key,
      // Roughly two width units per CJK character, so headers such as 统一社会信用代码 are not clipped.
      width: c.width ?? Math.min(60, Math.max(10, [...c.header].length * 2 + 2)),
    }));
    ws.addRow(spec.columns.map((c) => safeCellText(c.header)));
    ws.getRow(1).font = { bold: true };
    for (const row of spec.rows) {
      const added = ws.addRow(spec.columns.map((c) => safeCellText(row[c.key])));
      added.eachCell((cell) => {
        if (cell.value instanceof Date) {
          const d = cell.value;
          const midnight = d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0;
          cell.numFmt = midnight ? "yyyy-mm-dd" : "yyyy-mm-dd hh:mm:ss";
        }
      });
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------------------
// Reading

/** 0 → "A", 25 → "Z", 26 → "AA", for messages such as "第 3 行 B 列". */
export function columnLetter(index0: number): string {
  let n = Math.floor(index0) + 1;
  if (!(n >= 1)) throw new RangeError(`column index must be >= 0, got ${index0}`);
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * Inflates every entry just to count its bytes, stopping as soon as the budget is spent. The declared sizes
 * alone are not enough: JSZip (inside exceljs) only compares them with the real size after it has inflated
 * everything into memory, so a file that lies about its sizes would still blow up the process.
 */
function verifyInflatedSizes(buf: Buffer, entries: ZipEntry[], budget: number): void {
  // deflate expands at most ~1032:1, so one slice yields at most ~1 MB before the budget is checked again
  const SLICE = 1024;
  let total = 0;
  for (const e of entries) {
    const p = e.localOffset;
    if (p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50) throw new ZipRefused("bad local header");
    const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
    const end = start + e.compressedSize;
    if (end > buf.length) throw new ZipRefused("entry out of range");

    let entryTotal = 0;
    if (e.method === 0 || start === end) {
      entryTotal = e.compressedSize;
    } else if (e.method === 8) {
      const inflater = new Inflate((chunk) => {
        entryTotal += chunk.length;
        if (total + entryTotal > budget || entryTotal > e.size) throw new ZipRefused("inflates beyond its size");
      });
      for (let q = start; q < end; q += SLICE) {
        inflater.push(buf.subarray(q, Math.min(q + SLICE, end)), q + SLICE >= end);
      }
    } else {
      throw new ZipRefused(`compression method ${e.method}`);
    }
    if (entryTotal !== e.size) throw new ZipRefused("size mismatch");
    total += entryTotal;
    if (total > budget) throw new ZipRefused("over budget");
  }
}

function cellToPlain(v: ExcelJS.CellValue): XlsxCell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v === "" ? null : v;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if ("richText" in v) return cellToPlain(v.richText.map((r) => r.text ?? "").join(""));
  if ("hyperlink" in v) {
    // exceljs gives a hyperlink's text as rich text when the link text was formatted.
    const t: unknown = v.text;
    if (t && typeof t === "object" && "richText" in t) return cellToPlain(t as ExcelJS.CellRichTextValue);
    return cellToPlain(typeof t === "string" ? t : v.hyperlink);
  }
  if ("formula" in v || "sharedFormula" in v) {
    // The cached result is what the user saw; we never evaluate formulas ourselves.
    const r = (v as ExcelJS.CellFormulaValue).result;
    if (r === undefined || r === null) return null;
    if (typeof r === "object" && !(r instanceof Date) && "error" in r) return r.error;
    return cellToPlain(r as ExcelJS.CellValue);
  }
  if ("error" in v) return v.error;
  return null;
}

export type ReadXlsxOptions = {
  /** Size of the uploaded file; default 20 MB. */
  maxBytes?: number;
  /** Total inflated size of all parts; default 100 MB. */
  maxUncompressedBytes?: number;
  /** Non-empty data rows below the header; default 10,000. */
  maxRows?: number;
  /** 0-based position of the worksheet in tab order; default the first. */
  sheet?: number;
};

export type ReadXlsxResult =
  | {
      ok: true;
      header: string[];
      rows: { rowNumber: number; cells: XlsxCell[] }[];
      /** Cells that held a formula (0-based column): the value above is its cached result, which imports may refuse. */
      formulaCells: { rowNumber: number; col: number }[];
    }
  | { ok: false; error: string };

/**
 * The workbook as a container, before exceljs sees it: a ZIP (old .xls, CSV and password-protected workbooks are
 * not), with the two parts every workbook has, within the size, and inflating to no more than the budget — each
 * part is inflated and thrown away chunk by chunk, stopping at the first byte past it, so a ZIP bomb costs
 * milliseconds. Null when fine; "inflated" for the bomb; "corrupt" or "notXlsx" otherwise.
 */
export function checkXlsxContainer(buf: Buffer, opts: { maxBytes?: number; maxUncompressedBytes?: number } = {}): null | "notXlsx" | "corrupt" | "inflated" {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxUncompressed = opts.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED;
  if (!buf || buf.length === 0) return "notXlsx";
  if (buf.length > maxBytes) return "corrupt";
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) return "notXlsx";
  try {
    const entries = readCentralDirectory(buf);
    const declared = entries.reduce((sum, e) => sum + e.size, 0);
    if (declared > maxUncompressed) return "inflated";
    const names = new Set(entries.map((e) => e.name));
    if (!names.has("[Content_Types].xml") || !names.has("xl/workbook.xml")) return "notXlsx";
    verifyInflatedSizes(buf, entries, maxUncompressed);
  } catch (err) {
    if (err instanceof ZipRefused) return err.message === "inflates beyond its size" || err.message === "over budget" ? "inflated" : "corrupt";
    if (err instanceof RangeError || isFflateError(err)) return "corrupt";
    throw err;
  }
  return null;
}

/**
 * The text of a workbook's cells (shared strings and the sheets' inline strings), checked without exceljs for
 * what no text here may carry (lib/validations/text-guard.ts): bytes that are not UTF-8, control characters
 * (raw, as character references, or in Excel's _x0007_ form), zero-width and bidi characters. For an upload that
 * is parsed later in the background (批量报名), so that it is refused before it is stored; readXlsxRows names
 * the cell. Call after checkXlsxContainer (which bounds what is inflated here). Null when fine.
 */
export function xlsxTextProblem(buf: Buffer): string | null {
  const parts = unzipSync(buf, { filter: (f) => f.name === "xl/sharedStrings.xml" || /^xl\/worksheets\/[^/]+\.xml$/.test(f.name) });
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (const data of Object.values(parts)) {
    let xml: string;
    try {
      xml = decoder.decode(data).replace(/^\ufeff/, "");
    } catch {
      return TEXT_PROBLEMS.encoding;
    }
    const text = xml.replace(/&#x([0-9a-f]{1,6});|&#([0-9]{1,7});/gi, (m, hex: string, dec: string) => {
      const cp = hex ? parseInt(hex, 16) : Number(dec);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    });
    const problem = textProblem(text, { excel: true, anyLength: true });
    if (problem) return problem;
  }
  return null;
}

/**
 * Reads one worksheet of an uploaded .xlsx: row 1 is the header, every later non-empty row is returned with
 * its Excel row number (blank rows are skipped but keep the numbering, so "第 N 行" matches what the user
 * sees). Each row's cells are padded to the header's width; values beyond it are kept.
 */
export async function readXlsxRows(buf: Buffer, opts: ReadXlsxOptions = {}): Promise<ReadXlsxResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxUncompressed = opts.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED;
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;

  const container = checkXlsxContainer(buf, { maxBytes, maxUncompressedBytes: maxUncompressed });
  if (container === "notXlsx") return { ok: false, error: XLSX_ERRORS.notXlsx };
  if (container) return { ok: false, error: XLSX_ERRORS.tooLargeOrCorrupt };

  try {
    return await readSheetStreaming(buf, opts.sheet ?? 0, maxRows);
  } catch {
    return { ok: false, error: XLSX_ERRORS.unreadable };
  }
}

type SheetRows = { header: string[]; rows: { rowNumber: number; cells: XlsxCell[] }[]; formulaCells: { rowNumber: number; col: number }[]; tooMany: boolean };

/** Shared by both readers: one row's plain values, noting its formula cells. */
function rowCollector(maxRows: number) {
  const out: SheetRows = { header: [], rows: [], formulaCells: [], tooMany: false };
  const readRow = (row: ExcelJS.Row, rowNumber: number): XlsxCell[] => {
    const values = row.values; // 1-based sparse array, or an object for exotic rows
    const cells: XlsxCell[] = [];
    if (Array.isArray(values)) {
      for (let c = 1; c < values.length; c++) {
        const v = values[c] as ExcelJS.CellValue;
        if (rowNumber > 1 && v && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) out.formulaCells.push({ rowNumber, col: c - 1 });
        cells.push(cellToPlain(v));
      }
    }
    return cells;
  };
  const add = (row: ExcelJS.Row, rowNumber: number) => {
    if (rowNumber === 1) {
      const header = readRow(row, 1).map((c) => (c === null ? "" : c instanceof Date ? c.toISOString() : String(c).trim()));
      while (header.length > 0 && header[header.length - 1] === "") header.pop();
      out.header = header;
      return;
    }
    if (out.tooMany) return;
    const cells = readRow(row, rowNumber);
    if (cells.every((c) => c === null || (typeof c === "string" && c.trim() === ""))) return;
    if (out.rows.length >= maxRows) {
      out.tooMany = true;
      return;
    }
    out.rows.push({ rowNumber, cells });
  };
  return { out, add };
}

function finish(r: SheetRows, maxRows: number): ReadXlsxResult {
  if (r.tooMany) return { ok: false, error: `数据行数超过上限（最多 ${maxRows} 行）` };
  // The rule every form's text follows (lib/validations/text-guard.ts): the whole file is refused, naming the cell.
  for (const row of [{ rowNumber: 1, cells: r.header as XlsxCell[] }, ...r.rows])
    for (const [c, v] of row.cells.entries()) {
      const problem = typeof v === "string" ? textProblem(v, { excel: true }) : null;
      if (problem) return { ok: false, error: `第 ${row.rowNumber} 行 ${columnLetter(c)} 列${problem}，请修改后重新上传` };
    }
  // Padded at the end: the header row need not come first in a sheet's XML.
  for (const row of r.rows) while (row.cells.length < r.header.length) row.cells.push(null);
  return { ok: true, header: r.header, rows: r.rows, formulaCells: r.formulaCells };
}

/**
 * Reads the rows with exceljs's streaming reader: the whole-workbook load also parses every data validation,
 * comment and style of every sheet, and expands range validations cell by cell, which made a 3,000-row
 * 报名表 take seconds before the first row was looked at. Styles are cached so date-formatted numbers come
 * back as dates, exactly as the whole-workbook load gives them.
 */
async function readSheetStreaming(buf: Buffer, sheet: number, maxRows: number): Promise<ReadXlsxResult> {
  const reader = decodedWorkbookReader(buf);
  const { out, add } = rowCollector(maxRows);
  let found = false;
  for await (const ws of reader.worksheets()) {
    // Worksheets arrive in the ZIP's order; the workbook lists them in tab order.
    const position = (reader.model?.sheets ?? []).findIndex((t) => String(t.id) === String(ws.id));
    if (position !== sheet) continue;
    found = true;
    for await (const row of ws) {
      add(row, row.number);
      if (out.tooMany) break;
      // The streaming reader reads every cached formula result as a number (an error such as #DIV/0! becomes
      // NaN, TRUE becomes 1); a sheet with formulas is rare, so it is read the old way to keep those exact.
      if (out.formulaCells.length > 0) return readXlsxRowsLoaded(buf, { sheet, maxRows });
    }
    break;
  }
  if (!found) return { ok: false, error: `Excel 文件中没有第 ${sheet + 1} 个工作表` };
  return finish(out, maxRows);
}

/** Characters per piece of XML handed to exceljs's parser. */
const XML_PIECE = 64 * 1024;

/** A part of the package as text, in pieces that never split a surrogate pair. */
function* xmlPieces(bytes: Uint8Array): Generator<string> {
  const text = new TextDecoder("utf-8").decode(bytes);
  for (let i = 0; i < text.length; ) {
    let end = Math.min(text.length, i + XML_PIECE);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--; // keep the pair together
    yield text.slice(i, end);
    i = end;
  }
}

type SheetReader = { id: number | string; [Symbol.asyncIterator](): AsyncIterator<ExcelJS.Row> };
type ReaderInternals = {
  model?: { sheets?: { id: number }[] };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: Iterable<string>, sheetNo: string): Generator<{ eventType: string; value: SheetReader }>;
};

/**
 * exceljs's streaming WorkbookReader, fed text this module decodes. Left to unzip the file itself, the reader
 * decodes each inflated chunk on its own (exceljs utils/parse-sax.js), so a character whose UTF-8 bytes straddle
 * two chunks came out as two U+FFFD: in a 20,000-row 成绩 sheet a few names arrived broken ("考生013487" as
 * "\uFFFD\uFFFD生013487") and the import refused them. (The whole-workbook load has the same flaw for characters
 * outside the Basic Multilingual Plane, such as 𠮷: it cuts the text every 16 K UTF-16 units.) Here each part is
 * inflated and decoded whole (the sizes were checked against the limits before), then handed over in pieces
 * that keep surrogate pairs together, through the reader's own part parsers, in the order its parse() uses.
 */
function decodedWorkbookReader(buf: Buffer) {
  const parts = unzipSync(new Uint8Array(buf.buffer, buf.byteOffset, buf.length), {
    filter: (f) => f.name === "xl/_rels/workbook.xml.rels" || f.name === "xl/workbook.xml" || f.name === "xl/sharedStrings.xml" || f.name === "xl/styles.xml" || SHEET_PART.test(f.name),
  });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  }) as unknown as ReaderInternals;
  const stream = (name: string) => Readable.from(parts[name] ? [...xmlPieces(parts[name])] : []);
  return {
    get model() {
      return reader.model;
    },
    async *worksheets(): AsyncGenerator<SheetReader> {
      if (parts["xl/_rels/workbook.xml.rels"]) await reader._parseRels(stream("xl/_rels/workbook.xml.rels"));
      if (parts["xl/workbook.xml"]) await reader._parseWorkbook(stream("xl/workbook.xml"));
      if (parts["xl/sharedStrings.xml"]) for await (const _ of reader._parseSharedStrings(stream("xl/sharedStrings.xml"))) void _;
      if (parts["xl/styles.xml"]) await reader._parseStyles(stream("xl/styles.xml"));
      // In the ZIP's order, as the reader's parse() meets them.
      for (const name of Object.keys(parts).filter((n) => SHEET_PART.test(n))) {
        const sheetNo = SHEET_PART.exec(name)![1];
        for (const ev of reader._parseWorksheet(xmlPieces(parts[name]), sheetNo)) if (ev.eventType === "worksheet") yield ev.value;
      }
    },
  };
}

const SHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;


/** The whole-workbook load the streaming reader replaced, kept as the reference its tests compare against. */
export async function readXlsxRowsLoaded(buf: Buffer, opts: { sheet?: number; maxRows?: number } = {}): Promise<ReadXlsxResult> {
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs types its parameter as a module-private "Buffer extends ArrayBuffer"; the runtime wants a Node Buffer.
    await wb.xlsx.load(buf as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch {
    return { ok: false, error: XLSX_ERRORS.unreadable };
  }
  const ws = wb.worksheets[opts.sheet ?? 0];
  if (!ws) return { ok: false, error: `Excel 文件中没有第 ${(opts.sheet ?? 0) + 1} 个工作表` };
  const { out, add } = rowCollector(maxRows);
  add(ws.getRow(1), 1);
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber !== 1) add(row, rowNumber);
  });
  return finish(out, maxRows);
}

function isFflateError(err: unknown): boolean {
  // fflate throws plain Errors carrying a numeric `code` for invalid or truncated deflate data.
  return err instanceof Error && typeof (err as { code?: unknown }).code === "number";
}
