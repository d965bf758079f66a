import "server-only";
import { UPLOAD_MAX_BYTES } from "@/lib/upload-limits";

import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { TEXT_PROBLEMS, textProblem } from "@/lib/validations/text-guard";
import { openXlsx, partText, readSharedStrings, readSheetXml, type ContainerProblem } from "./xlsx-sheet";

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

const TEXT_PART = (name: string) => name === "xl/sharedStrings.xml" || /^xl\/worksheets\/[^/]+\.xml$/.test(name);

/**
 * The upload inspection of an .xlsx: the container (openXlsx in lib/documents/xlsx-sheet.ts: a ZIP with the
 * parts every workbook has, within the size, inflating to no more than the budget, a ZIP bomb refused within
 * milliseconds), then the text of its cells (shared strings and the sheets' inline strings), checked without exceljs for what no text here may carry
 * (lib/validations/text-guard.ts): bytes that are not UTF-8, control characters (raw, as character references,
 * or in Excel's _x0007_ form), zero-width and bidi characters. For an upload that is parsed later in the
 * background (批量报名), so that it is refused before it is stored; readXlsxRows names the cell. The container
 * check inflates every part to count its bytes, so the text parts are kept from that pass, not inflated again.
 */
export function inspectXlsx(buf: Buffer, opts: { maxBytes?: number; maxUncompressedBytes?: number } = {}): null | { container: ContainerProblem } | { text: string } {
  const opened = openXlsx(buf, { maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES, maxUncompressedBytes: opts.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED, keep: TEXT_PART });
  if (!opened.ok) return { container: opened.problem };
  const text = partsTextProblem(opened.parts);
  return text ? { text } : null;
}

function partsTextProblem(parts: Map<string, Uint8Array>): string | null {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (const data of parts.values()) {
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

  // The container check inflates every part anyway; the parts read below are kept from that one pass.
  const opened = openXlsx(buf, { maxBytes, maxUncompressedBytes: maxUncompressed, keep: READ_PART });
  if (!opened.ok) return { ok: false, error: opened.problem === "notXlsx" ? XLSX_ERRORS.notXlsx : XLSX_ERRORS.tooLargeOrCorrupt };

  try {
    return await readSheetSax(buf, opened.parts, opts.sheet ?? 0, maxRows);
  } catch {
    return { ok: false, error: XLSX_ERRORS.unreadable };
  }
}

type SheetRows = { header: string[]; rows: { rowNumber: number; cells: XlsxCell[] }[]; formulaCells: { rowNumber: number; col: number }[]; tooMany: boolean };

/** Shared by both readers: one row's plain values, noting its formula cells. */
function rowCollector(maxRows: number) {
  const out: SheetRows = { header: [], rows: [], formulaCells: [], tooMany: false };
  /** A row as plain cells (0-based, up to its last cell with a value) and its formula cells' columns. */
  const addCells = (rowNumber: number, cells: XlsxCell[], formulaCols: number[]) => {
    if (rowNumber === 1) {
      const header = cells.map((c) => (c === null ? "" : c instanceof Date ? c.toISOString() : String(c).trim()));
      while (header.length > 0 && header[header.length - 1] === "") header.pop();
      out.header = header;
      return;
    }
    if (out.tooMany) return;
    for (const col of formulaCols) out.formulaCells.push({ rowNumber, col });
    if (cells.every((c) => c === null || (typeof c === "string" && c.trim() === ""))) return;
    if (out.rows.length >= maxRows) {
      out.tooMany = true;
      return;
    }
    out.rows.push({ rowNumber, cells });
  };
  /** An exceljs row (the whole-workbook load). */
  const add = (row: ExcelJS.Row, rowNumber: number) => {
    const values = row.values; // 1-based sparse array, or an object for exotic rows
    const cells: XlsxCell[] = [];
    const formulaCols: number[] = [];
    if (Array.isArray(values)) {
      for (let c = 1; c < values.length; c++) {
        const v = values[c] as ExcelJS.CellValue;
        if (v && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) formulaCols.push(c - 1);
        cells.push(cellToPlain(v));
      }
    }
    addCells(rowNumber, cells, formulaCols);
  };
  return { out, add, addCells };
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
 * Reads the rows by SAX over the sheet's XML (lib/documents/xlsx-sheet.ts), giving exactly what exceljs's
 * streaming WorkbookReader gave (it replaced that reader, which replaced the whole-workbook load: that one also
 * parsed every data validation, comment and style of every sheet, and expanded range validations cell by cell).
 * The small parts — the workbook (sheet order, 1904 dates) and the styles (which number formats are dates) — are
 * still read by exceljs's own parsers. Each part is decoded whole, so a character whose UTF-8 bytes straddle two
 * inflated chunks (exceljs's own unzipping decoded each chunk alone and turned it into two U+FFFD) or a surrogate
 * pair such as 𠮷 is never cut.
 */
async function readSheetSax(buf: Buffer, parts: Map<string, Uint8Array>, sheet: number, maxRows: number): Promise<ReadXlsxResult> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  }) as unknown as ReaderInternals;
  const stream = (name: string) => Readable.from([...xmlPieces(parts.get(name)!)]);
  // In the order exceljs's parse() reads them, so a broken part fails the same way.
  if (parts.has("xl/_rels/workbook.xml.rels")) await reader._parseRels(stream("xl/_rels/workbook.xml.rels"));
  if (parts.has("xl/workbook.xml")) await reader._parseWorkbook(stream("xl/workbook.xml"));
  const shared = parts.has("xl/sharedStrings.xml") ? readSharedStrings(partText(parts.get("xl/sharedStrings.xml")!)) : undefined;
  if (parts.has("xl/styles.xml")) await reader._parseStyles(stream("xl/styles.xml"));

  // exceljs matches a sheet part's number (sheetN.xml) with the workbook's sheetId, and so does this.
  const target = reader.model?.sheets?.[sheet];
  const part = target ? parts.get(`xl/worksheets/sheet${target.id}.xml`) : undefined;
  if (!part) return { ok: false, error: `Excel 文件中没有第 ${sheet + 1} 个工作表` };

  const dateStyles = new Map<number, boolean | undefined>();
  const isDateStyle = (id: number) => {
    if (!dateStyles.has(id)) {
      const model = reader.styles.getStyleModel(id);
      dateStyles.set(id, model ? isDateFmt(model.numFmt) : undefined);
    }
    return dateStyles.get(id);
  };
  let collected = rowCollector(maxRows);
  let formulas = false;
  readSheetXml(partText(part), { shared, isDateStyle, date1904: Boolean(reader.properties?.model?.date1904) }, () => {
    // A fresh collector each time the sheet is read from its start.
    const { out, addCells } = (collected = rowCollector(maxRows));
    formulas = false;
    return (row) => {
      addCells(row.rowNumber, row.cells, row.formulaCols);
      if (out.tooMany) return false;
      // The streaming reader reads every cached formula result as a number (an error such as #DIV/0! becomes NaN,
      // TRUE becomes 1); a sheet with formulas is rare, so it is read the old way to keep those exact.
      formulas = out.formulaCells.length > 0;
      return !formulas;
    };
  });
  if (formulas) return readXlsxRowsLoaded(buf, { sheet, maxRows });
  return finish(collected.out, maxRows);
}

/** exceljs's utils.isDateFmt: a number format with date or time letters outside quotes and brackets. */
function isDateFmt(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

/** Characters per piece of XML handed to exceljs's parser. */
const XML_PIECE = 64 * 1024;

/** A part of the package as text, in pieces that never split a surrogate pair. */
function* xmlPieces(bytes: Uint8Array): Generator<string> {
  const text = partText(bytes);
  for (let i = 0; i < text.length; ) {
    let end = Math.min(text.length, i + XML_PIECE);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--; // keep the pair together
    yield text.slice(i, end);
    i = end;
  }
}

type ReaderInternals = {
  model?: { sheets?: { id: number }[] };
  properties?: { model?: { date1904?: boolean } };
  styles: { getStyleModel(id: number): { numFmt?: string } | null };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
};

const SHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const READ_PART = (name: string) =>
  name === "xl/_rels/workbook.xml.rels" || name === "xl/workbook.xml" || name === "xl/sharedStrings.xml" || name === "xl/styles.xml" || SHEET_PART.test(name);

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
