import "server-only";
import { forbidden, redirect } from "next/navigation";
import { getCurrentUser } from "./current-user";
import type { Role, SessionUser } from "./roles";

/** Thrown by services when a record is not the caller's to touch; pages and actions turn it into a 403. */
export class AccessDenied extends Error {
  constructor(message = "无权访问该记录") {
    super(message);
    this.name = "AccessDenied";
  }
}

export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}

/** For pages and route handlers: the signed-in user in one of `roles`, else login or the 403 page. */
export async function requireRole<R extends Role>(...roles: R[]): Promise<SessionUser & { role: R }> {
  const user = await requireUser();
  if (!roles.includes(user.role as R)) forbidden();
  return user as SessionUser & { role: R };
}

export function hasRole<R extends Role>(user: SessionUser, ...roles: R[]): user is SessionUser & { role: R } {
  return roles.includes(user.role as R);
}
