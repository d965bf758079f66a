import type { NextAuthConfig } from "next-auth";
import { areaRole, ROLE_HOME, type Role } from "@/lib/auth/roles";

/** Idle limit of a session (renewed while it is used). */
export const SESSION_IDLE_SECONDS = 8 * 60 * 60;
/** Absolute limit: however busy, a session ends this long after sign-in, so a copied cookie cannot live forever. */
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;

/** The part of the Auth.js config that needs no database, shared by the proxy and auth.ts. */
export const authConfig = {
  pages: { signIn: "/login", error: "/login" },
  session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS },
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
      const now = Math.floor(Date.now() / 1000);
      if (user) {
        token.uid = Number(user.id);
        token.role = user.role;
        token.sv = user.sessionVersion;
        token.authAt = now;
        return token;
      }
      // null ends the session (Auth.js deletes the cookie); a token without a sign-in time is from before the limit.
      if (token.uid && (typeof token.authAt !== "number" || now - token.authAt > SESSION_ABSOLUTE_SECONDS)) return null;
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
