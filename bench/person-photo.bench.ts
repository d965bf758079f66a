/**
 * 一寸照片: normalising one camera photo (3000×4000 JPEG, ~12 MP) to the 295×413 one-inch JPEG, as the upload
 * route does (EXIF orientation, crop, resize, metadata stripped). Median of 15 runs after one warm-up, with and
 * without a chosen crop, and the throughput of two photos at a time (two cores).
 */
import sharp from "sharp";
import { normalizePhoto } from "../lib/photos/normalize";
import { measure, median, report } from "./support";

// Noise makes the JPEG as hard to decode as a real photo (a flat colour would decode unrealistically fast).
const source = await sharp({ create: { width: 3000, height: 4000, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 40 } } })
  .jpeg({ quality: 90 })
  .withMetadata({ orientation: 6 })
  .toBuffer();

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
report(
  "一寸照片规范化 per photo (3000×4000 JPEG, orientation 6 → 295×413)",
  `${auto.median.toFixed(0)} ms median`,
  `source ${(source.length / 1048576).toFixed(1)} MB; with a chosen crop ${cropped.median.toFixed(0)} ms; peak RSS ${Math.max(auto.peak, cropped.peak)} MB`,
);

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
report("一寸照片规范化, two at a time", `${perSecond.toFixed(1)} photos/s`, `${N} photos, 2 concurrent jobs on 2 cores`);
