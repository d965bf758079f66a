import "server-only";

import { crc32, deflateSync } from "node:zlib";

import QRCode from "qrcode";

// "M" survives a smudged print or a phone photo at an angle while keeping a verification URL at ~33x33 modules.
const QR_OPTIONS = { errorCorrectionLevel: "M", margin: 1, width: 300 } as const;

export async function qrPngBuffer(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...QR_OPTIONS, type: "png" });
}

export async function qrPngDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, { ...QR_OPTIONS, type: "image/png" });
}

/** Pixels per module of qrPrintPng: a 33-module code with its margin comes out at 280 × 280. */
export const QR_PRINT_SCALE = 8;

/**
 * The same code as qrPngBuffer (same error correction and margin) as a black-and-white PNG of 1 bit per pixel
 * without alpha, for PDFs: pdfkit embeds such a PNG's compressed data as it is, where qrcode's RGBA PNG had to
 * be encoded (trying five filters on every row) and then decoded again by pdfkit to split off the alpha channel.
 * Each module is QR_PRINT_SCALE whole pixels, so the edges stay sharp when printed.
 */
export function qrPrintPng(text: string): Buffer {
  const qr = QRCode.create(text, { errorCorrectionLevel: QR_OPTIONS.errorCorrectionLevel });
  const n = qr.modules.size;
  const margin = QR_OPTIONS.margin;
  const side = (n + 2 * margin) * QR_PRINT_SCALE;
  const rowBytes = Math.ceil(side / 8);
  // Each scanline: filter byte 0, then the pixels, 1 = white (grey level 1 of 1), 0 = black. The QR_PRINT_SCALE
  // scanlines of one module row are the same, so each is built once and copied.
  const line = rowBytes + 1;
  const raw = Buffer.alloc(line * side, 0);
  for (let my = -margin; my < n + margin; my++) {
    const first = (my + margin) * QR_PRINT_SCALE * line;
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / QR_PRINT_SCALE) - margin;
      const dark = mx >= 0 && my >= 0 && mx < n && my < n && qr.modules.get(my, mx) === 1;
      if (!dark) raw[first + 1 + (x >> 3)] |= 0x80 >> (x & 7);
    }
    for (let k = 1; k < QR_PRINT_SCALE; k++) raw.copy(raw, first + k * line, first, first + line);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale, no alpha
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    // zlib's default level: on these runs of equal bytes it compresses a little better than level 9, 4× faster.
    pngChunk("IDAT", deflateSync(raw)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
