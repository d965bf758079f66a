import "server-only";

import { hkdfSync, randomUUID } from "node:crypto";

import { EncryptJWT, base64url, calculateJwkThumbprint, jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

/**
 * Auth.js's session cookie codec (@auth/core/jwt encode/decode: JWE, dir + A256CBC-HS512, key from HKDF of the
 * secret, key id = the key's JWK thumbprint), byte for byte the same format, with one difference: the derived key
 * and its thumbprint are computed once per secret and salt instead of on every request. Auth.js derives them
 * again for each decode and each encode (two HKDFs and two SHA-512 thumbprints per request), which was about
 * half of the session's cost under load. lib/auth/session-jwt.test.ts checks both directions against
 * @auth/core/jwt, key rotation, expiry and tampering.
 */

const ALG = "dir";
const ENC = "A256CBC-HS512";
const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60; // as Auth.js

type DerivedKey = { key: Uint8Array; kid: string };
const derivedKeys = new Map<string, Promise<DerivedKey>>();

function derivedKey(enc: string, secret: string, salt: string): Promise<DerivedKey> {
  const id = `${enc}\u0000${salt}\u0000${secret}`;
  let k = derivedKeys.get(id);
  if (!k) {
    const length = enc === "A256CBC-HS512" ? 64 : enc === "A256GCM" ? 32 : 0;
    if (!length) throw new Error("Unsupported JWT Content Encryption Algorithm");
    const key = new Uint8Array(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, length));
    k = calculateJwkThumbprint({ kty: "oct", k: base64url.encode(key) }, `sha${key.byteLength << 3}` as "sha512").then((kid) => ({ key, kid }));
    k.catch(() => derivedKeys.delete(id));
    derivedKeys.set(id, k);
  }
  return k;
}

const secretsOf = (secret: JWTEncodeParams["secret"]) => (Array.isArray(secret) ? secret : [secret]);

export async function encode(params: JWTEncodeParams): Promise<string> {
  const { token = {}, secret, maxAge = DEFAULT_MAX_AGE, salt } = params;
  const { key, kid } = await derivedKey(ENC, secretsOf(secret)[0], salt);
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: ALG, enc: ENC, kid })
    .setIssuedAt()
    .setExpirationTime(((Date.now() / 1000) | 0) + maxAge)
    .setJti(randomUUID())
    .encrypt(key);
}

export async function decode(params: JWTDecodeParams): Promise<JWT | null> {
  const { token, secret, salt } = params;
  if (!token) return null;
  const secrets = secretsOf(secret);
  const { payload } = await jwtDecrypt(
    token,
    async ({ kid, enc }) => {
      for (const s of secrets) {
        const k = await derivedKey(enc, s, salt);
        if (kid === undefined || kid === k.kid) return k.key;
      }
      throw new Error("no matching decryption secret");
    },
    { clockTolerance: 15, keyManagementAlgorithms: [ALG], contentEncryptionAlgorithms: [ENC, "A256GCM"] },
  );
  return payload as JWT;
}
