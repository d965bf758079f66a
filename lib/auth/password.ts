import { hash, verify } from "@node-rs/argon2";

// argon2id runs on libuv's thread pool, so hashing does not block the event loop.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string) {
  return hash(password, OPTIONS);
}

let dummyHash: Promise<string> | undefined;

export async function verifyPassword(hashed: string | null | undefined, password: string) {
  if (!hashed) {
    // Spend the same time on unknown accounts so response time does not reveal which usernames exist.
    dummyHash ??= hash("no-such-account", OPTIONS);
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(hashed, password).catch(() => false);
}
