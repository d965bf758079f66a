// The client's address as this server can vouch for it, worked out from the TCP socket before Next.js sees the
// request. Loaded into the Next.js server process with `node --import` (scripts/launch.ts does it): Next.js
// itself only fills X-Forwarded-For when the client sent none, so inside the app a forged header cannot be told
// from a real one. Plain JavaScript, because it runs before any TypeScript loader.
import http from "node:http";
import net from "node:net";

/** The header the app reads (lib/request-context.ts); any value a client sends is replaced. */
export const CLIENT_ADDRESS_HEADER = "x-kaowu-client-address";

/** Number of reverse proxies in front of the app whose X-Forwarded-For entries are trusted (TRUSTED_PROXY_HOPS). */
export function trustedHops(env = process.env) {
  const n = Number(env.TRUSTED_PROXY_HOPS ?? 0);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 10) : 0;
}

function normalize(value) {
  let ip = String(value ?? "").trim();
  if (ip.startsWith("[") && ip.includes("]")) ip = ip.slice(1, ip.indexOf("]")); // [::1]:443
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(ip)) ip = ip.slice(0, ip.lastIndexOf(":")); // 1.2.3.4:5678
  if (ip.toLowerCase().startsWith("::ffff:") && net.isIPv4(ip.slice(7))) ip = ip.slice(7);
  return net.isIP(ip) ? ip : null;
}

/**
 * Each trusted proxy appends the address it was connected from; everything to the left of those entries is
 * what the client wrote. With `hops` proxies, the client is the entry `hops` places left of the socket.
 */
export function resolveClientAddress(socketAddress, forwardedFor, hops) {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = [...header.split(",").map((s) => s.trim()).filter(Boolean), socketAddress ?? ""];
  const index = chain.length - 1 - hops;
  return normalize(chain[Math.max(index, 0)]);
}

/** Rewrites the header on every request of every HTTP server in this process. */
export function installClientAddress(hops = trustedHops()) {
  if (globalThis.__kaowuClientAddress) return;
  globalThis.__kaowuClientAddress = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, req, ...rest) {
    if (event === "request" && req?.headers) {
      const ip = resolveClientAddress(req.socket?.remoteAddress, req.headers["x-forwarded-for"], hops);
      if (ip) req.headers[CLIENT_ADDRESS_HEADER] = ip;
      else delete req.headers[CLIENT_ADDRESS_HEADER];
    }
    return emit.call(this, event, req, ...rest);
  };
}

if (process.env.KAOWU_CLIENT_ADDRESS_PRELOAD === "1") installClientAddress();
