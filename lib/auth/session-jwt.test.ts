import { decode as coreDecode, encode as coreEncode } from "@auth/core/jwt";
import { describe, expect, it } from "vitest";

import { decode, encode } from "./session-jwt";

// The cached codec must read every cookie Auth.js writes and write cookies Auth.js reads, refuse what Auth.js
// refuses, and follow a key rotation the same way.
const SALT = "authjs.session-token";
const A = "first-secret-for-the-session-codec-test-0123";
const B = "second-secret-for-the-session-codec-test-456";
const token = { uid: 7, role: "person" as const, sv: 3, name: "𠮷野 䶮", authAt: 1_764_000_000, sub: "7" };

const pick = (p: Record<string, unknown> | null) => p && { uid: p.uid, role: p.role, sv: p.sv, name: p.name, authAt: p.authAt, sub: p.sub };

describe("session cookie codec with a cached key", () => {
  it("reads Auth.js's cookies and writes cookies Auth.js reads", async () => {
    expect(pick(await decode({ token: await coreEncode({ token, secret: A, salt: SALT }), secret: A, salt: SALT }))).toEqual(token);
    const ours = await encode({ token, secret: A, salt: SALT, maxAge: 3600 });
    expect(pick(await coreDecode({ token: ours, secret: A, salt: SALT }))).toEqual(token);
    // Same header (alg, enc and the key id Auth.js computes) and a fresh id and expiry each time.
    const header = (t: string) => JSON.parse(Buffer.from(t.split(".")[0], "base64url").toString());
    expect(header(ours)).toEqual(header(await coreEncode({ token, secret: A, salt: SALT })));
    const p = (await coreDecode({ token: ours, secret: A, salt: SALT }))!;
    expect(p.exp! - p.iat!).toBe(3600);
    const again = (await decode({ token: await encode({ token, secret: A, salt: SALT }), secret: A, salt: SALT }))!;
    expect(again.jti).not.toBe(p.jti);
  });

  it("follows a key rotation and refuses a cookie of another secret or salt", async () => {
    const old = await coreEncode({ token, secret: A, salt: SALT });
    expect(pick(await decode({ token: old, secret: [B, A], salt: SALT }))).toEqual(token);
    const fresh = await encode({ token, secret: [B, A], salt: SALT });
    expect(pick(await coreDecode({ token: fresh, secret: B, salt: SALT }))).toEqual(token);
    await expect(coreDecode({ token: fresh, secret: A, salt: SALT })).rejects.toThrow();
    await expect(decode({ token: fresh, secret: A, salt: SALT })).rejects.toThrow();
    await expect(decode({ token: old, secret: A, salt: "__Secure-authjs.session-token" })).rejects.toThrow();
  });

  it("refuses an expired or altered cookie, as Auth.js does", async () => {
    const expired = await coreEncode({ token, secret: A, salt: SALT, maxAge: -60 });
    await expect(coreDecode({ token: expired, secret: A, salt: SALT })).rejects.toThrow();
    await expect(decode({ token: expired, secret: A, salt: SALT })).rejects.toThrow();

    const good = await encode({ token, secret: A, salt: SALT });
    const parts = good.split(".");
    for (const i of [0, 2, 3, 4]) {
      const bytes = Buffer.from(parts[i], "base64url");
      bytes[bytes.length >> 1] ^= 1;
      const altered = parts.map((x, j) => (j === i ? bytes.toString("base64url") : x)).join(".");
      await expect(decode({ token: altered, secret: A, salt: SALT }), `part ${i}`).rejects.toThrow();
      await expect(coreDecode({ token: altered, secret: A, salt: SALT }), `part ${i}`).rejects.toThrow();
    }
    expect(await decode({ token: "", secret: A, salt: SALT })).toBeNull();
  });
});
