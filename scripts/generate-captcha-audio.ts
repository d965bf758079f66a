/**
 * Records the audio captcha's clips: one short WAV per digit, read in Mandarin by espeak-ng, silence trimmed,
 * at 11,025 Hz (a few KB each). The clips are committed in assets/captcha-audio/, so neither CI nor the server
 * needs espeak-ng; run this only to change them:
 *
 *   apt-get install -y espeak-ng && npx tsx scripts/generate-captcha-audio.ts
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CAPTCHA_AUDIO_DIR, CAPTCHA_AUDIO_RATE, CAPTCHA_SPOKEN } from "../lib/auth/captcha-audio-clips";
import { readWav, writeWav } from "../lib/auth/wav";

const THRESHOLD = 400; // of 32767: below this a sample counts as silence when trimming

function trim(samples: Int16Array, rate: number) {
  let start = 0;
  let end = samples.length;
  while (start < end && Math.abs(samples[start]) < THRESHOLD) start++;
  while (end > start && Math.abs(samples[end - 1]) < THRESHOLD) end--;
  // Keep 20 ms either side so the consonant onset and the tail are not clipped.
  const pad = Math.round(rate * 0.02);
  return samples.subarray(Math.max(0, start - pad), Math.min(samples.length, end + pad));
}

/** Integer-factor downsampling with a box filter: speech keeps its intelligibility well below 5.5 kHz. */
function downsample(samples: Int16Array, factor: number) {
  const out = new Int16Array(Math.floor(samples.length / factor));
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (let k = 0; k < factor; k++) sum += samples[i * factor + k];
    out[i] = Math.round(sum / factor);
  }
  return out;
}

const dir = path.join(process.cwd(), CAPTCHA_AUDIO_DIR);
fs.mkdirSync(dir, { recursive: true });
for (const [char, word] of Object.entries(CAPTCHA_SPOKEN)) {
  const wav = execFileSync("espeak-ng", ["-v", "cmn", "-s", "130", "-a", "180", "--stdout", word]);
  const pcm = readWav(wav);
  const factor = pcm.sampleRate / CAPTCHA_AUDIO_RATE;
  if (!Number.isInteger(factor)) throw new Error(`espeak-ng wrote ${pcm.sampleRate} Hz, not a multiple of ${CAPTCHA_AUDIO_RATE}`);
  const samples = downsample(trim(pcm.samples, pcm.sampleRate), factor);
  const file = path.join(dir, `${char}.wav`);
  fs.writeFileSync(file, writeWav({ sampleRate: CAPTCHA_AUDIO_RATE, samples }));
  console.log(`${file}: ${word}, ${(samples.length / CAPTCHA_AUDIO_RATE).toFixed(2)} s`);
}
