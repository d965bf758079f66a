import "server-only";
import { and, eq, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations, users } from "@/db/schema";
import { ActionError, isUniqueViolation } from "@/lib/errors";
import { writeAudit } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/roles";
import type { OrganizationValues } from "@/lib/validations/admin/organization";
import { assertAdmin } from "./common";

function columns(v: OrganizationValues) {
  return {
    kind: v.kind,
    name: v.name,
    uscc: v.uscc || null,
    orgCode: v.orgCode || null,
    contactName: v.contactName || null,
    contactPhone: v.contactPhone || null,
    address: v.address || null,
  };
}

async function assertCodesFree(db: Db, v: OrganizationValues, exceptId?: number) {
  const conds = [v.uscc ? eq(organizations.uscc, v.uscc) : undefined, v.orgCode ? eq(organizations.orgCode, v.orgCode) : undefined].filter(Boolean);
  const [dup] = await db
    .select({ name: organizations.name, uscc: organizations.uscc, orgCode: organizations.orgCode })
    .from(organizations)
    .where(and(or(...conds), exceptId ? ne(organizations.id, exceptId) : undefined))
    .limit(1);
  if (dup) {
    const field = v.uscc && dup.uscc === v.uscc ? "uscc" : "orgCode";
    throw new ActionError(`该代码已登记为“${dup.name}”`, { [field]: [`已登记为“${dup.name}”`] });
  }
}

export async function createOrganization(db: Db, user: SessionUser, v: OrganizationValues, ip: string | null) {
  assertAdmin(user);
  await assertCodesFree(db, v);
  try {
    return await db.transaction(async (tx) => {
      const cols = columns(v);
      const [row] = await tx.insert(organizations).values(cols).returning({ id: organizations.id });
      await writeAudit(tx, { actor: user, ip, action: "organization.created", entityType: "organization", entityId: row.id, summary: `登记${v.kind === "enterprise" ? "企业" : "培训机构"} ${v.name}`, after: cols });
      return row.id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new ActionError("该代码已登记", { uscc: ["该代码已登记"] });
    throw e;
  }
}

export async function updateOrganization(db: Db, user: SessionUser, id: number, v: OrganizationValues, ip: string | null) {
  assertAdmin(user);
  await assertCodesFree(db, v, id);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(organizations).where(eq(organizations.id, id)).for("update");
    if (!before) throw new ActionError("机构不存在");
    if (before.kind !== v.kind) {
      const [acct] = await tx.select({ id: users.id }).from(users).where(eq(users.organizationId, id)).limit(1);
      if (acct) throw new ActionError("该机构已有账号，不能修改机构类型", { kind: ["已有账号，不能修改机构类型"] });
    }
    const cols = columns(v);
    await tx.update(organizations).set(cols).where(eq(organizations.id, id));
    const { id: _i, createdAt: _c, updatedAt: _u, status: _s, ...prev } = before;
    void _i; void _c; void _u; void _s;
    await writeAudit(tx, { actor: user, ip, action: "organization.updated", entityType: "organization", entityId: id, summary: `修改机构信息 ${v.name}`, before: prev, after: cols });
  });
}

/** Disabling an organisation disables its accounts and ends their sessions at once. */
export async function setOrganizationStatus(db: Db, user: SessionUser, id: number, status: "active" | "disabled", ip: string | null) {
  assertAdmin(user);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(organizations).where(eq(organizations.id, id)).for("update");
    if (!before) throw new ActionError("机构不存在");
    if (before.status === status) throw new ActionError(status === "disabled" ? "该机构已停用" : "该机构已启用");
    await tx.update(organizations).set({ status }).where(eq(organizations.id, id));
    let accounts = 0;
    if (status === "disabled") {
      const off = await tx
        .update(users)
        .set({ status: "disabled", sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(and(eq(users.organizationId, id), eq(users.status, "active")))
        .returning({ id: users.id });
      accounts = off.length;
    }
    await writeAudit(tx, {
      actor: user,
      ip,
      action: status === "disabled" ? "organization.disabled" : "organization.enabled",
      entityType: "organization",
      entityId: id,
      summary: `${status === "disabled" ? `停用机构 ${before.name}，同时停用其 ${accounts} 个账号` : `启用机构 ${before.name}`}`,
      before: { status: before.status },
      after: { status, accountsDisabled: accounts },
    });
    return accounts;
  });
}

/** An enterprise or training-institution account; its role follows the organisation's kind. */
export async function createOrgAccount(
  db: Db,
  user: SessionUser,
  input: { organizationId: number; username: string; displayName: string; password: string },
  ip: string | null,
) {
  assertAdmin(user);
  const [org] = await db.select().from(organizations).where(eq(organizations.id, input.organizationId)).limit(1);
  if (!org) throw new ActionError("机构不存在");
  if (org.status !== "active") throw new ActionError("该机构已停用，不能新建账号");
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.username})`, input.username.toLowerCase())).limit(1);
  if (taken) throw new ActionError("用户名已被使用", { username: ["用户名已被使用"] });
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({ username: input.username, passwordHash, role: org.kind, displayName: input.displayName, organizationId: org.id, passwordChangedAt: new Date() })
        .returning({ id: users.id });
      await writeAudit(tx, {
        actor: user,
        ip,
        action: "account.created",
        entityType: "user",
        entityId: row.id,
        summary: `为 ${org.name} 新建账号 ${input.username}`,
        after: { username: input.username, role: org.kind, displayName: input.displayName, organizationId: org.id },
      });
      return row.id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new ActionError("用户名已被使用", { username: ["用户名已被使用"] });
    throw e;
  }
}

async function lockAccount(db: Db | Parameters<Parameters<Db["transaction"]>[0]>[0], userId: number) {
  const [row] = await db
    .select({ id: users.id, username: users.username, role: users.role, displayName: users.displayName, status: users.status })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  if (!row) throw new ActionError("账号不存在");
  return row;
}

/** 重置密码: the new password works at once; every session of the account ends; a lockout is lifted. */
export async function resetPassword(db: Db, user: SessionUser, userId: number, password: string, ip: string | null) {
  assertAdmin(user);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const target = await lockAccount(tx, userId);
    if (target.role === "admin") throw new ActionError("注册中心账号请由本人在“修改密码”中修改");
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), failedLoginCount: 0, lockedUntil: null, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
    await writeAudit(tx, { actor: user, ip, action: "account.password_reset", entityType: "user", entityId: userId, summary: `重置账号 ${target.username}（${target.displayName}）的密码` });
  });
}

/** 停用 ends the account's sessions at once (session version bump); 启用 lets it sign in again. */
export async function setAccountStatus(db: Db, user: SessionUser, userId: number, status: "active" | "disabled", ip: string | null) {
  assertAdmin(user);
  if (userId === user.id) throw new ActionError("不能停用当前登录的账号");
  await db.transaction(async (tx) => {
    const target = await lockAccount(tx, userId);
    if (target.status === status) throw new ActionError(status === "disabled" ? "该账号已停用" : "该账号已启用");
    await tx
      .update(users)
      .set(status === "disabled" ? { status, sessionVersion: sql`${users.sessionVersion} + 1` } : { status, failedLoginCount: 0, lockedUntil: null })
      .where(eq(users.id, userId));
    await writeAudit(tx, {
      actor: user,
      ip,
      action: status === "disabled" ? "account.disabled" : "account.enabled",
      entityType: "user",
      entityId: userId,
      summary: `${status === "disabled" ? "停用" : "启用"}账号 ${target.username}（${target.displayName}）`,
      before: { status: target.status },
      after: { status },
    });
  });
}
