import "server-only";
import { forbidden, redirect } from "next/navigation";
import { getCurrentUser } from "./current-user";
import type { Role, SessionUser } from "./roles";

export { AccessDenied } from "../errors";

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
