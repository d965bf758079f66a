// 居民身份证号码 (GB 11643-1999) and the shape-only checks for the other accepted ID types.
// Pure functions with no runtime dependencies so the same rules run in the browser and on the server.

export type IdType = "resident" | "passport" | "hk_macao" | "taiwan";

export const ID_TYPE_LABELS: Record<IdType, string> = {
  resident: "居民身份证",
  passport: "护照",
  hk_macao: "港澳居民来往内地通行证",
  taiwan: "台湾居民来往大陆通行证",
};

export type ChineseIdParseResult =
  | { ok: true; id18: string; gender: "M" | "F"; birthDate: string; regionCode: string }
  | { ok: false; error: string };

export type IdValidationResult = { ok: true; value: string } | { ok: false; error: string };

const CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";

// Only the province part is checked: county codes change with every administrative re-division and old
// numbers keep their original code, so a full region table would reject genuine holders.
const PROVINCE_CODES = new Set([
  "11", "12", "13", "14", "15",
  "21", "22", "23",
  "31", "32", "33", "34", "35", "36", "37",
  "41", "42", "43", "44", "45", "46",
  "50", "51", "52", "53", "54",
  "61", "62", "63", "64", "65",
  "71", "81", "82",
  // 83 is issued to Taiwan residents on mainland residence permits (alternative to 71).
  "83",
  "91",
]);

const MIN_BIRTH_DATE = "1900-01-01";

const ERR_EMPTY = "请输入身份证号码";
const ERR_LENGTH = "身份证号码应为18位（或15位旧号码）";
const ERR_CHARS = "身份证号码只能包含数字，最后一位可为X";
const ERR_REGION = "身份证号码地区码无效";
const ERR_DATE = "身份证号码中的出生日期无效";
const ERR_TOO_EARLY = "出生日期不能早于1900年";
const ERR_FUTURE = "出生日期不能晚于今天";
const ERR_CHECK = "身份证号码校验位错误";

function computeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHECK_WEIGHTS[i] * Number(first17[i]);
  return CHECK_CHARS[sum % 11];
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= daysInMonth[month - 1];
}

// "Today" must be the holder's calendar day, not the server's: a baby born just after midnight in China
// would otherwise be rejected by a UTC server for up to eight hours. China has used UTC+8 without DST
// since 1991, so a fixed offset is exact and avoids depending on the runtime's ICU time-zone data.
// The day is kept with the span of instants it covers (a 20,000-row 批量报名 parses each number twice, and
// formatting a Date each time showed in its profile); a clock that moves outside the span, either way (tests
// set it back), computes it again.
const DAY_MS = 24 * 60 * 60 * 1000;
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
let today = { from: 0, until: 0, value: "" };
function todayInShanghai(): string {
  const now = Date.now();
  if (now < today.from || now >= today.until) {
    const from = Math.floor((now + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
    today = { from, until: from + DAY_MS, value: new Date(now + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10) };
  }
  return today.value;
}

export function parseChineseId(input: string): ChineseIdParseResult {
  const raw = input.trim().toUpperCase();
  if (raw.length === 0) return { ok: false, error: ERR_EMPTY };
  if (raw.length !== 18 && raw.length !== 15) return { ok: false, error: ERR_LENGTH };

  // Legacy 15-digit numbers never had a check character.
  const shapeOk = raw.length === 18 ? /^\d{17}[\dX]$/.test(raw) : /^\d{15}$/.test(raw);
  if (!shapeOk) return { ok: false, error: ERR_CHARS };

  const regionCode = raw.slice(0, 6);
  if (!PROVINCE_CODES.has(regionCode.slice(0, 2))) return { ok: false, error: ERR_REGION };

  // 15-digit numbers were only issued to people born in the 1900s, so the century is always 19.
  const first17 = raw.length === 18 ? raw.slice(0, 17) : `${regionCode}19${raw.slice(6, 15)}`;

  const year = Number(first17.slice(6, 10));
  const month = Number(first17.slice(10, 12));
  const day = Number(first17.slice(12, 14));
  if (!isRealDate(year, month, day)) return { ok: false, error: ERR_DATE };

  const birthDate = `${first17.slice(6, 10)}-${first17.slice(10, 12)}-${first17.slice(12, 14)}`;
  if (birthDate < MIN_BIRTH_DATE) return { ok: false, error: ERR_TOO_EARLY };
  if (birthDate > todayInShanghai()) return { ok: false, error: ERR_FUTURE };

  const checkChar = computeCheckChar(first17);
  if (raw.length === 18 && raw[17] !== checkChar) return { ok: false, error: ERR_CHECK };

  return {
    ok: true,
    id18: first17 + checkChar,
    gender: Number(first17[16]) % 2 === 1 ? "M" : "F",
    birthDate,
    regionCode,
  };
}

// Lists show enough to tell records apart without exposing the birth date and sequence: only the record's own pages show the full number.
export function maskIdNumber(id: string): string {
  const value = id.trim();
  if (value.length >= 15) return value.slice(0, 6) + "*".repeat(value.length - 10) + value.slice(-4);
  // With four characters or fewer, keeping two at each end would reveal the whole number.
  if (value.length <= 4) return "*".repeat(value.length);
  return value.slice(0, 2) + "*".repeat(value.length - 4) + value.slice(-2);
}

// Non-resident documents have no public checksum, so only their format is checked.
export function validateIdByType(type: IdType, input: string): IdValidationResult {
  const value = input.trim().toUpperCase();
  switch (type) {
    case "resident": {
      const parsed = parseChineseId(value);
      return parsed.ok ? { ok: true, value: parsed.id18 } : { ok: false, error: parsed.error };
    }
    case "passport":
      if (value.length === 0) return { ok: false, error: "请输入护照号码" };
      return /^[A-Z0-9]{5,17}$/.test(value)
        ? { ok: true, value }
        : { ok: false, error: "护照号码应为5至17位字母或数字" };
    case "hk_macao":
      if (value.length === 0) return { ok: false, error: "请输入港澳居民来往内地通行证号码" };
      return /^[HM](\d{8}|\d{10})$/.test(value)
        ? { ok: true, value }
        : { ok: false, error: "港澳居民来往内地通行证号码应为H或M开头加8位或10位数字" };
    case "taiwan":
      if (value.length === 0) return { ok: false, error: "请输入台湾居民来往大陆通行证号码" };
      return /^(\d{8}|\d{10})$/.test(value)
        ? { ok: true, value }
        : { ok: false, error: "台湾居民来往大陆通行证号码应为8位或10位数字" };
    default: {
      // The type often arrives from form data, where the compiler's guarantee does not hold.
      const unknownType: never = type;
      return { ok: false, error: `证件类型无效：${String(unknownType)}` };
    }
  }
}

/**
 * Builds an 18-digit number with a correct check character. Only the shape of the arguments is checked,
 * not the calendar or region, so tests can build numbers that break exactly one other rule (Feb 29 in a
 * non-leap year, a future birth date, an unknown province). Seeds should pass real dates and regions.
 */
export function makeChineseId(regionCode: string, birthDate: string, sequence: number): string {
  if (!/^\d{6}$/.test(regionCode)) throw new Error(`makeChineseId: regionCode must be 6 digits, got "${regionCode}"`);
  const dateMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!dateMatch) throw new Error(`makeChineseId: birthDate must be YYYY-MM-DD, got "${birthDate}"`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new Error(`makeChineseId: sequence must be an integer 0..999, got ${sequence}`);
  }
  const first17 = regionCode + dateMatch[1] + dateMatch[2] + dateMatch[3] + String(sequence).padStart(3, "0");
  return first17 + computeCheckChar(first17);
}
