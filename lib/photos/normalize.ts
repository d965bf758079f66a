import "server-only";

import sharp from "sharp";

import { PHOTO_PRINT_BUDGET, PHOTO_PRINT_QUALITY } from "./print-budget";
import { sniffImageType } from "./sniff";

export { sniffImageType };

/** One-inch photo (一寸照片): 25×35 mm at 300 dpi. */
export const PHOTO_WIDTH = 295;
export const PHOTO_HEIGHT = 413;
export const PHOTO_DPI = 300;

export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTO_LIMIT_TEXT = "JPG 或 PNG，不超过 10 MB";

/** Smallest source region we accept; anything less would be visibly upscaled on the printed ticket. */
export const PHOTO_MIN_WIDTH = 150;
export const PHOTO_MIN_HEIGHT = 210;

/**
 * 40 megapixels is well above what phones save by default (12–24 MP) and bounds a full decode to ~120 MB;
 * a crafted PNG of a few KB can otherwise claim gigapixels.
 */
export const PHOTO_MAX_PIXELS = 40_000_000;

export const PHOTO_ERRORS = {
  empty: "请选择要上传的照片",
  type: "只支持 JPG 或 PNG 格式的照片",
  tooLarge: "照片文件不能超过 10 MB",
  tooManyPixels: "照片像素过大，无法处理",
  corrupt: "照片文件已损坏或不是有效的图片",
  tooSmall: `照片分辨率太低（至少 ${PHOTO_MIN_WIDTH}×${PHOTO_MIN_HEIGHT} 像素）`,
} as const;

export type PhotoCrop = { x: number; y: number; width: number; height: number };

export type NormalizePhotoResult =
  | { ok: true; jpeg: Buffer; width: typeof PHOTO_WIDTH; height: typeof PHOTO_HEIGHT }
  | { ok: false; error: string };

export async function normalizePhoto(
  input: Buffer,
  opts: { crop?: PhotoCrop } = {},
): Promise<NormalizePhotoResult> {
  if (!input || input.length === 0) return fail("empty");
  if (input.length > PHOTO_MAX_BYTES) return fail("tooLarge");

  const type = sniffImageType(input);
  if (!type) return fail("type");

  // failOn "truncated": a cut-off upload must be refused rather than printed with a grey lower half,
  // while harmless libjpeg warnings from some cameras ("extraneous bytes") are still tolerated.
  const inputOptions = { limitInputPixels: PHOTO_MAX_PIXELS, failOn: "truncated" as const };

  let orientedWidth: number;
  let orientedHeight: number;
  try {
    // Reads only the header, so a bomb is caught before any pixel is decoded.
    const meta = await sharp(input, inputOptions).metadata();
    if (meta.format !== type) return fail("corrupt");
    const w = meta.width ?? 0;
    const h = meta.height ?? 0;
    if (w <= 0 || h <= 0) return fail("corrupt");
    if (w * h > PHOTO_MAX_PIXELS) return fail("tooManyPixels");
    orientedWidth = meta.autoOrient?.width ?? w;
    orientedHeight = meta.autoOrient?.height ?? h;
  } catch (err) {
    return isPixelLimitError(err) ? fail("tooManyPixels") : fail("corrupt");
  }

  if (orientedWidth < PHOTO_MIN_WIDTH || orientedHeight < PHOTO_MIN_HEIGHT) return fail("tooSmall");

  const region = opts.crop ? cropToPixels(opts.crop, orientedWidth, orientedHeight) : null;
  if (region && (region.width < PHOTO_MIN_WIDTH || region.height < PHOTO_MIN_HEIGHT)) return fail("tooSmall");

  try {
    // rotate() with no angle applies EXIF orientation first, so the crop fractions the user drew on the
    // upright preview map to the same pixels here.
    let pipeline = sharp(input, inputOptions).rotate();
    const scaled = region && type === "jpeg" ? scaledCrop(region, orientedWidth, orientedHeight) : null;
    if (scaled) {
      // Any extract() on an EXIF-rotated image turns off libjpeg's shrink-on-load, so a 12 MP phone photo would
      // be decoded whole (about 5× the time). Instead the whole upright image is first scaled (shrunk on load)
      // so that the chosen region comes out at the one-inch size, and the region is then cut from those few
      // pixels: the same picture as cutting first and resizing after.
      const { data, info } = await pipeline
        .resize(scaled.width, scaled.height, { fit: "fill" })
        .flatten({ background: "#ffffff" })
        .toColourspace("srgb")
        .raw()
        .toBuffer({ resolveWithObject: true });
      pipeline = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).extract(scaled.region);
    } else {
      if (region) pipeline = pipeline.extract(region);
      pipeline = pipeline.resize(PHOTO_WIDTH, PHOTO_HEIGHT, {
        fit: "cover",
        // Without an explicit crop, saliency keeps the face when someone uploads a landscape snapshot.
        position: region ? "centre" : "attention",
      });
    }
    // No withMetadata()/keepExif(): sharp strips EXIF (GPS, device serials) unless told otherwise.
    const { data: pixels, info } = await pipeline.flatten({ background: "#ffffff" }).toColourspace("srgb").raw().toBuffer({ resolveWithObject: true });
    const encode = (quality: number) =>
      sharp(pixels, { raw: { width: info.width, height: info.height, channels: info.channels } }).jpeg({ quality, chromaSubsampling: "4:2:0" }).toBuffer();
    let jpeg = await encode(88);
    // A grainy or busy photo is kept at the quality tickets print it at (see PHOTO_PRINT_BUDGET).
    if (jpeg.length > PHOTO_PRINT_BUDGET) jpeg = await encode(PHOTO_PRINT_QUALITY);
    return { ok: true, jpeg: withJfifDensity(jpeg, PHOTO_DPI), width: PHOTO_WIDTH, height: PHOTO_HEIGHT };
  } catch (err) {
    return isPixelLimitError(err) ? fail("tooManyPixels") : fail("corrupt");
  }
}

type Region = { left: number; top: number; width: number; height: number };

/**
 * The crop as resize-then-extract: the size to scale the whole upright image to and the one-inch window to cut
 * from it, matching extract(region) followed by resize(cover, centre). Null unless the region is at least twice
 * the photo's size (below that libjpeg cannot shrink on load, and the scaled whole image would not be small).
 */
export function scaledCrop(region: Region, width: number, height: number) {
  const k = Math.max(PHOTO_WIDTH / region.width, PHOTO_HEIGHT / region.height);
  if (k > 0.5) return null;
  const scaledWidth = Math.max(PHOTO_WIDTH, Math.round(width * k));
  const scaledHeight = Math.max(PHOTO_HEIGHT, Math.round(height * k));
  // "cover" centres the photo in the scaled region, trimming the longer side evenly.
  const left = Math.round(region.left * k + (region.width * k - PHOTO_WIDTH) / 2);
  const top = Math.round(region.top * k + (region.height * k - PHOTO_HEIGHT) / 2);
  return {
    width: scaledWidth,
    height: scaledHeight,
    region: {
      left: Math.min(Math.max(0, left), scaledWidth - PHOTO_WIDTH),
      top: Math.min(Math.max(0, top), scaledHeight - PHOTO_HEIGHT),
      width: PHOTO_WIDTH,
      height: PHOTO_HEIGHT,
    },
  };
}

function fail(key: keyof typeof PHOTO_ERRORS): { ok: false; error: string } {
  return { ok: false, error: PHOTO_ERRORS[key] };
}

function isPixelLimitError(err: unknown): boolean {
  return err instanceof Error && /pixel limit/i.test(err.message);
}

function clamp01(v: number, fallback: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : fallback;
}

/** Crop fractions come from the browser, so they are clamped rather than trusted. */
function cropToPixels(crop: PhotoCrop, width: number, height: number) {
  const x = clamp01(crop.x, 0);
  const y = clamp01(crop.y, 0);
  const w = Math.min(clamp01(crop.width, 1), 1 - x);
  const h = Math.min(clamp01(crop.height, 1), 1 - y);
  const left = Math.min(Math.floor(x * width), width - 1);
  const top = Math.min(Math.floor(y * height), height - 1);
  return {
    left,
    top,
    width: Math.max(1, Math.min(Math.round(w * width), width - left)),
    height: Math.max(1, Math.min(Math.round(h * height), height - top)),
  };
}

/**
 * sharp's withDensity() works by keeping EXIF, which would carry the uploader's GPS and camera data along.
 * A JFIF APP0 segment records 300 dpi without any EXIF, so print dialogs size the photo at 25×35 mm.
 */
function withJfifDensity(jpeg: Buffer, dpi: number): Buffer {
  // Already has an APP0 (JFIF) segment: leave the encoder's header alone.
  if (jpeg[2] === 0xff && jpeg[3] === 0xe0) return jpeg;
  const app0 = Buffer.from([
    0xff, 0xe0, 0x00, 0x10, // APP0, length 16
    0x4a, 0x46, 0x49, 0x46, 0x00, // "JFIF\0"
    0x01, 0x01, // version 1.01
    0x01, // density unit: dots per inch
    (dpi >> 8) & 0xff, dpi & 0xff, // X density
    (dpi >> 8) & 0xff, dpi & 0xff, // Y density
    0x00, 0x00, // no thumbnail
  ]);
  return Buffer.concat([jpeg.subarray(0, 2), app0, jpeg.subarray(2)]);
}
