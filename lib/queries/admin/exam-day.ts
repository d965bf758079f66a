import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { likeEscape } from "../like";
import { PAGE_SIZE } from "./params";

/** Rooms of the plan's venues with their capacity and how many of this plan's candidates sit there. */
export async function seatingSummary(db: DbOrTx, planId: number) {
  const rooms = await db.execute<{ id: number; venueName: string; name: string; capacity: number; seated: number; printed: number }>(sql`
    select r.id, v.name as "venueName", r.name, r.capacity,
           count(g.id)::int as seated,
           count(g.id) filter (where g.ticket_printed_at is not null)::int as printed
    from exam_plan_venues pv
    join venues v on v.id = pv.venue_id
    join rooms r on r.venue_id = v.id
    left join registrations g on g.room_id = r.id and g.plan_id = ${planId}
    where pv.plan_id = ${planId}
    group by r.id, v.id, v.name, r.name, r.capacity, r.sort_order
    order by v.id, r.sort_order, r.id`);
  const [counts] = await db.execute<{ waiting: number; seated: number; printed: number; unpaid: number }>(sql`
    select count(*) filter (where status = 'paid')::int as waiting, count(*) filter (where status = 'seated')::int as seated,
           count(*) filter (where status = 'seated' and ticket_printed_at is not null)::int as printed,
           count(*) filter (where status = 'approved')::int as unpaid
    from registrations where plan_id = ${planId}`);
  return { rooms, ...counts };
}

export type CandidateFilters = { q?: string; roomId?: number; result?: "pending" | "passed" | "failed" | "absent" };

function candidateWhere(planId: number, f: CandidateFilters): SQL {
  const c: SQL[] = [sql`r.plan_id = ${planId}`, sql`r.status = 'seated'`];
  if (f.q) c.push(sql`(r.ticket_no = ${f.q} or p.name like ${`${likeEscape(f.q)}%`})`);
  if (f.roomId) c.push(sql`r.room_id = ${f.roomId}`);
  if (f.result === "pending") c.push(sql`r.result_recorded_at is null`);
  if (f.result === "passed") c.push(sql`r.passed`);
  if (f.result === "failed") c.push(sql`r.result_recorded_at is not null and r.score is not null and not r.passed`);
  if (f.result === "absent") c.push(sql`r.result_recorded_at is not null and r.score is null`);
  return sql.join(c, sql` and `);
}

export type CandidateRow = {
  id: number;
  ticketNo: string;
  seatNo: number;
  roomName: string;
  venueName: string;
  personName: string;
  idNumber: string;
  employerName: string;
  score: string | null;
  passed: boolean | null;
  resultRecordedAt: string | null;
  ticketPrintedAt: string | null;
  certificateNo: string | null;
};

/** Seated candidates of a plan in seat order (for 编排, 成绩 and 发证 pages). */
export async function listCandidates(db: DbOrTx, planId: number, f: CandidateFilters, page: number, pageSize = PAGE_SIZE) {
  const where = candidateWhere(planId, f);
  const [rows, [{ total }]] = await Promise.all([
    db.execute<CandidateRow>(sql`
      select r.id, r.ticket_no as "ticketNo", r.seat_no as "seatNo", rm.name as "roomName", v.name as "venueName",
             p.name as "personName", p.id_number as "idNumber", r.employer_name as "employerName",
             r.score::text as score, r.passed, r.result_recorded_at as "resultRecordedAt", r.ticket_printed_at as "ticketPrintedAt",
             c.certificate_no as "certificateNo"
      from registrations r
      join persons p on p.id = r.person_id
      join rooms rm on rm.id = r.room_id
      join venues v on v.id = rm.venue_id
      left join certificates c on c.registration_id = r.id and c.version = 1
      where ${where}
      order by r.ticket_no
      limit ${pageSize} offset ${(page - 1) * pageSize}`),
    db.execute<{ total: number }>(sql`select count(*)::int as total from registrations r join persons p on p.id = r.person_id where ${where}`),
  ]);
  return { rows: [...rows], total: Number(total) };
}

export async function importHistory(db: DbOrTx, planId: number, kind: "payments" | "scores") {
  return await db.execute<{
    id: number;
    originalName: string | null;
    status: "applied" | "rejected";
    totalRows: number;
    okRows: number;
    errorRows: number;
    createdAt: string;
    uploadedBy: string | null;
  }>(sql`
    select b.id, b.original_name as "originalName", b.status, b.total_rows as "totalRows", b.ok_rows as "okRows",
           b.error_rows as "errorRows", b.created_at as "createdAt", u.display_name as "uploadedBy"
    from import_batches b left join users u on u.id = b.uploaded_by_user_id
    where b.plan_id = ${planId} and b.kind = ${kind}
    order by b.id desc limit 10`);
}

export async function importErrors(db: DbOrTx, batchId: number) {
  const [row] = await db.execute<{
    errors: { row: number; column?: string; message: string }[];
    kind: string;
    planId: number;
  }>(sql`select errors, kind, plan_id as "planId" from import_batches where id = ${batchId}`);
  return row ?? null;
}
