import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import { Document, Font, renderToBuffer } from "@react-pdf/renderer";
import { createElement } from "react";
import QRCode from "qrcode";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PDF_FONT_FAMILY, ensurePdfFonts, loadPdfFonts } from "./fonts";
import { QR_PRINT_SCALE, qrPrintPng } from "./qr";
import { TicketDocument, TicketPage, pagesOverflowing, renderTicketDocument, renderTicketPdf, renderTicketsPdf } from "./ticket-pdf";
import { sampleTicket } from "./sample-ticket";
import type { TicketData } from "./types";

// What makes a ticket cheaper to lay out must not change what is printed: tickets are now rendered without
// react-pdf's pagination when they fit one page (falling back to it when they do not), and fontkit's shaping
// and glyph outlines are remembered across documents. Each case is compared, page by page and pixel by pixel,
// with the same document rendered the way it was before (pagination on every page).

const TMP = path.join(process.cwd(), ".tmp", `ticket-layout-test-${process.pid}`);
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const SLOW = { timeout: 60_000 };

/** Every page of the PDF as raw RGB pixels at 60 dpi, with its size. */
async function pages(pdf: Buffer): Promise<{ width: number; height: number; pixels: Buffer }[]> {
  const dir = path.join(TMP, randomUUID());
  mkdirSync(dir);
  writeFileSync(path.join(dir, "x.pdf"), pdf);
  execFileSync("pdftoppm", ["-png", "-r", "60", path.join(dir, "x.pdf"), path.join(dir, "p")]);
  const files = readdirSync(dir).filter((f) => f.endsWith(".png")).sort();
  return Promise.all(
    files.map(async (f) => {
      const { data, info } = await sharp(readFileSync(path.join(dir, f))).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      return { width: info.width, height: info.height, pixels: data };
    }),
  );
}

async function expectSamePages(got: Buffer, want: Buffer) {
  const [a, b] = await Promise.all([pages(got), pages(want)]);
  expect(a.map((p) => [p.width, p.height])).toEqual(b.map((p) => [p.width, p.height]));
  for (let i = 0; i < a.length; i++) expect(a[i].pixels.equals(b[i].pixels), `page ${i + 1}`).toBe(true);
}

function pdfText(pdf: Buffer): string {
  const file = path.join(TMP, `${randomUUID()}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
}

const photo = () => sharp({ create: { width: 295, height: 413, channels: 3, background: "#7f8c8d" } }).jpeg().toBuffer();

const ticket = (over: Partial<TicketData> = {}): TicketData =>
  sampleTicket({ notes: "1. 考生须携带准考证和有效身份证件，于开考前30分钟进入考场。\n2. 开考15分钟后不得入场。\n\n3. 考场内严禁携带通讯工具。", ...over });

/** A 考生须知 of the plan's maximum length (2,000 characters): too long for one page. */
const LONG_NOTES = "考生须知很长的一段文字，用来检查分页。".repeat(105).slice(0, 2000);

/** The ticket as it was rendered before: react-pdf's pagination on. */
const paginated = (data: TicketData, qrPng: Buffer | null) => renderToBuffer(createElement(TicketDocument, { data, qrPng }));

const RARE_NAMES = ["䶮㵘", "张三", "赟珺䶮", "䶮㵘"];
const rareTicket = (i: number) => ticket({ name: RARE_NAMES[i], ticketNo: `20260000700010${i}`, seatNo: String(i + 1) });
const bulkList = () => [ticket({ ticketNo: "T1" }), ticket({ ticketNo: "T2", notes: LONG_NOTES }), ticket({ ticketNo: "T3", name: "䶮" })];
let cases: TicketData[] = [];

// The references are rendered first, before anything has remembered fontkit's work (loadPdfFonts), so they are
// what the code before these changes printed.
const before = new Map<string, Buffer>();
beforeAll(async () => {
  mkdirSync(TMP, { recursive: true });
  ensurePdfFonts();
  cases = [
    ticket({ photoJpeg: await photo() }),
    ticket({ idType: "", name: "欧阳䶮㵘" }),
    ticket({
      planName: "2026年第四季度建筑施工企业安全生产管理人员（专职安全生产管理人员）岗位考试（补考）".repeat(2),
      venueAddress: "北京市海淀区三里河路9号院建设大厦北楼三层".repeat(4),
      notes: "1. 考生须携带准考证和有效身份证件。\n".repeat(14),
    }),
    ticket({ notes: LONG_NOTES }),
  ];
  for (const [i, data] of cases.entries()) before.set(`case${i}`, await paginated(data, qrPrintPng(data.verifyUrl)));
  for (let i = 0; i < RARE_NAMES.length; i++) before.set(`rare${i}`, await paginated(rareTicket(i), qrPrintPng(rareTicket(i).verifyUrl)));
  const list = bulkList();
  before.set(
    "bulk",
    await renderToBuffer(
      createElement(
        Document,
        { title: "准考证", language: "zh-CN" },
        list.map((d) => createElement(TicketPage, { key: d.ticketNo, data: d, qrPng: qrPrintPng(d.verifyUrl) })),
      ),
    ),
  );
}, 120_000);

describe("ticket without pagination", SLOW, () => {
  it("prints exactly what the paginated ticket printed, for short and long values", async () => {
    for (const [i, data] of cases.slice(0, 3).entries()) await expectSamePages(await renderTicketDocument(data, qrPrintPng(data.verifyUrl)), before.get(`case${i}`)!);
  });

  it("goes on to a second sheet, as before, when the 考生须知 does not fit", async () => {
    const data = cases[3];
    const pdf = await renderTicketDocument(data, qrPrintPng(data.verifyUrl));
    expect((await pages(pdf)).length).toBe(2);
    await expectSamePages(pdf, before.get("case3")!);
  });

  it("a bulk PDF paginates only the ticket that needs it", async () => {
    const pdf = await renderTicketsPdf(bulkList());
    expect((await pages(pdf)).length).toBe(4);
    await expectSamePages(pdf, before.get("bulk")!);
  });

  it("reads the page boxes from react-pdf's layout, and knows when it cannot", async () => {
    const layoutOf = async (data: TicketData) => {
      let layout: unknown;
      await renderToBuffer(
        createElement(TicketDocument, { data, qrPng: null, onePage: true, onRender: (p: object) => void (layout = (p as { _INTERNAL__LAYOUT__DATA_?: unknown })._INTERNAL__LAYOUT__DATA_) }),
      );
      return layout;
    };
    expect(pagesOverflowing(await layoutOf(ticket()))).toEqual([]);
    expect(pagesOverflowing(await layoutOf(ticket({ notes: LONG_NOTES })))).toEqual([0]);
    // Without a layout to look at (another react-pdf version), every page is paginated as before.
    expect(pagesOverflowing(undefined)).toBeNull();
    expect(pagesOverflowing({ children: [{ box: {} }] })).toBeNull();
  });
});

describe("fontkit work remembered across documents", SLOW, () => {
  it("each ticket still prints its own values, rare characters as real glyphs", async () => {
    await loadPdfFonts();
    // The font must have these glyphs (a font change that lost them would print nothing in their place).
    for (const fontWeight of [400, 700] as const) {
      const font = Font.getFont({ fontFamily: PDF_FONT_FAMILY, fontWeight }).data as unknown as { hasGlyphForCodePoint(c: number): boolean };
      for (const ch of "䶮㵘赟珺") expect(font.hasGlyphForCodePoint(ch.codePointAt(0)!), ch).toBe(true);
    }
    const names = RARE_NAMES;
    for (const [i, name] of names.entries()) {
      const data = rareTicket(i);
      const pdf = await renderTicketPdf(data);
      const text = pdfText(pdf);
      expect(text).toContain(`姓名${name}`);
      expect(text).toContain(data.ticketNo);
      for (const other of names.filter((n) => !name.includes(n) && !n.includes(name))) expect(text).not.toContain(`姓名${other}`);
      // And drawn as before: same pixels as a paginated render of the same ticket.
      await expectSamePages(pdf, before.get(`rare${i}`)!);
    }
  });
});

describe("QR code for print, built a module row at a time", () => {
  it("has every pixel of every module the module's colour, the margin white", async () => {
    for (const text of ["https://kaowu.example.cn/verify/ticket/t1.AbCdEfGhIjKlMnOp", "x", `https://kaowu.example.cn/verify/cert/${"9".repeat(120)}`]) {
      const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
      const n = qr.modules.size;
      const { data, info } = await sharp(qrPrintPng(text)).greyscale().raw().toBuffer({ resolveWithObject: true });
      expect(info.width).toBe((n + 2) * QR_PRINT_SCALE);
      let wrong = 0;
      for (let y = 0; y < info.height; y++) {
        for (let x = 0; x < info.width; x++) {
          const mx = Math.floor(x / QR_PRINT_SCALE) - 1;
          const my = Math.floor(y / QR_PRINT_SCALE) - 1;
          const dark = mx >= 0 && my >= 0 && mx < n && my < n && qr.modules.get(my, mx) === 1;
          if ((data[(y * info.width + x) * info.channels] < 128) !== dark) wrong++;
        }
      }
      expect(wrong).toBe(0);
    }
  });
});
