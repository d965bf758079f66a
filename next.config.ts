import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // These packages load native code or fonts from node_modules at run time; bundling them breaks that.
  serverExternalPackages: ["@node-rs/argon2", "sharp", "@react-pdf/renderer", "exceljs", "svg-captcha", "postgres"],
  experimental: {
    // forbidden() renders app/forbidden.tsx with status 403.
    authInterrupts: true,
    // Registration photos are uploaded through server actions.
    serverActions: { bodySizeLimit: "12mb" },
  },
  poweredByHeader: false,
};

export default nextConfig;
