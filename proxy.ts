import NextAuth from "next-auth";
import { authConfig } from "@/auth.config";

// The early redirect only; pages, actions and route handlers each check the session themselves.
export const { auth: proxy } = NextAuth(authConfig);

export const config = {
  matcher: ["/person/:path*", "/enterprise/:path*", "/trainer/:path*", "/admin/:path*"],
};
