import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ActionError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/roles";
import { maskIdNumber } from "@/lib/identity/chinese-id";
import { beijingDate, formatDateTime } from "@/lib/time";
import { writeXlsx } from "@/lib/documents/xlsx";
import { notificationLinkPattern } from "@/lib/services/notification-links";
import { assertAdmin, assertPlanAllows, lockPlan, movePlan, notifyRegistrations } from "./common";

/** Widths of the parts of a ticket number; see docs/numbers.md. */
export const TICKET_PLAN_DIGITS = 5;
export const TICKET_ROOM_DIGITS = 4;
export const TICKET_SEAT_DIGITS = 3;

/** 准考证号: exam year (Beijing) + plan id + room id + seat, e.g. 2026 00007 0003 012 → "2026000070003012". */
export function ticketNumber(examYear: string, planId: number, roomId: number, seat: number) {
  return `${examYear}${String(planId).padStart(TICKET_PLAN_DIGITS, "0")}${String(roomId).padStart(TICKET_ROOM_DIGITS, "0")}${String(seat).padStart(TICKET_SEAT_DIGITS, "0")}`;
}

export type ArrangeResult = { seated: number; kept: number; placed: number; changed: number; rooms: number; freeSeats: number };

/**
 * 考场编排: every paid candidate of the plan gets a room and seat in the plan's venues, and a ticket number,
 * in one transaction. Candidates whose ticket was printed keep room, seat and number unless `includePrinted`;
 * everyone else is placed again. The order is a fixed shuffle of the registration ids, so colleagues who
 * registered together do not sit side by side, and arranging the same people twice gives the same seats.
 * Refuses (and changes nothing) when there are more candidates than free seats.
 */
export async function arrangeSeats(db: Db, user: SessionUser, planId: number, opts: { includePrinted?: boolean }, ip: string | null): Promise<ArrangeResult> {
  assertAdmin(user);
  return db.transaction(async (tx) => {
    const plan = await lockPlan(tx, planId);
    assertPlanAllows(plan, "arrange");
    if (plan.id >= 10 ** TICKET_PLAN_DIGITS) throw new ActionError("考试计划编号超出准考证号格式范围，请联系系统管理员");
    const year = beijingDate(plan.examStartAt).slice(0, 4);
    const includePrinted = Boolean(opts.includePrinted);

    const before = await tx.execute<{ id: number; ticketNo: string }>(sql`
      select id, ticket_no as "ticketNo" from registrations
      where plan_id = ${plan.id} and status = 'seated'`);
    const oldTicket = new Map(before.map((r) => [r.id, r.ticketNo]));

    // Everyone who will be placed again goes back to "paid" first, so their seats are free for the placing.
    await tx.execute(sql`
      update registrations set status = 'paid', room_id = null, seat_no = null, ticket_no = null, ticket_printed_at = null, updated_at = now()
      where plan_id = ${plan.id} and status = 'seated' and (${includePrinted} or ticket_printed_at is null)`);
    const [{ candidates, kept }] = await tx.execute<{ candidates: number; kept: number }>(sql`
      select count(*) filter (where status = 'paid')::int as candidates, count(*) filter (where status = 'seated')::int as kept
      from registrations where plan_id = ${plan.id} and status in ('paid', 'seated')`);

    // Free seats: rooms of the plan's venues, minus seats this plan's kept candidates hold. Seats are per plan
    // (registrations_plan_room_seat_key), so other plans in the same room on other days do not count.
    const [{ free, rooms, maxRoom }] = await tx.execute<{ free: number; rooms: number; maxRoom: number }>(sql`
      select count(*)::int as free, count(distinct r.id)::int as rooms, coalesce(max(r.id), 0)::int as "maxRoom"
      from rooms r
      join exam_plan_venues pv on pv.venue_id = r.venue_id and pv.plan_id = ${plan.id}
      cross join lateral generate_series(1, r.capacity) s(seat)
      where not exists (select 1 from registrations x where x.plan_id = ${plan.id} and x.room_id = r.id and x.seat_no = s.seat)`);
    if (candidates === 0 && kept === 0) throw new ActionError("没有已缴费的考生可以编排");
    if (candidates > free) {
      throw new ActionError(
        `考场座位不足：需要编排 ${candidates} 人，考试计划所选考点的空余座位只有 ${free} 个。请为考试计划增加考点，或在考点中增加考场、座位后再编排。`,
      );
    }
    if (maxRoom >= 10 ** TICKET_ROOM_DIGITS) throw new ActionError("考场编号超出准考证号格式范围，请联系系统管理员");

    const placed = await tx.execute<{ id: number; ticketNo: string }>(sql`
      with seats as (
        select r.id as room_id, s.seat, row_number() over (order by r.venue_id, r.sort_order, r.id, s.seat) as n
        from rooms r
        join exam_plan_venues pv on pv.venue_id = r.venue_id and pv.plan_id = ${plan.id}
        cross join lateral generate_series(1, r.capacity) s(seat)
        where not exists (select 1 from registrations x where x.plan_id = ${plan.id} and x.room_id = r.id and x.seat_no = s.seat)
      ), cands as (
        select id, row_number() over (order by md5(${plan.id}::text || ':' || id::text), id) as n
        from registrations where plan_id = ${plan.id} and status = 'paid'
      )
      update registrations g
      set status = 'seated', room_id = s.room_id, seat_no = s.seat, updated_at = now(),
          ticket_no = ${year} || lpad(${plan.id}::text, ${TICKET_PLAN_DIGITS}, '0') || lpad(s.room_id::text, ${TICKET_ROOM_DIGITS}, '0') || lpad(s.seat::text, ${TICKET_SEAT_DIGITS}, '0')
      from cands c join seats s on s.n = c.n
      where g.id = c.id
      returning g.id, g.ticket_no as "ticketNo"`);
    if (placed.length !== candidates) throw new ActionError("编排失败：考生状态已变化，请重试");

    if (plan.status === "closed") await movePlan(tx, plan, "seat");
    const changed = placed.filter((p) => oldTicket.get(p.id) !== p.ticketNo);
    await notifyRegistrations(tx, {
      kind: "ticket_ready",
      title: "考场已安排",
      source: sql`from registrations r where r.id = any(${sql.param(changed.map((c) => c.id))}::int[])`,
      body: sql`format('“%s”已安排考场，准考证号 %s。请于 %s 至 %s 登录打印准考证，考试时间 %s。', ${plan.name}::text, r.ticket_no, ${formatDateTime(plan.ticketStartAt)}::text, ${formatDateTime(plan.ticketEndAt)}::text, ${formatDateTime(plan.examStartAt)}::text)`,
      link: sql`format(${notificationLinkPattern.ticket}::text, r.id)`,
    });
    const result: ArrangeResult = { seated: kept + placed.length, kept, placed: placed.length, changed: changed.length, rooms, freeSeats: free - placed.length };
    await writeAudit(tx, {
      actor: user,
      ip,
      action: "seating.arranged",
      entityType: "exam_plan",
      entityId: plan.id,
      summary: `考场编排：${plan.name}（${plan.code}），编排 ${placed.length} 人，保留已打印准考证 ${kept} 人${includePrinted ? "（含已打印准考证的考生重新编排）" : ""}`,
      before: { status: plan.status, seated: before.length },
      after: { status: plan.status === "closed" ? "seated" : plan.status, ...result, includePrinted },
    });
    return result;
  });
}

/** 考场签到表: one sheet per room, seats in order. ID numbers are masked: the card itself is checked at the door. */
export async function signInSheets(db: Db, user: SessionUser, planId: number): Promise<{ fileName: string; data: Buffer }> {
  assertAdmin(user);
  const [plan] = await db.execute<{
    id: number;
    code: string;
    name: string;
    examStartAt: string;
  }>(sql`select id, code, name, exam_start_at as "examStartAt" from exam_plans where id = ${planId}`);
  if (!plan) throw new ActionError("考试计划不存在");
  const rows = await db.execute<{
    roomId: number;
    venue: string;
    room: string;
    seat: number;
    ticketNo: string;
    name: string;
    idNumber: string;
    employer: string;
  }>(sql`
    select r.room_id as "roomId", v.name as "venue", rm.name as "room", r.seat_no as "seat", r.ticket_no as "ticketNo",
           p.name, p.id_number as "idNumber", r.employer_name as "employer"
    from registrations r
    join rooms rm on rm.id = r.room_id
    join venues v on v.id = rm.venue_id
    join persons p on p.id = r.person_id
    where r.plan_id = ${planId} and r.status = 'seated'
    order by rm.venue_id, rm.sort_order, rm.id, r.seat_no`);
  if (rows.length === 0) throw new ActionError("该考试计划尚未编排考场");
  const byRoom = new Map<number, (typeof rows)[number][]>();
  for (const r of rows) byRoom.set(r.roomId, [...(byRoom.get(r.roomId) ?? []), r]);
  const sheets = [...byRoom.values()].map((list) => ({
    name: `${list[0].room}-${list[0].venue}`,
    columns: [
      { header: "座位号", key: "seat", width: 8 },
      { header: "准考证号", key: "ticketNo", width: 20 },
      { header: "姓名", key: "name", width: 12 },
      { header: "证件号码", key: "idNumber", width: 22 },
      { header: "工作单位", key: "employer", width: 36 },
      { header: "考点", key: "venue", width: 30 },
      { header: "考场", key: "room", width: 12 },
      { header: "考生签名", key: "sign", width: 16 },
      { header: "备注", key: "note", width: 12 },
    ],
    rows: list.map((r) => ({ ...r, idNumber: maskIdNumber(r.idNumber), sign: "", note: "" })),
  }));
  const data = await writeXlsx(sheets);
  return { fileName: `${plan.code}-考场签到表-${formatDateTime(new Date(plan.examStartAt)).slice(0, 10)}.xlsx`, data };
}
