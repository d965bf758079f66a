import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { CAPTCHA_AUDIO_RATE, CAPTCHA_SPOKEN } from "./captcha-audio-clips";
import { readWav, writeWav } from "./wav";

/**
 * The audio alternative of the image captcha: the same answer read aloud, one recorded clip per character
 * (assets/captcha-audio, made by scripts/generate-captcha-audio.ts), over low white noise.
 *
 * Every character gets a slot of the same length with its clip at a random place inside, so the file's length
 * says how many characters there are and nothing about which; no text, header or metadata carries the answer.
 */
const SLOT_SECONDS = 1.0;
const LEAD_SECONDS = 0.5;
const TAIL_SECONDS = 0.4;
const NOISE = 900; // peak of the white noise, of 32767
let clips: Map<string, Int16Array> | undefined;

function loadClips() {
  if (clips) return clips;
  // Spelled out (CAPTCHA_AUDIO_DIR) so that the build traces only this folder, not the whole project.
  const dir = path.join(process.cwd(), "assets", "captcha-audio");
  clips = new Map(
    Object.keys(CAPTCHA_SPOKEN).map((c) => {
      const pcm = readWav(fs.readFileSync(path.join(dir, `${c}.wav`)));
      if (pcm.sampleRate !== CAPTCHA_AUDIO_RATE) throw new Error(`${c}.wav is not ${CAPTCHA_AUDIO_RATE} Hz`);
      return [c, pcm.samples];
    }),
  );
  return clips;
}

export function captchaAudioWav(answer: string): Buffer {
  const all = loadClips();
  const rate = CAPTCHA_AUDIO_RATE;
  const slot = Math.round(SLOT_SECONDS * rate);
  const lead = Math.round(LEAD_SECONDS * rate);
  const out = new Float32Array(lead + answer.length * slot + Math.round(TAIL_SECONDS * rate));
  [...answer].forEach((char, i) => {
    const clip = all.get(char);
    if (!clip) throw new Error("a captcha character without a recorded clip");
    const start = lead + i * slot + crypto.randomInt(Math.max(1, slot - clip.length));
    const gain = 0.8 + crypto.randomInt(21) / 100;
    for (let k = 0; k < clip.length && start + k < out.length; k++) out[start + k] += clip[k] * gain;
  });
  const noise = crypto.randomBytes(out.length * 2);
  const samples = new Int16Array(out.length);
  for (let i = 0; i < out.length; i++) {
    const n = ((noise.readUInt16LE(2 * i) / 65535) * 2 - 1) * NOISE;
    samples[i] = Math.max(-32768, Math.min(32767, Math.round(out[i] + n)));
  }
  return writeWav({ sampleRate: rate, samples });
}
