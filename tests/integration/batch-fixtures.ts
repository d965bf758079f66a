/** Building 批量报名 files for the integration tests (not a test file itself). */
import ExcelJS from "exceljs";
import { zipSync } from "fflate";
import sharp from "sharp";
import { REGISTRATION_IMPORT_COLUMNS, type RegistrationImportKey } from "@/lib/documents/registration-template";
import { buildRegistrationTemplate } from "@/lib/documents/registration-template";
import { makeChineseId } from "@/lib/identity/chinese-id";

export type Row = Partial<Record<RegistrationImportKey, ExcelJS.CellValue>>;

/** A valid row for a new person; `i` makes the ID number unique (born 1980-01-01 plus i days). */
export function goodRow(i: number, over: Row = {}): Row {
  const birth = new Date(Date.UTC(1980, 0, 1) + i * 86_400_000);
  const idNumber = makeChineseId("110108", birth.toISOString().slice(0, 10), 700 + (i % 200));
  return {
    name: `批量${i}`,
    idType: "居民身份证",
    idNumber,
    education: "大专",
    phone: "13900000000",
    employerName: "北京城建建设工程有限公司",
    employerCode: "91110105101100019W",
    workStartDate: new Date(Date.UTC(2005, 6, 1)),
    yearsOfWork: 10,
    resume: "2005.07-至今，北京城建建设工程有限公司，电工",
    employerOpinion: "同意报名",
    ...over,
  };
}

/** The downloaded template with the sample row replaced by `rows` (from Excel row 2). */
export async function workbookWith(rows: Row[], tradeName = "建筑电工"): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildRegistrationTemplate({ name: "测试计划", tradeNames: [tradeName], minWorkYears: 0 })) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet("报名信息")!;
  ws.spliceRows(2, 1);
  rows.forEach((r, i) => {
    REGISTRATION_IMPORT_COLUMNS.forEach((c, j) => {
      const v = r[c.key];
      if (v !== undefined) ws.getCell(i + 2, j + 1).value = v;
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function smallJpeg() {
  return sharp({ create: { width: 300, height: 420, channels: 3, background: { r: 200, g: 180, b: 160 } } }).jpeg({ quality: 80 }).toBuffer();
}

export function zipOf(files: Record<string, Uint8Array>, level: 0 | 6 = 0): Buffer {
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { level }]]))));
}
