import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Lets parallel builds (tests of separate work trees, benchmarks) keep their own output folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // These packages load native code or fonts from node_modules at run time (pg-boss: its SQL plans and
  // dynamic imports); bundling them breaks that.
  serverExternalPackages: ["@node-rs/argon2", "sharp", "@react-pdf/renderer", "exceljs", "svg-captcha", "postgres", "pg-boss"],
  experimental: {
    // forbidden() renders app/forbidden.tsx with status 403.
    authInterrupts: true,
    // Registration photos are uploaded through server actions.
    serverActions: { bodySizeLimit: "12mb" },
  },
  poweredByHeader: false,
};

export default nextConfig;
