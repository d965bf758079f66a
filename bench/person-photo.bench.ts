/**
 * 一寸照片: normalising one camera photo (3000×4000 JPEG, ~12 MP) to the 295×413 one-inch JPEG, as the upload
 * route does (EXIF orientation, crop, resize, metadata stripped). Median of 15 runs after one warm-up, with and
 * without a chosen crop, and the throughput of two photos at a time (two cores).
 */
import sharp from "sharp";
import { normalizePhoto } from "../lib/photos/normalize";
import { loadAverage, measure, median, report } from "./support";

// A photo-like picture (smooth shading, a face-sized shape, mild sensor noise) and, as the worst case, pure noise,
// which no JPEG compresses well and which is the slowest to decode. Both carry EXIF orientation 6, as phones write.
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="3000">
  <defs><radialGradient id="g" cx="0.45" cy="0.5" r="0.8"><stop offset="0" stop-color="#e8d5c4"/><stop offset="1" stop-color="#3c5a78"/></radialGradient></defs>
  <rect width="100%" height="100%" fill="url(#g)"/><ellipse cx="1900" cy="1500" rx="700" ry="520" fill="#c49577"/>
  <rect x="2700" y="600" width="900" height="1800" fill="#1f3347"/></svg>`;
const grain = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: "#000", noise: { type: "gaussian", mean: 0, sigma: 6 } } })
  .png()
  .toBuffer();
const photoLike = await sharp(Buffer.from(svg))
  .composite([{ input: grain, blend: "add" }])
  .jpeg({ quality: 90 })
  .withMetadata({ orientation: 6 })
  .toBuffer();
const noisy = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 40 } } })
  .jpeg({ quality: 90 })
  .withMetadata({ orientation: 6 })
  .toBuffer();
let source = photoLike;

async function run(n: number, crop?: { x: number; y: number; width: number; height: number }) {
  const times: number[] = [];
  let peak = 0;
  for (let i = 0; i < n; i++) {
    const m = await measure(() => normalizePhoto(source, { crop }));
    if (!m.result.ok) throw new Error(m.result.error);
    times.push(m.ms);
    peak = Math.max(peak, m.peakRssMb);
  }
  return { median: median(times), peak };
}

await run(1); // warm-up: loads libvips and its codecs
const auto = await run(15);
const cropped = await run(15, { x: 0.2, y: 0.1, width: 0.6, height: 0.6 });
source = noisy;
const worst = await run(9);
report(
  "一寸照片规范化 with a crop chosen by the user",
  `${cropped.median.toFixed(0)} ms median = ${(cropped.median / auto.median).toFixed(2)}× the uncropped`,
  `floor (same photo without a crop, this run) ${auto.median.toFixed(0)} ms; crop 60% × 60% of the upright photo; target ≤ 1.2×; load ${loadAverage()}`,
);
report(
  "一寸照片规范化 per photo (3000×4000 JPEG, orientation 6 → 295×413)",
  `${auto.median.toFixed(0)} ms median`,
  `photo-like source ${(photoLike.length / 1048576).toFixed(1)} MB; with a chosen crop ${cropped.median.toFixed(0)} ms; pure-noise source (${(noisy.length / 1048576).toFixed(1)} MB, worst case) ${worst.median.toFixed(0)} ms; peak RSS ${Math.max(auto.peak, cropped.peak, worst.peak)} MB`,
);

source = photoLike;
const t0 = performance.now();
const N = 20;
let next = 0;
await Promise.all(
  [0, 1].map(async () => {
    while (next < N) {
      next++;
      const r = await normalizePhoto(source);
      if (!r.ok) throw new Error(r.error);
    }
  }),
);
const perSecond = N / ((performance.now() - t0) / 1000);
report("一寸照片规范化, two at a time", `${perSecond.toFixed(1)} photos/s`, `${N} photo-like sources, 2 concurrent jobs on 2 cores`);
