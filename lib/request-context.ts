import "server-only";
import net from "node:net";
import { headers } from "next/headers";

const HEADER = "x-kaowu-client-address";

/**
 * The client's IP, as worked out from the socket and the trusted proxy hops (TRUSTED_PROXY_HOPS) by
 * scripts/client-address.mjs before Next.js handles the request; null when unknown. X-Forwarded-For is never
 * read here: the client writes it. Without that preload (the app not started through scripts/launch.ts) the
 * header could be forged too, so it is only believed when the preload runs in this process.
 */
export async function clientIp(): Promise<string | null> {
  if (!(globalThis as { __kaowuClientAddress?: boolean }).__kaowuClientAddress) return null;
  try {
    const ip = (await headers()).get(HEADER)?.trim() ?? "";
    return net.isIP(ip) ? ip : null;
  } catch {
    return null; // outside a request (scripts, tests)
  }
}
