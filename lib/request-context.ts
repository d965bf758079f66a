import "server-only";
import { headers } from "next/headers";

/** The client's IP as the load balancer reports it; null when unknown. */
export async function clientIp(): Promise<string | null> {
  try {
    const h = await headers();
    const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
    const ip = forwarded || h.get("x-real-ip") || null;
    return ip && /^[0-9a-fA-F:.]+$/.test(ip) ? ip : null;
  } catch {
    return null; // outside a request (scripts, tests)
  }
}
