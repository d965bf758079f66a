import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rooms, venues } from "@/db/schema";
import { ActionError, isUniqueViolation } from "@/lib/errors";
import { writeAudit } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/roles";
import { assertAdmin } from "./common";

type VenueValues = { name: string; address: string };
type RoomValues = { name: string; capacity: number; sortOrder: number };

export async function createVenue(db: Db, user: SessionUser, v: VenueValues, ip: string | null) {
  assertAdmin(user);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(venues).values(v).returning();
      await writeAudit(tx, { actor: user, ip, action: "venue.created", entityType: "venue", entityId: row.id, summary: `新增考点 ${row.name}`, after: v });
      return row.id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new ActionError("考点名称已存在", { name: ["考点名称已存在"] });
    throw e;
  }
}

export async function updateVenue(db: Db, user: SessionUser, id: number, v: VenueValues, ip: string | null) {
  assertAdmin(user);
  const [dup] = await db.select({ id: venues.id }).from(venues).where(and(eq(venues.name, v.name), ne(venues.id, id))).limit(1);
  if (dup) throw new ActionError("考点名称已存在", { name: ["考点名称已存在"] });
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(venues).where(eq(venues.id, id)).for("update");
    if (!before) throw new ActionError("考点不存在");
    await tx.update(venues).set(v).where(eq(venues.id, id));
    await writeAudit(tx, { actor: user, ip, action: "venue.updated", entityType: "venue", entityId: id, summary: `修改考点 ${v.name}`, before: { name: before.name, address: before.address }, after: v });
  });
}

/** A retired venue cannot be chosen for new plans; plans that use it keep it. */
export async function setVenueStatus(db: Db, user: SessionUser, id: number, status: "active" | "retired", ip: string | null) {
  assertAdmin(user);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(venues).where(eq(venues.id, id)).for("update");
    if (!before) throw new ActionError("考点不存在");
    if (before.status === status) throw new ActionError(status === "retired" ? "该考点已停用" : "该考点已在使用中");
    await tx.update(venues).set({ status }).where(eq(venues.id, id));
    await writeAudit(tx, { actor: user, ip, action: status === "retired" ? "venue.retired" : "venue.restored", entityType: "venue", entityId: id, summary: `${status === "retired" ? "停用" : "恢复"}考点 ${before.name}`, before: { status: before.status }, after: { status } });
  });
}

async function assertRoomNameFree(db: Db, venueId: number, name: string, exceptId?: number) {
  const [dup] = await db
    .select({ id: rooms.id })
    .from(rooms)
    .where(and(eq(rooms.venueId, venueId), eq(rooms.name, name), exceptId ? ne(rooms.id, exceptId) : undefined))
    .limit(1);
  if (dup) throw new ActionError("该考点已有同名考场", { name: ["该考点已有同名考场"] });
}

export async function createRoom(db: Db, user: SessionUser, venueId: number, v: RoomValues, ip: string | null) {
  assertAdmin(user);
  await assertRoomNameFree(db, venueId, v.name);
  return db.transaction(async (tx) => {
    const [venue] = await tx.select({ name: venues.name }).from(venues).where(eq(venues.id, venueId)).for("update");
    if (!venue) throw new ActionError("考点不存在");
    const [row] = await tx.insert(rooms).values({ venueId, ...v }).returning({ id: rooms.id });
    await writeAudit(tx, { actor: user, ip, action: "room.created", entityType: "room", entityId: row.id, summary: `新增考场 ${venue.name} ${v.name}（${v.capacity} 座）`, after: { venueId, ...v } });
    return row.id;
  });
}

/** Capacity may shrink only down to the highest seat a candidate of a plan still in progress holds. */
export async function updateRoom(db: Db, user: SessionUser, id: number, v: RoomValues, ip: string | null) {
  assertAdmin(user);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(rooms).where(eq(rooms.id, id)).for("update");
    if (!before) throw new ActionError("考场不存在");
    await assertRoomNameFree(db, before.venueId, v.name, id);
    if (v.capacity < before.capacity) {
      const [{ maxSeat }] = await tx.execute<{ maxSeat: number }>(sql`
        select coalesce(max(r.seat_no), 0)::int as "maxSeat" from registrations r join exam_plans ep on ep.id = r.plan_id
        where r.room_id = ${id} and ep.status not in ('results_published', 'archived')`);
      if (v.capacity < maxSeat) throw new ActionError(`该考场已编排到第 ${maxSeat} 座，座位数不能少于 ${maxSeat}`, { capacity: [`不能少于 ${maxSeat}`] });
    }
    await tx.update(rooms).set(v).where(eq(rooms.id, id));
    await writeAudit(tx, { actor: user, ip, action: "room.updated", entityType: "room", entityId: id, summary: `修改考场 ${v.name}`, before: { name: before.name, capacity: before.capacity, sortOrder: before.sortOrder }, after: v });
  });
}

export async function deleteRoom(db: Db, user: SessionUser, id: number, ip: string | null) {
  assertAdmin(user);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(rooms).where(eq(rooms.id, id)).for("update");
    if (!before) throw new ActionError("考场不存在");
    const [used] = (await tx.execute(sql`select 1 from registrations where room_id = ${id} limit 1`)) as unknown[];
    if (used) throw new ActionError("该考场已有考生编排记录，不能删除；可修改考场名称或座位数");
    await tx.delete(rooms).where(eq(rooms.id, id));
    await writeAudit(tx, { actor: user, ip, action: "room.deleted", entityType: "room", entityId: id, summary: `删除考场 ${before.name}`, before: { venueId: before.venueId, name: before.name, capacity: before.capacity } });
  });
}
