import type { NextConfig } from "next";
import { ACTION_BODY_LIMIT_MB } from "./lib/upload-limits";

const nextConfig: NextConfig = {
  // Lets parallel builds (tests of separate work trees, benchmarks) keep their own output folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // These packages load native code or fonts from node_modules at run time; bundling them breaks that.
  serverExternalPackages: ["@node-rs/argon2", "sharp", "@react-pdf/renderer", "exceljs", "svg-captcha", "postgres"],
  experimental: {
    // forbidden() renders app/forbidden.tsx with status 403.
    authInterrupts: true,
    // Spreadsheet imports are posted to server actions (photos go to /api/photos): the limit is lib/upload-limits.ts.
    serverActions: { bodySizeLimit: `${ACTION_BODY_LIMIT_MB}mb` },
  },
  poweredByHeader: false,
};

export default nextConfig;
