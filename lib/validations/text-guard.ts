/**
 * What no typed text in this system may carry, checked in one place for every form (defineAction) and every
 * imported spreadsheet cell (readXlsxRows):
 * - invalid UTF-8: a browser decodes it to U+FFFD and a crafted request can carry lone surrogates; either way
 *   the original characters are lost, so the value is refused rather than stored garbled;
 * - C0 and C1 control characters (tab and line breaks excepted, for multi-line fields and cells);
 * - invisible format characters: zero-width characters and bidirectional overrides, which make a name look like
 *   another (张三 vs 张\u200b三) or print backwards.
 * No imports, so the client may use it too.
 */

/** The longest single text value a form may post; the fields' own schemas are far stricter. */
export const TEXT_FIELD_MAX_CHARS = 100_000;

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff]/;
const REPLACEMENT = "\ufffd";

export const TEXT_PROBLEMS = {
  tooLong: `内容过长（最多 ${TEXT_FIELD_MAX_CHARS} 个字）`,
  encoding: "含有无法识别的字符（不是有效的 UTF-8 文本）",
  control: "含有控制字符",
  invisible: "含有不可见的格式字符（零宽字符或文字方向控制符）",
} as const;

/** How Excel stores a control character in a cell (OOXML ST_Xstring escape), which exceljs leaves as it is. */
const EXCEL_ESCAPED_CONTROL = /_x00(?:0[0-8bcef]|1[0-9a-f]|7f|[89][0-9a-f])_/i;

/** Why this text cannot be accepted, as a phrase to put after the field's name; null when it is fine. */
export function textProblem(s: string, opts: { excel?: boolean; anyLength?: boolean } = {}): string | null {
  if (!opts.anyLength && s.length > TEXT_FIELD_MAX_CHARS) return TEXT_PROBLEMS.tooLong;
  if (s.includes(REPLACEMENT) || !isWellFormed(s)) return TEXT_PROBLEMS.encoding;
  if (CONTROL.test(s) || (opts.excel && EXCEL_ESCAPED_CONTROL.test(s))) return TEXT_PROBLEMS.control;
  if (INVISIBLE.test(s)) return TEXT_PROBLEMS.invisible;
  return null;
}

function isWellFormed(s: string): boolean {
  const f = (s as unknown as { isWellFormed?: () => boolean }).isWellFormed;
  if (f) return f.call(s);
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

/**
 * The first problem among the strings of a posted value (FormData as an object, or an action's argument), with
 * the path of the field it is in. Files are not looked into; fields whose name mentions a password are left as
 * typed (a password may be anything, and it is only ever hashed).
 */
export function findTextProblem(value: unknown, path: string[] = []): { path: string[]; problem: string } | null {
  if (typeof value === "string") {
    const problem = textProblem(value);
    return problem ? { path, problem } : null;
  }
  if (value === null || typeof value !== "object") return null;
  if (typeof Blob !== "undefined" && value instanceof Blob) return null;
  if (value instanceof Date || ArrayBuffer.isView(value)) return null;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [k, v] of entries) {
    if (/password/i.test(k)) continue;
    const found = findTextProblem(v, [...path, k]);
    if (found) return found;
  }
  return null;
}
