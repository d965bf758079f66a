import zlib from "node:zlib";
import { Inflate } from "fflate";
import { SaxesParser } from "saxes";
import { readCentralDirectory, ZipRefused } from "./zip";

/**
 * The two costly steps of reading an uploaded .xlsx, without exceljs's per-cell objects (lib/documents/xlsx.ts
 * keeps exceljs for the workbook, the styles and sheets with formulas):
 * - openXlsx: the container check (sizes as declared and as inflated, within a budget) and the parts a caller
 *   wants, in one pass: each part is inflated once, not once to count it and once more to read it;
 * - readSheetXml and readSharedStrings: the cells of one worksheet read as XML events straight into plain
 *   values, with exactly the values exceljs's streaming WorksheetReader gives (shared strings, inline strings,
 *   numbers, dates by the cell's or the row's number format, booleans, errors, formula cells). The events come
 *   from saxes, the parser exceljs itself uses. (A hand-written scanner for plain spreadsheet XML was tried: it
 *   saved ~40 ms of CPU on the 20,000-row sheet, not worth a second XML parser to keep correct.)
 * Profiled on a 20,000-row 报名表 (9.6 MB of sheet XML, 1.3 MB of shared strings), exceljs spent most of its time
 * building Row and Cell objects (each cell merges its row's style, validates its address, wraps its value) and
 * collecting them afterwards; of what was left, saxes was the larger part (≈0.4 s of a 2.3 s check under load).
 */

export type ContainerProblem = "notXlsx" | "corrupt" | "inflated";

/**
 * The workbook as a container: a ZIP (old .xls, CSV and password-protected workbooks are not), with the two
 * parts every workbook has, within maxBytes, and inflating to no more than the budget. Every entry is inflated
 * (a ZIP may lie about its sizes), stopping at the first byte past the budget or past its declared size, so a
 * ZIP bomb costs milliseconds: entries the caller keeps with zlib's maxOutputLength (native, stops there),
 * the others 1 KB at a time and thrown away. The kept parts come back inflated.
 */
export function openXlsx(
  buf: Buffer,
  opts: { maxBytes: number; maxUncompressedBytes: number; keep?: (name: string) => boolean },
): { ok: true; parts: Map<string, Uint8Array> } | { ok: false; problem: ContainerProblem } {
  if (!buf || buf.length === 0) return { ok: false, problem: "notXlsx" };
  if (buf.length > opts.maxBytes) return { ok: false, problem: "corrupt" };
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) return { ok: false, problem: "notXlsx" };
  const budget = opts.maxUncompressedBytes;
  const parts = new Map<string, Uint8Array>();
  try {
    const entries = readCentralDirectory(buf);
    const declared = entries.reduce((sum, e) => sum + e.size, 0);
    if (declared > budget) return { ok: false, problem: "inflated" };
    const names = new Set(entries.map((e) => e.name));
    if (!names.has("[Content_Types].xml") || !names.has("xl/workbook.xml")) return { ok: false, problem: "notXlsx" };

    // deflate expands at most ~1032:1, so one slice yields at most ~1 MB before the budget is checked again
    const SLICE = 1024;
    let total = 0;
    for (const e of entries) {
      const p = e.localOffset;
      if (p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50) throw new ZipRefused("bad local header");
      const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
      const end = start + e.compressedSize;
      if (end > buf.length) throw new ZipRefused("entry out of range");
      const keep = opts.keep?.(e.name) ?? false;

      let entryTotal = 0;
      if (e.method === 0 || start === end) {
        entryTotal = e.compressedSize;
        if (keep) parts.set(e.name, buf.subarray(start, end));
      } else if (e.method === 8) {
        if (keep) {
          // Past either limit zlib stops and throws a RangeError (ERR_BUFFER_TOO_LARGE), having held at most the limit.
          const limit = Math.min(e.size, budget - total);
          let data: Buffer;
          try {
            data = zlib.inflateRawSync(buf.subarray(start, end), { maxOutputLength: Math.max(1, limit) });
          } catch (err) {
            if (err instanceof RangeError) throw new ZipRefused("inflates beyond its size");
            throw new ZipRefused("corrupt deflate data");
          }
          entryTotal = data.length;
          if (entryTotal > limit) throw new ZipRefused("inflates beyond its size");
          parts.set(e.name, data);
        } else {
          const inflater = new Inflate((chunk) => {
            entryTotal += chunk.length;
            if (total + entryTotal > budget || entryTotal > e.size) throw new ZipRefused("inflates beyond its size");
          });
          for (let q = start; q < end; q += SLICE) inflater.push(buf.subarray(q, Math.min(q + SLICE, end)), q + SLICE >= end);
        }
      } else {
        throw new ZipRefused(`compression method ${e.method}`);
      }
      if (entryTotal !== e.size) throw new ZipRefused("size mismatch");
      total += entryTotal;
      if (total > budget) throw new ZipRefused("over budget");
    }
  } catch (err) {
    if (err instanceof ZipRefused) return { ok: false, problem: err.message === "inflates beyond its size" || err.message === "over budget" ? "inflated" : "corrupt" };
    if (err instanceof RangeError || isFflateError(err)) return { ok: false, problem: "corrupt" };
    throw err;
  }
  return { ok: true, parts };
}

function isFflateError(err: unknown): boolean {
  // fflate throws plain Errors carrying a numeric `code` for invalid or truncated deflate data.
  return err instanceof Error && typeof (err as { code?: unknown }).code === "number";
}

/** A part as text: decoded whole, so no character is ever cut between two pieces of input. */
export function partText(bytes: Uint8Array): string {
  return new TextDecoder("utf-8").decode(bytes);
}

/** What a shared string reads as: its text (rich text runs joined), or null for an empty plain string. */
export type SharedString = string | null;

/**
 * xl/sharedStrings.xml: each <si>'s text, the runs of rich text joined. Phonetic guides (<rPh>) are not part of
 * the text (exceljs's whole-workbook load skips them too).
 */
export function readSharedStrings(xml: string): SharedString[] {
  return sharedStringsBy(xml, parseWithSaxes);
}

function sharedStringsBy(xml: string, parse: (xml: string, h: XmlHandlers) => void): SharedString[] {
  const out: SharedString[] = [];
  let text = "";
  let rich = false;
  let inT = false;
  let phonetic = 0;
  parse(xml, {
    open(name) {
      switch (name) {
        case "si":
          text = "";
          rich = false;
          break;
        case "r":
          rich = true;
          break;
        case "t":
          if (phonetic === 0) inT = true;
          break;
        case "rPh":
          phonetic++;
          break;
      }
    },
    text(s) {
      if (inT) text += s;
    },
    close(name) {
      switch (name) {
        case "t":
          inT = false;
          break;
        case "rPh":
          phonetic--;
          break;
        case "si":
          // exceljs gives a plain string with no text as null (an empty cell) and rich text as an object (a cell).
          out.push(rich || text !== "" ? text : null);
          break;
      }
    },
  });
  return out;
}

/** One cell's plain value, as lib/documents/xlsx.ts's XlsxCell. */
type Plain = string | number | Date | null;

export type SheetRow = { rowNumber: number; cells: Plain[]; formulaCols: number[] };

export type SheetContext = {
  shared: SharedString[] | undefined;
  /** Whether the cell style with this index has a date number format (exceljs's isDateFmt); undefined: no such style. */
  isDateStyle: (styleId: number) => boolean | undefined;
  date1904: boolean;
};

/** exceljs's utils.xmlDecode, which its reader applies to inline and formula strings after the XML parser has. */
function xmlDecodeAgain(text: string): string {
  return text.indexOf("&") < 0
    ? text
    : text.replace(/&([a-z]*);/g, (c) => (c === "&lt;" ? "<" : c === "&gt;" ? ">" : c === "&amp;" ? "&" : c === "&apos;" ? "'" : c === "&quot;" ? '"' : c));
}

/** The column of a cell reference such as "AB12", as exceljs's colCache.decodeAddress reads it (1-based). */
function columnOf(ref: string | undefined): number {
  if (ref === undefined) throw new Error("cell without a reference");
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const ch = ref.charCodeAt(i);
    if (ch >= 65 && ch <= 90) col = col * 26 + ch - 64;
    else if (ch >= 48 && ch <= 57) break;
  }
  if (col === 0 || col > 16384) throw new Error(`invalid cell reference ${ref}`);
  return col;
}

function excelToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/**
 * The rows of a worksheet's XML in document order, handed to onRow as each <row> closes; onRow returns false to
 * stop. A cell's value follows exceljs's streaming WorksheetReader exactly (what its Row.values would hold, then
 * turned plain as lib/documents/xlsx.ts's cellToPlain does): rows are those inside <sheetData>; a cell takes its
 * own style's number format when it has a non-zero style that exists, else its row's; cells exceljs would leave
 * empty (no value) do not count towards the row's width, an empty string does. formulaCols lists the cells
 * with a formula (their value is the cached result).
 * start() gives the onRow to use.
 */
export function readSheetXml(xml: string, ctx: SheetContext, start: () => (row: SheetRow) => boolean): void {
  try {
    parseWithSaxes(xml, sheetHandlers(ctx, start()));
  } catch (err) {
    if (err !== STOP) throw err;
  }
}

function sheetHandlers(ctx: SheetContext, onRow: (row: SheetRow) => boolean): XmlHandlers {
  let inRows = false;
  let row: { rowNumber: number; rowDate: boolean; cells: Plain[]; width: number; formulaCols: number[] } | null = null;
  let c: { ref: string | undefined; s: number; t: string | undefined; f: { text: string } | null; v: { text: string } | null } | null = null;
  // Like exceljs, text goes to the last <f>, <v>, <is> or <t> opened, until another opens.
  let current: { text: string } | null = null;

  const open = (name: string, a: Record<string, string>) => {
    switch (name) {
      case "sheetData":
        inRows = true;
        break;
      case "row":
        if (inRows) {
          const s = a.s ? parseInt(a.s, 10) : NaN;
          row = { rowNumber: parseInt(a.r, 10), rowDate: a.s ? ctx.isDateStyle(s) === true : false, cells: [], width: 0, formulaCols: [] };
        }
        break;
      case "c":
        if (row) c = { ref: a.r, s: parseInt(a.s, 10), t: a.t, f: null, v: null };
        break;
      case "f":
        if (c) current = c.f = { text: "" };
        break;
      case "v":
      case "is":
      case "t":
        if (c) current = c.v = { text: "" };
        break;
    }
  };
  const text = (s: string) => {
    if (current) current.text += s;
  };
  const close = (name: string) => {
    switch (name) {
      case "sheetData":
        inRows = false;
        break;
      case "row":
        if (row) {
          const r = row;
          row = null;
          const cells: Plain[] = new Array(r.width);
          for (let i = 0; i < r.width; i++) cells[i] = r.cells[i] ?? null;
          if (!onRow({ rowNumber: r.rowNumber, cells, formulaCols: r.formulaCols.sort((x, y) => x - y) })) throw STOP;
        }
        break;
      case "c":
        if (row && c) {
          const col = columnOf(c.ref);
          const own = c.s ? ctx.isDateStyle(c.s) : undefined; // NaN and 0 are falsy, as in exceljs
          const isDate = own === undefined ? row.rowDate : own;
          let present = true;
          let value: Plain = null;
          if (c.f) {
            // exceljs: { formula, result } — result parseFloat'ed unless the formula's type is str.
            if (c.v) value = c.t === "str" ? plainString(xmlDecodeAgain(c.v.text)) : finite(parseFloat(c.v.text));
            if (!row.formulaCols.includes(col - 1)) row.formulaCols.push(col - 1);
          } else if (c.v) {
            const text = c.v.text;
            switch (c.t) {
              case "s": {
                const i = parseInt(text, 10);
                if (ctx.shared) {
                  const sv = ctx.shared[i];
                  if (sv === undefined || sv === null) present = false;
                  else value = plainString(sv);
                }
                break;
              }
              case "inlineStr":
              case "str":
                value = plainString(xmlDecodeAgain(text));
                break;
              case "e":
                value = text;
                break;
              case "b":
                value = parseInt(text, 10) !== 0 ? "TRUE" : "FALSE";
                break;
              default: {
                const n = parseFloat(text);
                if (isDate) {
                  const d = excelToDate(n, ctx.date1904);
                  value = Number.isNaN(d.getTime()) ? null : d;
                } else value = finite(n);
              }
            }
          } else present = false;
          if (present) {
            row.cells[col - 1] = value;
            if (col > row.width) row.width = col;
          }
          c = null;
        }
        break;
    }
  };
  return { open, text, close };
}

/** The same events from saxes, which refuses what is not well-formed XML (the parser exceljs uses). */
function parseWithSaxes(xml: string, h: XmlHandlers): void {
  const parser = new SaxesParser({ position: false });
  parser.on("opentag", (node) => h.open(node.name, node.attributes as Record<string, string>));
  parser.on("text", h.text);
  parser.on("closetag", (node) => h.close(node.name));
  parser.write(xml).close();
}

type XmlHandlers = { open(name: string, attributes: Record<string, string>): void; text(s: string): void; close(name: string): void };

/** Thrown from a handler to end the parse once the caller has what it needs (saxes has no abort). */
const STOP = new Error("stop");

const plainString = (s: string): Plain => (s === "" ? null : s);
const finite = (n: number): Plain => (Number.isFinite(n) ? n : null);
