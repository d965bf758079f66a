import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { trades } from "@/db/schema";
import { ActionError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/roles";
import type { TradeValues } from "@/lib/validations/admin/trade";
import { assertAdmin } from "./common";

async function assertUnique(db: Db, v: TradeValues, exceptId?: number) {
  const others = (col: typeof trades.code | typeof trades.name, value: string) =>
    db
      .select({ id: trades.id })
      .from(trades)
      .where(and(eq(col, value), exceptId ? ne(trades.id, exceptId) : undefined))
      .limit(1);
  const [[code], [name]] = await Promise.all([others(trades.code, v.code), others(trades.name, v.name)]);
  const fieldErrors: Record<string, string[]> = {};
  if (code) fieldErrors.code = ["岗位代码已存在"];
  if (name) fieldErrors.name = ["岗位工种名称已存在"];
  if (code || name) throw new ActionError(code ? "岗位代码已存在" : "岗位工种名称已存在", fieldErrors);
}

const snapshot = (t: typeof trades.$inferSelect) => ({ code: t.code, name: t.name, category: t.category, validityYears: t.validityYears, status: t.status });

export async function createTrade(db: Db, user: SessionUser, v: TradeValues, ip: string | null) {
  assertAdmin(user);
  await assertUnique(db, v);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(trades).values(v).returning();
    await writeAudit(tx, { actor: user, ip, action: "trade.created", entityType: "trade", entityId: row.id, summary: `新增岗位工种 ${row.name}（${row.code}）`, after: snapshot(row) });
    return row.id;
  });
}

/** Validity changes apply to certificates issued from now on; issued ones keep their dates. */
export async function updateTrade(db: Db, user: SessionUser, id: number, v: TradeValues, ip: string | null) {
  assertAdmin(user);
  await assertUnique(db, v, id);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(trades).where(eq(trades.id, id)).for("update");
    if (!before) throw new ActionError("岗位工种不存在");
    const [after] = await tx.update(trades).set(v).where(eq(trades.id, id)).returning();
    await writeAudit(tx, { actor: user, ip, action: "trade.updated", entityType: "trade", entityId: id, summary: `修改岗位工种 ${after.name}`, before: snapshot(before), after: snapshot(after) });
  });
}

/** A retired trade cannot be chosen for new plans; existing plans and certificates keep it. */
export async function setTradeStatus(db: Db, user: SessionUser, id: number, status: "active" | "retired", ip: string | null) {
  assertAdmin(user);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(trades).where(eq(trades.id, id)).for("update");
    if (!before) throw new ActionError("岗位工种不存在");
    if (before.status === status) throw new ActionError(status === "retired" ? "该岗位工种已停用" : "该岗位工种已在使用中");
    await tx.update(trades).set({ status }).where(eq(trades.id, id));
    await writeAudit(tx, {
      actor: user,
      ip,
      action: status === "retired" ? "trade.retired" : "trade.restored",
      entityType: "trade",
      entityId: id,
      summary: `${status === "retired" ? "停用" : "恢复"}岗位工种 ${before.name}`,
      before: { status: before.status },
      after: { status },
    });
  });
}
