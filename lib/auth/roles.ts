import type { Role } from "@/db/schema/accounts";

export type { Role };

export const ROLE_LABELS: Record<Role, string> = {
  person: "从业人员",
  enterprise: "企业",
  trainer: "培训机构",
  admin: "注册中心",
};

export const ROLE_HOME: Record<Role, string> = {
  person: "/person",
  enterprise: "/enterprise",
  trainer: "/trainer",
  admin: "/admin",
};

/** Which role owns a path's area, if any. */
export function areaRole(pathname: string): Role | null {
  const seg = pathname.split("/")[1];
  return (Object.keys(ROLE_HOME) as Role[]).find((r) => ROLE_HOME[r] === `/${seg}`) ?? null;
}

/** The shape of the signed-in user that server code passes around (never the password hash). */
export type SessionUser = {
  id: number;
  username: string;
  role: Role;
  displayName: string;
  personId: number | null;
  organizationId: number | null;
};
