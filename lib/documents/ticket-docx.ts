import "server-only";

import {
  AlignmentType,
  BorderStyle,
  Document,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ParagraphChild,
} from "docx";

import { sniffImageType } from "@/lib/photos/sniff";

import { qrPngBuffer } from "./qr";
import type { TicketData } from "./types";

// Word sizes: twips for layout (1 cm = 567), half-points for text, pixels at 96 dpi for images.
const MARGIN = 1134;
const CONTENT_W = 11906 - 2 * MARGIN; // A4 width minus 2 cm margins
const COLS = [1500, 2900, 1400, 1838, 2000] as const; // label | value | label | value | photo
const PHOTO_PX = { width: Math.round((25 / 25.4) * 96), height: Math.round((35 / 25.4) * 96) };
const QR_PX = 132;
const LABEL_FILL = "F3F4F6";

// Chinese Word and WPS both ship 宋体/黑体, so the ticket prints the same on any office PC.
const BODY_FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体" };
const HEAD_FONT = { ascii: "Arial", hAnsi: "Arial", eastAsia: "黑体" };

function span(from: number, count: number): number {
  return COLS.slice(from, from + count).reduce((a, b) => a + b, 0);
}

function text(value: string, opts: { bold?: boolean; size?: number; font?: typeof BODY_FONT } = {}) {
  return new TextRun({ text: value, bold: opts.bold, size: opts.size, font: opts.font });
}

function cell(
  children: ParagraphChild[] | Paragraph[],
  opts: { col: number; cols?: number; rowSpan?: number; label?: boolean; align?: "center" | "left" } = { col: 0 },
) {
  const cols = opts.cols ?? 1;
  const paragraphs =
    children.length > 0 && children[0] instanceof Paragraph
      ? (children as Paragraph[])
      : [
          new Paragraph({
            alignment: opts.align === "center" || opts.label ? AlignmentType.CENTER : AlignmentType.LEFT,
            children: children as ParagraphChild[],
          }),
        ];
  return new TableCell({
    children: paragraphs,
    columnSpan: cols > 1 ? cols : undefined,
    rowSpan: opts.rowSpan,
    width: { size: span(opts.col, cols), type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    shading: opts.label ? { fill: LABEL_FILL, type: "clear", color: "auto" } : undefined,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
  });
}

const label = (value: string, col: number) => cell([text(value, { bold: true, font: HEAD_FONT, size: 20 })], { col, label: true });
const value = (v: string, col: number, cols = 1) => cell([text(v, { size: 22 })], { col, cols });

function row(cells: TableCell[]) {
  // A row split across pages would separate a label from its value on the printout.
  return new TableRow({ children: cells, cantSplit: true, height: { value: 480, rule: "atLeast" } });
}

function photoCell(photo: Buffer | null): TableCell {
  const type = photo ? sniffImageType(photo) : null;
  const content: ParagraphChild = photo && type
    ? new ImageRun({
        type: type === "png" ? "png" : "jpg",
        data: photo,
        transformation: PHOTO_PX,
        altText: { name: "photo", title: "考生照片", description: "考生一寸照片" },
      })
    : text("照片", { size: 22 });
  return cell([content], { col: 4, rowSpan: 5, align: "center" });
}

export async function renderTicketDocx(data: TicketData): Promise<Buffer> {
  const qrPng = await qrPngBuffer(data.verifyUrl);

  const idRun = [text(data.idNumber, { size: 22 })];
  if (data.idType) idRun.push(text(`（${data.idType}）`, { size: 16 }));

  const table = new Table({
    width: { size: CONTENT_W, type: WidthType.DXA },
    columnWidths: [...COLS],
    layout: TableLayoutType.FIXED,
    rows: [
      row([label("准考证号", 0), cell([text(data.ticketNo, { bold: true, size: 26 })], { col: 1, cols: 3 }), photoCell(data.photoJpeg)]),
      row([label("姓名", 0), value(data.name, 1, 3)]),
      row([label("性别", 0), value(data.gender, 1, 3)]),
      row([label("证件号码", 0), cell(idRun, { col: 1, cols: 3 })]),
      row([label("报考岗位", 0), value(data.tradeName, 1, 3)]),
      row([label("考试名称", 0), value(data.planName, 1, 4)]),
      row([label("考试日期", 0), value(data.examDate, 1), label("考试时间", 2), value(data.examTime, 3, 2)]),
      row([label("考点", 0), value(data.venueName, 1, 4)]),
      row([label("考点地址", 0), value(data.venueAddress, 1, 4)]),
      row([label("考场", 0), value(data.roomName, 1), label("座位号", 2), value(data.seatNo, 3, 2)]),
    ],
  });

  const noteLines = data.notes.replace(/\r\n?/g, "\n").split("\n");
  const none = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
  const notesW = CONTENT_W - 2400;
  const lower = new Table({
    width: { size: CONTENT_W, type: WidthType.DXA },
    columnWidths: [notesW, 2400],
    layout: TableLayoutType.FIXED,
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            width: { size: notesW, type: WidthType.DXA },
            margins: { top: 100, bottom: 100, left: 140, right: 140 },
            borders: {
              top: { style: BorderStyle.SINGLE, size: 6, color: "1F2937" },
              bottom: { style: BorderStyle.SINGLE, size: 6, color: "1F2937" },
              left: { style: BorderStyle.SINGLE, size: 6, color: "1F2937" },
              right: { style: BorderStyle.SINGLE, size: 6, color: "1F2937" },
            },
            children: [
              new Paragraph({ spacing: { after: 80 }, children: [text("考生须知", { bold: true, font: HEAD_FONT, size: 22 })] }),
              ...noteLines.map((line) => new Paragraph({ spacing: { after: 40 }, children: [text(line, { size: 19 })] })),
            ],
          }),
          new TableCell({
            width: { size: 2400, type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new ImageRun({
                    type: "png",
                    data: qrPng,
                    transformation: { width: QR_PX, height: QR_PX },
                    altText: { name: "qr", title: "核验二维码", description: data.verifyUrl },
                  }),
                ],
              }),
              new Paragraph({ alignment: AlignmentType.CENTER, children: [text("扫码核验准考证", { size: 18 })] }),
            ],
          }),
        ],
      }),
    ],
  });

  const doc = new Document({
    creator: data.issuer,
    title: `准考证 ${data.ticketNo}`,
    styles: { default: { document: { run: { font: BODY_FONT, size: 21 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
          },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [text(data.planName, { bold: true, size: 26, font: HEAD_FONT })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 80, after: 200 },
            children: [new TextRun({ text: "准考证", bold: true, size: 52, font: HEAD_FONT, characterSpacing: 120 })],
          }),
          table,
          new Paragraph({ spacing: { after: 200 }, children: [] }),
          lower,
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { before: 360 },
            children: [text(data.issuer, { bold: true, size: 24, font: HEAD_FONT })],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
