import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { captchas } from "@/db/schema";
import { consumeCaptcha, CAPTCHA_COOKIE, createCaptcha } from "@/lib/auth/captcha";
import { CAPTCHA_AUDIO_RATE } from "@/lib/auth/captcha-audio-clips";
import { readWav } from "@/lib/auth/wav";

const ip = vi.hoisted(() => ({ value: "198.51.100.20" as string | null }));
vi.mock("@/lib/request-context", () => ({ clientIp: async () => ip.value }));

const { GET: imageRoute } = await import("@/app/api/captcha/route");
const { GET: audioRoute } = await import("@/app/api/captcha/audio/route");

const withCookie = (url: string, id?: string) => new Request(`http://localhost${url}`, { headers: id ? { cookie: `other=1; ${CAPTCHA_COOKIE}=${id}` } : {} });

async function captchaWithAnswer(answer: string) {
  const { id } = await createCaptcha(db);
  await db.update(captchas).set({ answer }).where(eq(captchas.id, id));
  return id;
}

async function audioOf(id: string) {
  const res = await audioRoute(withCookie("/api/captcha/audio", id));
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

describe("听语音验证码", () => {
  it("读出当前验证码：返回 WAV，字符越多越长，长度与数字无关", async () => {
    ip.value = "198.51.100.21";
    const seconds = async (answer: string) => {
      const { res, body } = await audioOf(await captchaWithAnswer(answer));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("audio/wav");
      expect(res.headers.get("cache-control")).toBe("no-store");
      const wav = readWav(body);
      expect(wav.sampleRate).toBe(CAPTCHA_AUDIO_RATE);
      return wav.samples.length / wav.sampleRate;
    };
    const two = await seconds("12");
    const four = await seconds("1234");
    const six = await seconds("123456");
    expect(two).toBeGreaterThan(1.5);
    expect(four).toBeGreaterThan(two);
    expect(six).toBeGreaterThan(four);
    // Which digits are read changes nothing in the length: it tells nobody the answer.
    expect(await seconds("0000")).toBe(four);
    expect(await seconds("7391")).toBe(four);
  });

  it("音频中有声音，且不以文字、响应头或元数据透露答案", async () => {
    ip.value = "198.51.100.22";
    const id = await captchaWithAnswer("4827");
    const { res, body } = await audioOf(id);
    const wav = readWav(body);
    const peak = wav.samples.reduce((m, s) => Math.max(m, Math.abs(s)), 0);
    expect(peak).toBeGreaterThan(5000);
    // A plain 44-byte header, then samples to the end: no LIST/INFO or other chunk that could carry text.
    expect(body.toString("ascii", 0, 4)).toBe("RIFF");
    expect(body.toString("ascii", 12, 16)).toBe("fmt ");
    expect(body.toString("ascii", 36, 40)).toBe("data");
    expect(body.readUInt32LE(40)).toBe(body.length - 44);
    for (const a of ["4827", "四八二七", Buffer.from("4827").toString("base64")]) {
      for (const [, v] of res.headers) expect(v).not.toContain(a);
    }
    // Two readings of the same captcha differ (noise, placement), so the bytes cannot be matched to a table.
    const again = (await audioOf(id)).body;
    expect(again.length).toBe(body.length);
    expect(again.equals(body)).toBe(false);
  });

  it("图片和语音是同一个验证码；换一张后旧的失效，语音也不再读出", async () => {
    ip.value = "198.51.100.23";
    const first = await imageRoute(withCookie("/api/captcha"));
    const firstId = /kw_captcha=([^;]+)/.exec(first.headers.get("set-cookie") ?? "")![1];
    expect((await audioOf(firstId)).res.status).toBe(200);
    // 换一张: the browser sends the old cookie; the new captcha spends the old.
    const second = await imageRoute(withCookie("/api/captcha", firstId));
    const secondId = /kw_captcha=([^;]+)/.exec(second.headers.get("set-cookie") ?? "")![1];
    expect(secondId).not.toBe(firstId);
    const stale = await audioOf(firstId);
    expect(stale.res.status).toBe(410);
    expect(stale.res.headers.get("content-type")).toContain("text/plain");
    const [old] = await db.select({ answer: captchas.answer }).from(captchas).where(eq(captchas.id, firstId));
    expect(stale.body.toString()).not.toContain(old.answer);
    expect(await consumeCaptcha(db, firstId, old.answer)).toBe("expired");
    // The new one: heard, then answered with the same answer as its image.
    expect((await audioOf(secondId)).res.status).toBe(200);
    const [cur] = await db.select({ answer: captchas.answer }).from(captchas).where(eq(captchas.id, secondId));
    expect(await consumeCaptcha(db, secondId, cur.answer)).toBe("ok");
    // Spent by the sign-in attempt: nothing more to hear.
    expect((await audioOf(secondId)).res.status).toBe(410);
  });

  it("没有验证码时不读出任何内容", async () => {
    ip.value = "198.51.100.24";
    expect((await audioRoute(withCookie("/api/captcha/audio"))).status).toBe(410);
    expect((await audioRoute(withCookie("/api/captcha/audio", "not-a-uuid"))).status).toBe(410);
  });

  it("与图片验证码共用同一IP限额：频繁请求语音被拒绝（429）", async () => {
    ip.value = "198.51.100.25";
    const id = await captchaWithAnswer("5555");
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await imageRoute(withCookie("/api/captcha"))).status);
    for (let i = 0; i < 12; i++) statuses.push((await audioOf(id)).res.status);
    expect(statuses.slice(0, 60).every((s) => s === 200 || s === 410)).toBe(true);
    expect(statuses.slice(60)).toEqual([429, 429]);
    const refused = await audioOf(id);
    expect(refused.res.status).toBe(429);
    expect(refused.body.toString()).not.toContain("5555");
    expect((await imageRoute(withCookie("/api/captcha"))).status).toBe(429);
    ip.value = "198.51.100.26";
    expect((await audioOf(id)).res.status).toBe(200);
  });
});
