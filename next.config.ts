import type { NextConfig } from "next";
import { ACTION_BODY_LIMIT_MB } from "./lib/upload-limits";

const dev = process.env.NODE_ENV !== "production";
/**
 * Next.js renders inline bootstrap scripts without a nonce on statically rendered pages, so scripts are limited to
 * this site plus inline ones; everything else (frames, plugins, foreign hosts) is shut. No form-action: signing
 * in through the service hall ends in a redirect to the hall, whose address is only known at run time.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${dev ? " ws: wss:" : ""}`,
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const SECURITY_HEADERS = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
  // Lets parallel builds (tests of separate work trees, benchmarks) keep their own output folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // These packages load native code or fonts from node_modules at run time (pg-boss: its SQL plans and
  // dynamic imports); bundling them breaks that.
  serverExternalPackages: ["@node-rs/argon2", "sharp", "@react-pdf/renderer", "exceljs", "svg-captcha", "postgres", "pg-boss"],
  experimental: {
    // forbidden() renders app/forbidden.tsx with status 403.
    authInterrupts: true,
    // Spreadsheet imports are posted to server actions (photos go to /api/photos): the limit is lib/upload-limits.ts.
    serverActions: { bodySizeLimit: `${ACTION_BODY_LIMIT_MB}mb` },
  },
  poweredByHeader: false,
};

export default nextConfig;
