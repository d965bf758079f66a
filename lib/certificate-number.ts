/**
 * 证书编号 (docs/numbers.md): 京建 + trade code + issue year in Beijing + a 6-digit serial per trade and year,
 * e.g. 京建GL012026000123. Pure, so the demo seed numbers its certificates by the same rule as 发证.
 */
export const CERTIFICATE_SERIAL_DIGITS = 6;

export function certificatePrefix(tradeCode: string, year: string) {
  return `京建${tradeCode}${year}`;
}

/** The `serials` scope whose counter numbers a trade's certificates of a year. */
export function certificateSerialScope(tradeCode: string, year: string) {
  return `certificate:${tradeCode}:${year}`;
}

export function certificateNumber(tradeCode: string, year: string, serial: number) {
  return `${certificatePrefix(tradeCode, year)}${String(serial).padStart(CERTIFICATE_SERIAL_DIGITS, "0")}`;
}

export const CERTIFICATE_NUMBER_PATTERN = /^京建[A-Z0-9]+\d{4}\d{6}$/;
