/** Hostile files for tests/integration/hostile-input.test.ts and bench/hostile-input.bench.ts (not a test file itself). */
import zlib from "node:zlib";
import { unzipSync, zipSync } from "fflate";

function pngChunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A PNG of a few dozen bytes whose header claims 50,000 × 50,000 pixels (2.5 gigapixels). */
export function pixelBombPng() {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(50_000, 0);
  ihdr.writeUInt32BE(50_000, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", zlib.deflateSync(Buffer.alloc(1024))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The same bomb as a JPEG: a frame header of 50,000 × 50,000. */
export function pixelBombJpeg(jpeg: Buffer) {
  const out = Buffer.from(jpeg);
  for (let p = 2; p < out.length - 9; ) {
    const marker = out[p + 1];
    if (marker >= 0xc0 && marker <= 0xc2) {
      out.writeUInt16BE(50_000, p + 5);
      out.writeUInt16BE(50_000, p + 7);
      return out;
    }
    p += 2 + out.readUInt16BE(p + 2);
  }
  throw new Error("no frame header");
}

/**
 * A ZIP bomb that lies: `parts` plus one entry of 20 MB of zeros (about 20 KB compressed) whose local header and
 * central directory claim `declared` bytes — 1 KB (inflating past what it claims), or 500 MB (past any budget).
 */
export function lyingZip(parts: Record<string, Uint8Array>, name: string, declared: number) {
  const zip = Buffer.from(zipSync({ ...Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, [v, { level: 6 }]])), [name]: [new Uint8Array(20 * 1024 * 1024), { level: 9 }] }));
  const key = Buffer.from(name);
  for (let p = zip.indexOf(key); p >= 0; p = zip.indexOf(key, p + 1)) {
    if (p >= 30 && zip.readUInt32LE(p - 30) === 0x04034b50) zip.writeUInt32LE(declared, p - 30 + 22);
    if (p >= 46 && zip.readUInt32LE(p - 46) === 0x02014b50) zip.writeUInt32LE(declared, p - 46 + 24);
  }
  return zip;
}

/** A real workbook with one more part that is a ZIP bomb. */
export const xlsxBomb = (workbook: Buffer, declared: number) => lyingZip(unzipSync(workbook), "xl/media/image1.bin", declared);

/** The workbook with the shared string `from` replaced by raw bytes (or text) in its XML. */
export function xlsxWithString(workbook: Buffer, from: string, to: Buffer | string) {
  const parts = unzipSync(workbook);
  const ss = Buffer.from(parts["xl/sharedStrings.xml"]);
  const at = ss.indexOf(Buffer.from(from));
  if (at < 0) throw new Error(`no shared string ${from}`);
  const patched = Buffer.concat([ss.subarray(0, at), Buffer.isBuffer(to) ? to : Buffer.from(to), ss.subarray(at + Buffer.byteLength(from))]);
  return Buffer.from(zipSync({ ...parts, "xl/sharedStrings.xml": new Uint8Array(patched) }));
}

