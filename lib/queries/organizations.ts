import "server-only";
import { eq, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { organizations } from "@/db/schema";
import { parseOrgIdentifier } from "@/lib/identity/org-code";

/** Finds an organisation by 统一社会信用代码 or 组织机构代码 (a USCC also matches by its embedded org code). */
export async function findOrgByCode(db: DbOrTx, code: string) {
  const parsed = parseOrgIdentifier(code);
  if (!parsed.ok) return null;
  const [org] = await db
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind, uscc: organizations.uscc, orgCode: organizations.orgCode })
    .from(organizations)
    .where(or(parsed.kind === "uscc" ? eq(organizations.uscc, parsed.code) : undefined, eq(organizations.orgCode, parsed.orgCode)))
    .limit(1);
  return org ?? null;
}

/** An organisation's name by id (the signed-in enterprise's own, to fill 聘用单位 in). */
export async function organizationName(db: DbOrTx, id: number) {
  const [org] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, id)).limit(1);
  return org?.name ?? null;
}
