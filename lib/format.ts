/** How amounts are written in the UI, exports and messages. Pure: usable from pages, services and PDFs. */

/** "180.00" from 18000 fen. */
export function yuan(cents: number | null | undefined): string {
  return ((cents ?? 0) / 100).toFixed(2);
}

/** "180.00 元"; empty when there is no amount. */
export function formatYuan(cents: number | null | undefined): string {
  return cents == null ? "" : `${yuan(cents)} 元`;
}
