import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import QRCode from "qrcode";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { QR_PRINT_SCALE, qrPngBuffer, qrPrintPng } from "./qr";
import { PHOTO_PRINT_BUDGET, printPhoto, renderTicketPdf, renderTicketsPdf } from "./ticket-pdf";
import { sampleTicket } from "./sample-ticket";
import type { TicketData } from "./types";

// What makes a ticket cheaper to render must not change what is printed: the QR code (now drawn as a 1-bit
// PNG), heavy photos (re-encoded for print) and photos passed to react-pdf as bare buffers.

const TMP = path.join(process.cwd(), ".tmp", `ticket-print-test-${process.pid}`);
beforeAll(() => mkdirSync(TMP, { recursive: true }));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const SLOW = { timeout: 30_000 };

function pdfImages(pdf: Buffer): { width: number; height: number; size: string }[] {
  const file = path.join(TMP, `${randomUUID()}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdfimages", ["-list", file], { encoding: "utf8" })
    .split("\n")
    .slice(2)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[2] === "image")
    .map((cols) => ({ width: Number(cols[3]), height: Number(cols[4]), size: cols[14] }));
}

/** Dark (true) or light at the centre of each module, margin included, of a square QR image. */
async function modulesOf(png: Buffer, modules: number): Promise<boolean[]> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  const out: boolean[] = [];
  for (let my = 0; my < modules; my++) {
    for (let mx = 0; mx < modules; mx++) {
      const x = Math.floor(((mx + 0.5) * info.width) / modules);
      const y = Math.floor(((my + 0.5) * info.height) / modules);
      out.push(data[(y * info.width + x) * info.channels] < 128);
    }
  }
  return out;
}

const noisyPhoto = () =>
  sharp({ create: { width: 295, height: 413, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 150, sigma: 30 } } })
    .jpeg({ quality: 88 })
    .toBuffer();

const ticket = (over: Partial<TicketData> = {}): TicketData => sampleTicket({ name: "𠮷野䶮", ...over });

describe("QR code for print", () => {
  it("is the same code as the PNG the other documents use, module for module", async () => {
    for (const text of ["https://kaowu.example.cn/verify/ticket/t1.AbCdEfGhIjKlMnOp", "x", `https://kaowu.example.cn/verify/cert/${"9".repeat(120)}`]) {
      const n = QRCode.create(text, { errorCorrectionLevel: "M" }).modules.size + 2; // with the 1-module margin
      const print = qrPrintPng(text);
      const meta = await sharp(print).metadata();
      expect(meta.width).toBe(n * QR_PRINT_SCALE);
      expect(meta.hasAlpha).toBe(false);
      const got = await modulesOf(print, n);
      expect(got).toEqual(await modulesOf(await qrPngBuffer(text), n));
      expect(got.filter(Boolean).length).toBeGreaterThan(n); // not blank
    }
  });
});

describe("ticket photo for print", SLOW, () => {
  it("leaves a normal photo as it is and re-encodes a heavy one at the same size", async () => {
    const light = await sharp({ create: { width: 295, height: 413, channels: 3, background: "#dbe7f5" } }).jpeg({ quality: 88 }).toBuffer();
    expect(await printPhoto(light)).toBe(light);
    expect(await printPhoto(null)).toBeNull();
    const notJpeg = Buffer.from("not a jpeg, but quite long ".repeat(2000));
    expect(await printPhoto(notJpeg)).toBe(notJpeg);

    const heavy = await noisyPhoto();
    expect(heavy.length).toBeGreaterThan(PHOTO_PRINT_BUDGET);
    const printed = (await printPhoto(heavy))!;
    expect(printed.length).toBeLessThan(heavy.length);
    const meta = await sharp(printed).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 295, 413]);
    // The same picture: mean difference per channel well below what a different photo would give.
    const [a, b] = await Promise.all([heavy, printed].map((p) => sharp(p).blur(2).raw().toBuffer()));
    expect(a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length).toBeLessThan(6);
  });

  it("a ticket with a heavy photo embeds it at 295×413 and stays under 60 KB", async () => {
    const pdf = await renderTicketPdf(ticket({ photoJpeg: await noisyPhoto() }));
    expect(pdf.length).toBeLessThan(60 * 1024);
    const images = pdfImages(pdf);
    expect(images).toHaveLength(2);
    expect(images.map((i) => [i.width, i.height])).toContainEqual([295, 413]);
  });

  it("every ticket of a bulk PDF carries its own photo and QR code", async () => {
    const photos = await Promise.all(
      ["#c0392b", "#2980b9", "#27ae60"].map((background) => sharp({ create: { width: 295, height: 413, channels: 3, background } }).jpeg().toBuffer()),
    );
    const list = photos.map((photoJpeg, i) => ticket({ ticketNo: `T${i}`, photoJpeg, verifyUrl: `https://kaowu.example.cn/verify/ticket/t${i}` }));
    const pdf = await renderTicketsPdf(list);
    const file = path.join(TMP, `${randomUUID()}.pdf`);
    writeFileSync(file, pdf);
    execFileSync("pdfimages", ["-j", file, path.join(TMP, "img")]);
    const listing = pdfImages(pdf);
    expect(listing).toHaveLength(6);
    // The photos come out in page order with their own colours (no page shows another's photo).
    const jpgs = listing.map((img, i) => ({ ...img, i })).filter((img) => img.width === 295);
    expect(jpgs).toHaveLength(3);
    for (let k = 0; k < 3; k++) {
      const out = path.join(TMP, `img-${String(jpgs[k].i).padStart(3, "0")}.jpg`);
      const { dominant } = await sharp(out).stats();
      const want = await sharp(photos[k]).stats();
      expect(Math.abs(dominant.r - want.dominant.r) + Math.abs(dominant.g - want.dominant.g) + Math.abs(dominant.b - want.dominant.b)).toBeLessThan(40);
    }
  });
});
