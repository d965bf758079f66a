/**
 * 恶意输入: how long each hostile upload or form value takes to be refused — the checks every handler runs
 * first (lib/uploads/inspect.ts, lib/documents/zip.ts, lib/validations/text-guard.ts) — and what the same
 * checks add to an ordinary upload. No database: nothing is stored before these checks pass.
 * `npm run bench -- hostile-input`
 */
import sharp from "sharp";
import { readXlsxRows } from "../lib/documents/xlsx";
import { extractZip, ZipRefused } from "../lib/documents/zip";
import { PHOTO_ZIP_LIMITS } from "../lib/services/batch-registrations";
import { SCAN_UPLOAD_RULE } from "../lib/services/certificate-applications/scans";
import { inspectUpload, PHOTO_UPLOAD_RULE, XLSX_UPLOAD_RULE } from "../lib/uploads/inspect";
import { findTextProblem } from "../lib/validations/text-guard";
import { goodRow, workbookWith } from "../tests/integration/batch-fixtures";
import { lyingZip, pixelBombJpeg, pixelBombPng, xlsxBomb, xlsxWithString } from "../tests/integration/hostile-fixtures";
import { median, report } from "./support";

const RUNS = 7;
async function time(name: string, fn: () => unknown, expectRefused = true) {
  const ms: number[] = [];
  let out: unknown;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    out = await fn();
    ms.push(performance.now() - t0);
  }
  const refused = out === "refused" || (typeof out === "object" && out !== null && (("ok" in out && out.ok === false) || "path" in out));
  if (refused !== expectRefused) throw new Error(`${name}: ${JSON.stringify(out).slice(0, 200)}`);
  report(name, `${median(ms).toFixed(1)} ms`, `median of ${RUNS}; ${expectRefused ? "refused" : "accepted"}`);
}

const jpeg = await sharp({ create: { width: 1200, height: 1600, channels: 3, background: "#ccc" } }).jpeg().toBuffer();
const png = await sharp(jpeg).png().toBuffer();
const sample = await workbookWith([goodRow(1, { name: "恶意测试" })]);
const big = await workbookWith(Array.from({ length: 3000 }, (_, i) => goodRow(i)));

await time("一寸照片：50000×50000 的 PNG（像素炸弹）", () => inspectUpload({ name: "bomb.png", data: pixelBombPng() }, PHOTO_UPLOAD_RULE));
await time("一寸照片：50000×50000 的 JPG 头", () => inspectUpload({ name: "bomb.jpg", data: pixelBombJpeg(jpeg) }, PHOTO_UPLOAD_RULE));
await time("一寸照片：PNG 改名为 .jpg", () => inspectUpload({ name: "a.jpg", data: png }, PHOTO_UPLOAD_RULE));
await time("扫描件：PNG 改名为 .pdf", () => inspectUpload({ name: "a.pdf", data: png }, SCAN_UPLOAD_RULE));
const photoBomb = lyingZip({}, "110101199003070000.jpg", 1024);
await time("照片批量上传：ZIP 炸弹（声明 1 KB，实际 20 MB）", () => {
  try {
    extractZip(photoBomb, PHOTO_ZIP_LIMITS);
    return "accepted";
  } catch (e) {
    return e instanceof ZipRefused ? "refused" : "error";
  }
});
const bomb1 = xlsxBomb(sample, 1024);
const bomb2 = xlsxBomb(sample, 500 * 1024 * 1024);
await time("Excel 导入：压缩炸弹（声明 1 KB，实际解压 20 MB）", () => inspectUpload({ name: "a.xlsx", data: bomb1 }, XLSX_UPLOAD_RULE));
await time("Excel 导入：压缩炸弹（声明 500 MB）", () => inspectUpload({ name: "a.xlsx", data: bomb2 }, XLSX_UPLOAD_RULE));
const badUtf8 = xlsxWithString(sample, "恶意测试", Buffer.from([0xc3, 0x28, 0xff]));
const control = xlsxWithString(sample, "恶意测试", "恶意_x0007_测试");
const bidi = xlsxWithString(sample, "恶意测试", "恶意\u202e测试");
await time("Excel 导入：无效 UTF-8 的单元格", () => inspectUpload({ name: "a.xlsx", data: badUtf8 }, XLSX_UPLOAD_RULE));
await time("Excel 导入：姓名中的控制字符", () => inspectUpload({ name: "a.xlsx", data: control }, XLSX_UPLOAD_RULE));
await time("Excel 导入：姓名中的文字方向控制符", () => inspectUpload({ name: "a.xlsx", data: bidi }, XLSX_UPLOAD_RULE));
await time("Excel 导入：PNG 改名为 .xlsx", () => inspectUpload({ name: "a.xlsx", data: png }, XLSX_UPLOAD_RULE));
await time("Excel 读取时定位单元格（exceljs，1 行）", () => readXlsxRows(control));
const tenMb = { name: "张".repeat(10 * 1024 * 1024), idNumber: "E1" };
await time("表单：10 MB 的文字字段", () => findTextProblem(tenMb));
await time("表单：姓名中的零宽字符", () => findTextProblem({ name: "张\u200b三" }));
await time("正常文件：一寸照片 JPG 1200×1600 的检查", () => inspectUpload({ name: "a.jpg", data: jpeg }, PHOTO_UPLOAD_RULE), false);
await time(`正常文件：3,000 行报名表（${(big.length / 1024).toFixed(0)} KB）的检查`, () => inspectUpload({ name: "a.xlsx", data: big }, XLSX_UPLOAD_RULE), false);
await time("正常表单：一个 200 字段的对象", () => findTextProblem(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`f${i}`, "北京城建建设工程有限公司"]))), false);
