import "server-only";
import { inspectXlsx } from "@/lib/documents/xlsx";
import { readCentralDirectory } from "@/lib/documents/zip";
import { PHOTO_MAX_BYTES, PHOTO_MAX_PIXELS } from "@/lib/photos/normalize";
import { UPLOAD_MAX_BYTES } from "@/lib/upload-limits";
import { textProblem } from "@/lib/validations/text-guard";

/**
 * The one check every uploaded file goes through before anything is stored or parsed (一寸照片, 照片批量上传,
 * 扫描件, every .xlsx import): what the bytes are — never what the name or the browser's MIME type claim —, that
 * the name does not claim something else, the size, an image's pixel count from its header (a 50,000×50,000 PNG
 * is a few KB), and for a workbook its inflated size (a ZIP bomb inside an .xlsx), all without decoding.
 * The refusal names the file and says what it really is, in the words of the upload form.
 */

export type FileKind =
  | "jpeg"
  | "png"
  | "gif"
  | "webp"
  | "bmp"
  | "tiff"
  | "heic"
  | "pdf"
  | "xlsx"
  | "docx"
  | "pptx"
  | "zip"
  | "ole2"
  | "rar"
  | "7z"
  | "gzip"
  | "exe"
  | "html"
  | "text"
  | "unknown";

export const FILE_KIND_LABELS: Record<FileKind, string> = {
  jpeg: "JPG 图片",
  png: "PNG 图片",
  gif: "GIF 图片",
  webp: "WebP 图片",
  bmp: "BMP 图片",
  tiff: "TIFF 图片",
  heic: "HEIC 图片（苹果手机照片格式）",
  pdf: "PDF 文件",
  xlsx: "Excel 文件（.xlsx）",
  docx: "Word 文档（.docx）",
  pptx: "PowerPoint 演示文稿（.pptx）",
  zip: "ZIP 压缩包",
  ole2: "旧版 Office 文件（.xls 或 .doc）",
  rar: "RAR 压缩包",
  "7z": "7z 压缩包",
  gzip: "gzip 压缩文件",
  exe: "可执行程序",
  html: "网页文件（HTML/SVG）",
  text: "文本文件（如 CSV）",
  unknown: "无法识别的文件",
};

const EXTENSIONS: Record<string, FileKind> = {
  jpg: "jpeg",
  jpeg: "jpeg",
  jpe: "jpeg",
  png: "png",
  gif: "gif",
  webp: "webp",
  bmp: "bmp",
  tif: "tiff",
  tiff: "tiff",
  heic: "heic",
  heif: "heic",
  pdf: "pdf",
  xlsx: "xlsx",
  docx: "docx",
  pptx: "pptx",
  zip: "zip",
  xls: "ole2",
  doc: "ole2",
  rar: "rar",
  "7z": "7z",
  gz: "gzip",
  exe: "exe",
  html: "html",
  htm: "html",
  svg: "html",
  csv: "text",
  txt: "text",
};

const MIME: Record<string, FileKind> = {
  "image/jpeg": "jpeg",
  "image/pjpeg": "jpeg",
  "image/jpg": "jpeg",
  "image/png": "png",
  "image/gif": "gif",
  "image/webp": "webp",
  "image/bmp": "bmp",
  "image/tiff": "tiff",
  "image/heic": "heic",
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.ms-excel": "ole2",
  "application/zip": "zip",
  "application/x-zip-compressed": "zip",
  "text/csv": "text",
  "text/plain": "text",
  "text/html": "html",
  "image/svg+xml": "html",
};

const startsWith = (buf: Uint8Array, bytes: number[], at = 0) => buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);
const ascii = (buf: Uint8Array, from: number, to: number) => Buffer.from(buf.subarray(from, Math.min(to, buf.length))).toString("latin1");

/** What the bytes are. A ZIP is told apart by its parts (an .xlsx has xl/workbook.xml). */
export function identifyFile(buf: Uint8Array): FileKind {
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (ascii(buf, 0, 6) === "GIF87a" || ascii(buf, 0, 6) === "GIF89a") return "gif";
  if (ascii(buf, 0, 4) === "RIFF" && ascii(buf, 8, 12) === "WEBP") return "webp";
  if (ascii(buf, 0, 2) === "BM" && buf.length > 26) return "bmp";
  if (startsWith(buf, [0x49, 0x49, 0x2a, 0x00]) || startsWith(buf, [0x4d, 0x4d, 0x00, 0x2a])) return "tiff";
  if (ascii(buf, 4, 8) === "ftyp" && /^(heic|heix|hevc|mif1|msf1|heim|heis)$/.test(ascii(buf, 8, 12))) return "heic";
  if (ascii(buf, 0, 5) === "%PDF-") return "pdf";
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "ole2";
  if (ascii(buf, 0, 4) === "Rar!") return "rar";
  if (startsWith(buf, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return "7z";
  if (startsWith(buf, [0x1f, 0x8b])) return "gzip";
  if (ascii(buf, 0, 2) === "MZ" || startsWith(buf, [0x7f, 0x45, 0x4c, 0x46])) return "exe";
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04]) || startsWith(buf, [0x50, 0x4b, 0x05, 0x06])) return zipKind(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength));
  const head = ascii(buf, 0, 512).replace(/^\ufeff|^\xef\xbb\xbf/, "").trimStart().toLowerCase();
  if (/^<(!doctype html|html|svg|\?xml)/.test(head)) return "html";
  if (buf.length > 0 && !buf.subarray(0, 4096).includes(0)) return "text";
  return "unknown";
}

function zipKind(buf: Buffer): FileKind {
  try {
    const names = new Set(readCentralDirectory(buf).map((e) => e.name));
    if (names.has("xl/workbook.xml")) return "xlsx";
    if (names.has("word/document.xml")) return "docx";
    if (names.has("ppt/presentation.xml")) return "pptx";
  } catch {
    // a damaged or crafted archive is still a ZIP to the user; its contents are judged by whoever opens it
  }
  return "zip";
}

/** What the name, or failing that the browser's MIME type, claims the file is; null when neither says. */
export function claimedKind(name?: string, mime?: string): FileKind | null {
  const ext = /\.([a-z0-9]{1,5})$/i.exec(name ?? "")?.[1]?.toLowerCase();
  if (ext && EXTENSIONS[ext]) return EXTENSIONS[ext];
  if (ext) return null;
  return MIME[(mime ?? "").toLowerCase().split(";")[0].trim()] ?? null;
}

/** Width and height from a PNG's IHDR or a JPEG's frame header, without decoding; null when not found. */
export function imageDimensions(buf: Uint8Array, kind: FileKind): { width: number; height: number } | null {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (kind === "png") {
    if (b.length < 24 || ascii(b, 12, 16) !== "IHDR") return null;
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  if (kind === "jpeg") {
    let p = 2;
    while (p + 9 < b.length) {
      if (b[p] !== 0xff) return null;
      const marker = b[p + 1];
      if (marker === 0xff) {
        p++;
        continue;
      }
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        p += 2;
        continue;
      }
      const len = b.readUInt16BE(p + 2);
      // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC)
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: b.readUInt16BE(p + 5), width: b.readUInt16BE(p + 7) };
      if (marker === 0xda || len < 2) return null;
      p += 2 + len;
    }
  }
  return null;
}

export type UploadRule = {
  /** The kinds accepted, in the order the message lists them. */
  accept: FileKind[];
  maxBytes: number;
  /** For images: width × height at most this (from the header). */
  maxPixels?: number;
  /** For .xlsx: every part inflated, at most this. */
  maxInflatedBytes?: number;
};

/** 一寸照片, one by one or in 照片批量上传. */
export const PHOTO_UPLOAD_RULE: UploadRule = { accept: ["jpeg", "png"], maxBytes: PHOTO_MAX_BYTES, maxPixels: PHOTO_MAX_PIXELS };

/** Every .xlsx import (批量报名, 导入成绩, 导入缴费): the file and its inflated parts within the readers' budgets. */
export const XLSX_UPLOAD_RULE: UploadRule = { accept: ["xlsx"], maxBytes: UPLOAD_MAX_BYTES, maxInflatedBytes: 120 * 1024 * 1024 };

export type Inspected = { ok: true; kind: FileKind } | { ok: false; error: string };

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const list = (kinds: FileKind[]) => kinds.map((k) => FILE_KIND_LABELS[k].replace(/（.*?）$/, "")).join("或");

/** The checks above for one uploaded file; the error names the file. */
export function inspectUpload(file: { name?: string; type?: string; data: Buffer }, rule: UploadRule): Inspected {
  const base = (file.name ?? "").split(/[\\/]/).pop() ?? "";
  // The name is kept with the file and shown in lists, downloads and this very message: a control character or a
  // bidi override (“照片\u202egpj.exe” shows as “照片exe.jpg”) is refused without repeating the name. U+FFFD alone is
  // let through: it is what a browser makes of a name in another encoding (an old ZIP's GBK names), harmless to show.
  const nameProblem = textProblem(base.replaceAll("\ufffd", "?"), { anyLength: true });
  if (nameProblem) return { ok: false, error: `文件名${nameProblem}，请改名后重新上传` };
  const name = `“${base || "文件"}”`;
  if (file.data.length === 0) return { ok: false, error: `${name}是空文件` };
  if (file.data.length > rule.maxBytes) return { ok: false, error: `${name}超过 ${mb(rule.maxBytes)}` };
  const kind = identifyFile(file.data);
  if (!rule.accept.includes(kind)) return { ok: false, error: `${name}是${FILE_KIND_LABELS[kind]}，这里只能上传${list(rule.accept)}` };
  const claimed = claimedKind(file.name, file.type);
  if (claimed && claimed !== kind)
    return { ok: false, error: `${name}的扩展名或文件类型表明是${FILE_KIND_LABELS[claimed]}，但文件内容是${FILE_KIND_LABELS[kind]}，请改正扩展名或另存为正确格式后重新上传` };
  if (rule.maxPixels && (kind === "jpeg" || kind === "png")) {
    const d = imageDimensions(file.data, kind);
    if (!d || d.width === 0 || d.height === 0) return { ok: false, error: `${name}已损坏，不是有效的${FILE_KIND_LABELS[kind]}` };
    if (d.width * d.height > rule.maxPixels)
      return { ok: false, error: `${name}的图片尺寸为 ${d.width}×${d.height} 像素，超过上限（最多 ${rule.maxPixels / 10_000} 万像素），请缩小后重新上传` };
  }
  if (kind === "xlsx") {
    const found = inspectXlsx(file.data, { maxBytes: rule.maxBytes, maxUncompressedBytes: rule.maxInflatedBytes });
    const problem = found && "container" in found ? found.container : null;
    if (problem === "inflated")
      return { ok: false, error: `${name}解压后超出允许的大小（最多 ${mb(rule.maxInflatedBytes ?? 0)}，且不能超过文件自身声明的大小），可能是被篡改的压缩文件，不能导入` };
    if (problem) return { ok: false, error: `${name}已损坏或不是有效的 Excel 文件，请用 Excel 重新保存后上传` };
    const text = found && "text" in found ? found.text : null;
    if (text) return { ok: false, error: `${name}中有单元格${text}，请修改后重新上传` };
  }
  return { ok: true, kind };
}
