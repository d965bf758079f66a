/** Reading list filters from a page's searchParams: one value per key, trimmed, bounded. */
export type SearchParams = Record<string, string | string[] | undefined>;

export function param(sp: SearchParams, key: string, max = 100): string {
  const v = sp[key];
  const s = Array.isArray(v) ? v[0] : v;
  return (s ?? "").trim().slice(0, max);
}

export function intParam(sp: SearchParams, key: string): number | undefined {
  const s = param(sp, key, 12);
  if (!/^\d{1,9}$/.test(s)) return undefined;
  const n = Number(s);
  return n > 0 ? n : undefined;
}

export function pageParam(sp: SearchParams): number {
  return Math.min(intParam(sp, "page") ?? 1, 100_000);
}

export function oneOf<T extends string>(sp: SearchParams, key: string, values: readonly T[]): T | undefined {
  const s = param(sp, key, 40);
  return (values as readonly string[]).includes(s) ? (s as T) : undefined;
}

/** The page's query as plain strings, for Pagination links. */
export function flatParams(sp: SearchParams): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}


export const PAGE_SIZE = 20;
