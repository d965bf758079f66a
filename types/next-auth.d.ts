import type { Role } from "@/lib/auth/roles";

declare module "next-auth" {
  interface User {
    role: Role;
    sessionVersion: number;
  }
  interface Session {
    /** The account's session version when this session was made (see users.sessionVersion). */
    sv?: number;
    /** Only in a server-side unstable_update after a password change: the single-use renewal value. */
    renew?: string;
    user: { id: string; role: Role; name?: string | null; email?: string | null; image?: string | null };
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: number;
    role?: Role;
    sv?: number;
    /** When the user signed in (seconds since the epoch): the session's absolute lifetime counts from here. */
    authAt?: number;
  }
}
