/** Beijing time helpers: every rule and every display uses Asia/Shanghai, whatever the server's zone. */
export const TZ = "Asia/Shanghai";
const OFFSET = "+08:00"; // China has no daylight saving time.

const partsFmt = new Intl.DateTimeFormat("en-CA", {
  timeZone: TZ,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/**
 * Shanghai has kept UTC+8 without daylight saving since 1991-09-15; from 1992 on the wall clock is plain
 * arithmetic, which is ~50x cheaper than Intl (a 20,000-row batch check formats several dates per row).
 * Earlier instants (old birth dates) still go through Intl, which knows the 1986-1991 summer times.
 */
const FIXED_OFFSET_FROM = Date.UTC(1991, 11, 31, 16); // 1992-01-01 00:00 Beijing
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function parts(d: Date) {
  const t = d.getTime();
  if (t >= FIXED_OFFSET_FROM && t < 253402300800000) {
    const b = new Date(t + 8 * 3_600_000);
    return { y: String(b.getUTCFullYear()), m: pad2(b.getUTCMonth() + 1), d: pad2(b.getUTCDate()), h: pad2(b.getUTCHours()), min: pad2(b.getUTCMinutes()) };
  }
  const p = Object.fromEntries(partsFmt.formatToParts(d).map((x) => [x.type, x.value]));
  return { y: p.year, m: p.month, d: p.day, h: p.hour, min: p.minute };
}

/** "2026-11-29" in Beijing. */
export function beijingDate(d: Date = new Date()): string {
  const p = parts(d);
  return `${p.y}-${p.m}-${p.d}`;
}

/** "2026-11-29 09:30" in Beijing. */
export function formatDateTime(d: Date | string | null | undefined): string {
  if (!d) return "";
  const p = parts(typeof d === "string" ? new Date(d) : d);
  return `${p.y}-${p.m}-${p.d} ${p.h}:${p.min}`;
}

export function formatDate(d: Date | string | null | undefined): string {
  if (!d) return "";
  if (typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d)) return d;
  return beijingDate(typeof d === "string" ? new Date(d) : d);
}

/** "09:00" in Beijing. */
export function formatTime(d: Date): string {
  const p = parts(d);
  return `${p.h}:${p.min}`;
}

/** The value for an <input type="datetime-local"> showing this instant in Beijing time. */
export function toDateTimeLocal(d: Date | null | undefined): string {
  if (!d) return "";
  const p = parts(d);
  return `${p.y}-${p.m}-${p.d}T${p.h}:${p.min}`;
}

/** Reads "2026-12-01T09:00" (or with a space, or date only) as Beijing time. */
export function parseBeijingDateTime(value: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  if (!m) return null;
  const d = new Date(`${m[1]}T${m[2] ?? "00:00"}:${m[3] ?? "00"}${OFFSET}`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Whole years between a start date and today in Beijing (for 从事工作年限 checks). */
export function yearsSince(dateStr: string, today: string = beijingDate()): number {
  const [y1, m1, d1] = dateStr.split("-").map(Number);
  const [y2, m2, d2] = today.split("-").map(Number);
  let years = y2 - y1;
  if (m2 < m1 || (m2 === m1 && d2 < d1)) years -= 1;
  return years;
}

/** Adds whole years to a YYYY-MM-DD date (Feb 29 falls back to Feb 28). */
export function addYears(dateStr: string, years: number): string {
  const [y, m, d] = dateStr.split("-").map(Number);
  const ny = y + years;
  const last = new Date(Date.UTC(ny, m, 0)).getUTCDate();
  return `${ny}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(dateStr: string, days: number): string {
  const [y, m, d] = dateStr.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}
