import NextAuth from "next-auth";
import { authConfig } from "@/auth.config";

// The early redirect only; pages, actions and route handlers each check the session themselves.
export default NextAuth(authConfig).auth;

export const config = {
  matcher: ["/person/:path*", "/enterprise/:path*", "/trainer/:path*", "/admin/:path*"],
};
