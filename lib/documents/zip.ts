import "server-only";

import { Inflate } from "fflate";

/** A real workbook has dozens of parts; thousands of entries is a crafted file meant to burn CPU. */
const MAX_ZIP_ENTRIES = 5_000;

export type ZipEntry = { name: string; method: number; flags: number; compressedSize: number; size: number; localOffset: number };

/** A ZIP refused before anything is inflated into memory; the message is for logs, callers word their own. */
export class ZipRefused extends Error {}

/**
 * Lists a ZIP's entries from its central directory without inflating anything. Zip64 and encrypted entries
 * are refused: no genuine import template needs them, and both are ways to hide real sizes.
 */
export function readCentralDirectory(buf: Buffer, maxEntries = MAX_ZIP_ENTRIES): ZipEntry[] {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipRefused("no end of central directory");
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw new ZipRefused("zip64");
  if (count > maxEntries) throw new ZipRefused("too many entries");
  if (cdOffset + cdSize > eocd) throw new ZipRefused("central directory out of range");

  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== 0x02014b50) throw new ZipRefused("bad central directory");
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    if (flags & 0x1) throw new ZipRefused("encrypted entry");
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) throw new ZipRefused("zip64 entry");
    entries.push({ name, method, flags, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}


export type ZipLimits = {
  maxEntries: number;
  /** Total inflated bytes of the entries kept. */
  maxTotalBytes: number;
  maxEntryBytes: number;
  /** Inflated size over compressed size, per entry: JPEGs barely compress, so a high ratio is a bomb. */
  maxRatio: number;
};

export type ZipFile = { name: string; data: Buffer };

/**
 * Extracts the files of an uploaded ZIP within limits, refusing the whole archive at the first entry that
 * breaks one: too many entries, a path outside the archive (absolute, "..", a drive letter), an entry that
 * inflates beyond its declared size or the ratio, or a total beyond the budget. Inflation stops as soon as a
 * limit is crossed, so a zip bomb costs milliseconds. Folders and macOS resource forks are skipped.
 */
export function extractZip(buf: Buffer, limits: ZipLimits): ZipFile[] {
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw new ZipRefused("not a zip");
  const entries = readCentralDirectory(buf, limits.maxEntries);
  const out: ZipFile[] = [];
  let total = 0;
  for (const e of entries) {
    const name = e.name.replace(/\\/g, "/");
    if (name.startsWith("/") || /^[a-zA-Z]:/.test(name) || name.split("/").includes("..")) throw new ZipRefused("path outside the archive");
    if (name.endsWith("/") || name.startsWith("__MACOSX/") || name.split("/").pop()!.startsWith("._")) continue;
    if (e.size > limits.maxEntryBytes || total + e.size > limits.maxTotalBytes) throw new ZipRefused("too large");
    if (e.compressedSize > 0 && e.size / e.compressedSize > limits.maxRatio) throw new ZipRefused("ratio");
    const p = e.localOffset;
    if (p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50) throw new ZipRefused("bad local header");
    const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
    const end = start + e.compressedSize;
    if (end > buf.length) throw new ZipRefused("entry out of range");
    let data: Buffer;
    if (e.method === 0) {
      data = Buffer.from(buf.subarray(start, end));
    } else if (e.method === 8) {
      const chunks: Uint8Array[] = [];
      let size = 0;
      const inflater = new Inflate((chunk) => {
        size += chunk.length;
        if (size > e.size || size > limits.maxEntryBytes || size / Math.max(1, e.compressedSize) > limits.maxRatio) throw new ZipRefused("inflates beyond its size");
        chunks.push(chunk);
      });
      const SLICE = 1024; // at most ~1 MB inflated between two checks of the limits
      for (let q = start; q < end; q += SLICE) inflater.push(buf.subarray(q, Math.min(q + SLICE, end)), q + SLICE >= end);
      data = Buffer.concat(chunks);
    } else {
      throw new ZipRefused(`compression method ${e.method}`);
    }
    if (data.length !== e.size) throw new ZipRefused("size mismatch");
    total += data.length;
    out.push({ name, data });
  }
  return out;
}
