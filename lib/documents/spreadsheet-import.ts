import { beijingDate, parseBeijingDateTime } from "@/lib/time";
import type { XlsxCell } from "./xlsx";

/**
 * What every spreadsheet import shares: finding columns by their header, reading a cell as text, a date or an
 * amount, and the row-by-row report. Pure functions (no database, no Next.js), so the same rules run in a
 * request, a background job or a test.
 */

/** One problem of one row, as the user sees it: 第 row 行, the column (its title or letter), what is wrong. */
export type RowError = { row: number; column?: string; message: string };
export type ImportReport = { batchId: number; totalRows: number; okRows: number; errors: RowError[]; applied: boolean };

/** Header text compared without spaces, the red-star marker, brackets and a trailing 元. */
export const normalizeHeader = (s: string) => s.replace(/[\s*＊（）()]/g, "").replace(/元$/, "");

/** Finds a column by any of its accepted header names; returns its 0-based index (-1 when absent). */
export function findColumn(header: string[], names: string[]): number {
  return header.findIndex((h) => names.some((n) => normalizeHeader(h) === normalizeHeader(n) || normalizeHeader(h).startsWith(normalizeHeader(n))));
}

export function cellText(c: XlsxCell): string {
  if (c === null) return "";
  if (c instanceof Date) return beijingDate(c);
  return String(c).trim();
}

/** A date cell: a real Excel date (its wall-clock date), or text 2026-11-29 / 2026/11/29 / 20261129 / 2026年11月29日. */
export function cellDate(c: XlsxCell): string | null {
  if (c instanceof Date) return c.toISOString().slice(0, 10); // Excel dates carry no zone: the UTC parts are what the user typed
  const s = cellText(c);
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(s);
  if (!m) return null;
  const d = `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
  return parseBeijingDateTime(d) && !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().slice(0, 10) === d ? d : null;
}

/** Amount in fen from a number or text such as "180", "180.00", "¥180". */
export function cellCents(c: XlsxCell): number | null {
  const s = typeof c === "number" ? String(c) : cellText(c).replace(/^[¥￥]/, "").replace(/,/g, "");
  if (!/^\d+(\.\d{1,2})?$/.test(s.trim()) && !(typeof c === "number" && Number.isFinite(c))) return null;
  const cents = Math.round(Number(s) * 100);
  return Number.isSafeInteger(cents) && cents >= 0 ? cents : null;
}

/** A whole number from a number cell or text ("10", "10年"); null when it is anything else. */
export function cellInteger(c: XlsxCell): number | null {
  if (typeof c === "number") return Number.isInteger(c) ? c : null;
  const m = /^(\d{1,3})\s*年?$/.exec(cellText(c));
  return m ? Number(m[1]) : null;
}
