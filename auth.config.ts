import type { NextAuthConfig } from "next-auth";
import { areaRole, ROLE_HOME, type Role } from "@/lib/auth/roles";

/** The part of the Auth.js config that needs no database, shared by the proxy and auth.ts. */
export const authConfig = {
  pages: { signIn: "/login", error: "/login" },
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  trustHost: true,
  providers: [],
  callbacks: {
    // The proxy's early redirect; every page, action and route handler checks again itself.
    authorized({ auth, request }) {
      const role = areaRole(request.nextUrl.pathname);
      if (!role) return true;
      const userRole = auth?.user?.role as Role | undefined;
      if (!userRole) return false; // -> /login?callbackUrl=…
      if (userRole !== role) return Response.redirect(new URL(`/forbidden?from=${encodeURIComponent(request.nextUrl.pathname)}`, request.nextUrl));
      return true;
    },
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.role = user.role;
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid) {
        session.user.id = String(token.uid);
        session.user.role = token.role as Role;
        session.sv = token.sv;
      }
      return session;
    },
  },
} satisfies NextAuthConfig;

export { ROLE_HOME };
