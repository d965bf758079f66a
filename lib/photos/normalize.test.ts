import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";

import { normalizePhoto, PHOTO_ERRORS, PHOTO_HEIGHT, PHOTO_MAX_BYTES, PHOTO_WIDTH, scaledCrop, sniffImageType } from "./normalize";
import { PHOTO_PRINT_BUDGET } from "./print-budget";

async function expectOneInchJpeg(jpeg: Buffer) {
  const meta = await sharp(jpeg).metadata();
  expect(sniffImageType(jpeg)).toBe("jpeg");
  expect(meta.format).toBe("jpeg");
  expect(meta.width).toBe(295);
  expect(meta.height).toBe(413);
  expect(meta.exif).toBeUndefined();
  expect(meta.xmp).toBeUndefined();
  expect(meta.iptc).toBeUndefined();
  expect(meta.density).toBe(300);
  return meta;
}

async function pixelAt(jpeg: Buffer, x: number, y: number) {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [data[i], data[i + 1], data[i + 2]];
}

/** Builds a PNG by hand so a gigapixel header costs only the (tiny) compressed zero rows. */
function pngBomb(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth 1, greyscale: 400 MP of zeros is only 50 MB before deflate
  ihdr[9] = 0;
  const raw = Buffer.alloc((1 + Math.ceil(width / 8)) * height);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe("sniffImageType", () => {
  it("recognises JPEG and PNG by magic bytes only", () => {
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("jpeg");
    expect(sniffImageType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("png");
    expect(sniffImageType(Buffer.from("GIF89a"))).toBeNull();
    expect(sniffImageType(Buffer.from("%PDF-1.7"))).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
  });
});

describe("normalizePhoto", () => {
  it("turns a 3000x4000 camera JPEG into a 295x413 JPEG without EXIF", async () => {
    const input = await sharp({ create: { width: 3000, height: 4000, channels: 3, background: "#3a6ea5" } })
      .jpeg({ quality: 90 })
      .withExif({ IFD0: { Make: "SecretCam", Model: "X1" }, IFD3: { GPSLatitudeRef: "N" } })
      .toBuffer();
    expect((await sharp(input).metadata()).exif).toBeDefined();

    const res = await normalizePhoto(input);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.width).toBe(295);
    expect(res.height).toBe(413);
    await expectOneInchJpeg(res.jpeg);
    expect(res.jpeg.includes(Buffer.from("SecretCam"))).toBe(false);
  });

  it("keeps a smooth photo at quality 88 and a grainy one within the print budget, so tickets embed both as stored", async () => {
    const smooth = await sharp({ create: { width: 600, height: 840, channels: 3, background: "#8fa3b8" } }).jpeg({ quality: 95 }).toBuffer();
    const grainy = await sharp({ create: { width: 600, height: 840, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 150, sigma: 30 } } })
      .jpeg({ quality: 95 })
      .toBuffer();
    const a = await normalizePhoto(smooth);
    const b = await normalizePhoto(grainy);
    if (!a.ok || !b.ok) throw new Error("normalizePhoto failed");
    // The smooth one: what quality 88 of the same pixels gives (well within the budget).
    const pixels = await sharp(a.jpeg).raw().toBuffer();
    expect(pixels.length).toBe(PHOTO_WIDTH * PHOTO_HEIGHT * 3);
    expect(a.jpeg.length).toBeLessThan(PHOTO_PRINT_BUDGET);
    // The grainy one would be ~65 KB at quality 88; stored within the budget, a ticket does not re-encode it.
    expect(b.jpeg.length).toBeLessThanOrEqual(PHOTO_PRINT_BUDGET);
    const meta = await sharp(b.jpeg).metadata();
    expect([meta.width, meta.height, meta.density]).toEqual([PHOTO_WIDTH, PHOTO_HEIGHT, 300]);
    const { printPhoto } = await import("@/lib/documents/ticket-pdf");
    expect(await printPhoto(b.jpeg)).toBe(b.jpeg);
  });

  it("applies EXIF orientation 6 so a sideways phone photo comes out upright", async () => {
    // Stored landscape 560x400, left half red; orientation 6 means "rotate 90° clockwise to display",
    // so the displayed image is 400x560 portrait with the red half on top.
    const red = await sharp({ create: { width: 280, height: 400, channels: 3, background: "#ff0000" } })
      .png()
      .toBuffer();
    const input = await sharp({ create: { width: 560, height: 400, channels: 3, background: "#0000ff" } })
      .composite([{ input: red, left: 0, top: 0 }])
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await sharp(input).metadata()).orientation).toBe(6);

    const res = await normalizePhoto(input);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const meta = await expectOneInchJpeg(res.jpeg);
    expect(meta.orientation).toBeUndefined();
    const [tr, , tb] = await pixelAt(res.jpeg, 147, 20);
    const [br, , bb] = await pixelAt(res.jpeg, 147, 400);
    expect(tr).toBeGreaterThan(200);
    expect(tb).toBeLessThan(60);
    expect(br).toBeLessThan(60);
    expect(bb).toBeGreaterThan(200);
  });

  it("crops by fractions of the upright image", async () => {
    const red = await sharp({ create: { width: 280, height: 400, channels: 3, background: "#ff0000" } })
      .png()
      .toBuffer();
    const input = await sharp({ create: { width: 560, height: 400, channels: 3, background: "#0000ff" } })
      .composite([{ input: red, left: 0, top: 0 }])
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    // Bottom half of the upright image is blue.
    const res = await normalizePhoto(input, { crop: { x: 0, y: 0.5, width: 1, height: 0.5 } });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const [r, , b] = await pixelAt(res.jpeg, 147, 5);
    expect(r).toBeLessThan(60);
    expect(b).toBeGreaterThan(200);

    // Nonsense fractions are clamped, not trusted.
    const wild = await normalizePhoto(input, { crop: { x: -3, y: Number.NaN, width: 9, height: 9 } });
    expect(wild.ok).toBe(true);

    const tiny = await normalizePhoto(input, { crop: { x: 0.9, y: 0.9, width: 0.1, height: 0.1 } });
    expect(tiny).toEqual({ ok: false, error: PHOTO_ERRORS.tooSmall });
  });

  it("a crop of a large photo (scaled, then cut) picks the same region as cutting at full size", async () => {
    // Each pixel's colour says where it is: red grows left to right, green top to bottom, blue is a smooth
    // ripple of 400 px (a few pixels' shift shows); stored sideways (orientation 6) as phones do.
    const W = 4000;
    const H = 3000;
    const raw = Buffer.alloc(W * H * 3);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = (y * W + x) * 3;
        raw[i] = Math.round((x / (W - 1)) * 255);
        raw[i + 1] = Math.round((y / (H - 1)) * 255);
        raw[i + 2] = Math.round(127.5 + 127.5 * Math.sin((2 * Math.PI * x) / 400) * Math.cos((2 * Math.PI * y) / 400));
      }
    }
    const input = await sharp(raw, { raw: { width: W, height: H, channels: 3 } }).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const cutAtFullSize = async (r: { left: number; top: number; width: number; height: number }) =>
      sharp(input).rotate().extract(r).resize(PHOTO_WIDTH, PHOTO_HEIGHT, { fit: "cover", position: "centre" }).raw().toBuffer();
    const meanDiff = (a: Buffer, b: Buffer) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]), 0) / a.length;
    // Upright the image is 3000 × 4000; each region is what its crop fractions mean there. The second is wider
    // than a one-inch photo, so "cover" trims its sides.
    const cases = [
      { crop: { x: 0.2, y: 0.1, width: 0.6, height: 0.6 }, region: { left: 600, top: 400, width: 1800, height: 2400 } },
      { crop: { x: 0.05, y: 0.3, width: 0.9, height: 0.35 }, region: { left: 150, top: 1200, width: 2700, height: 1400 } },
    ];
    for (const { crop, region } of cases) {
      expect(scaledCrop(region, 3000, 4000)).not.toBeNull(); // the scale-then-cut path is the one under test
      const res = await normalizePhoto(input, { crop });
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      await expectOneInchJpeg(res.jpeg);
      const got = await sharp(res.jpeg).raw().toBuffer();
      const same = meanDiff(got, await cutAtFullSize(region));
      const shifted = meanDiff(got, await cutAtFullSize({ ...region, left: region.left + 30, top: region.top + 30 }));
      expect(same).toBeLessThan(2);
      // A region only 30 source pixels off already differs clearly more (the test can tell regions apart).
      expect(shifted).toBeGreaterThan(2 * same + 4);
    }
  }, 60_000);

  it("flattens a transparent PNG onto white", async () => {
    const input = await sharp({
      create: { width: 600, height: 840, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const res = await normalizePhoto(input);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const meta = await expectOneInchJpeg(res.jpeg);
    expect(meta.hasAlpha).toBe(false);
    const [r, g, b] = await pixelAt(res.jpeg, 100, 100);
    expect(Math.min(r, g, b)).toBeGreaterThan(245);
  });

  it("refuses a GIF, a renamed text file, a PDF and an empty upload", async () => {
    const gif = await sharp({ create: { width: 300, height: 420, channels: 3, background: "#fff" } })
      .gif()
      .toBuffer();
    expect(await normalizePhoto(gif)).toEqual({ ok: false, error: "只支持 JPG 或 PNG 格式的照片" });
    expect(await normalizePhoto(Buffer.from("这不是照片，只是改了扩展名的 photo.jpg\n"))).toEqual({
      ok: false,
      error: "只支持 JPG 或 PNG 格式的照片",
    });
    expect((await normalizePhoto(Buffer.from("%PDF-1.7\n%âãÏÓ\n"))).ok).toBe(false);
    expect((await normalizePhoto(Buffer.alloc(0))).ok).toBe(false);
  });

  it("refuses files over 10 MB before looking at them", async () => {
    const big = Buffer.alloc(PHOTO_MAX_BYTES + 1);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    expect(await normalizePhoto(big)).toEqual({ ok: false, error: "照片文件不能超过 10 MB" });
  });

  it("refuses a truncated JPEG and a PNG header on garbage", async () => {
    const full = await sharp({ create: { width: 1200, height: 1600, channels: 3, background: "#884422" } })
      .composite([
        {
          input: await sharp({ create: { width: 600, height: 800, channels: 3, background: "#2288cc" } })
            .png()
            .toBuffer(),
          left: 300,
          top: 400,
        },
      ])
      .jpeg({ quality: 95 })
      .toBuffer();
    const truncated = full.subarray(0, Math.floor(full.length / 2));
    expect(await normalizePhoto(truncated)).toEqual({ ok: false, error: "照片文件已损坏或不是有效的图片" });

    const fakePng = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from("definitely not IHDR".repeat(20)),
    ]);
    expect(await normalizePhoto(fakePng)).toEqual({ ok: false, error: "照片文件已损坏或不是有效的图片" });
  });

  it("refuses a 20000x20000 PNG bomb without decoding it", async () => {
    const bomb = pngBomb(20000, 20000);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const started = performance.now();
    expect(await normalizePhoto(bomb)).toEqual({ ok: false, error: "照片像素过大，无法处理" });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("refuses photos below 150x210", async () => {
    const small = await sharp({ create: { width: 140, height: 200, channels: 3, background: "#ccc" } })
      .jpeg()
      .toBuffer();
    expect(await normalizePhoto(small)).toEqual({ ok: false, error: "照片分辨率太低（至少 150×210 像素）" });
  });
});
