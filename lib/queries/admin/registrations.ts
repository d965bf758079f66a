import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { RegistrationStatus, SubmitterKind } from "@/db/schema";
import { likeEscape, PAGE_SIZE } from "./params";

export type QueueFilters = {
  planId?: number;
  status?: RegistrationStatus;
  orgId?: number;
  submitterKind?: SubmitterKind;
  name?: string;
  /** "prefix" (default) walks persons_name_idx; "contains" scans, so pair it with another filter. */
  nameMode?: "prefix" | "contains";
  /** 18 characters: exact; fewer: prefix (persons_id_number_idx, text_pattern_ops). */
  idNumber?: string;
};

function conditions(f: QueueFilters): SQL {
  const c: SQL[] = [sql`true`];
  if (f.planId) c.push(sql`r.plan_id = ${f.planId}`);
  if (f.status) c.push(sql`r.status = ${f.status}`);
  if (f.orgId) c.push(sql`(r.submitter_org_id = ${f.orgId} or r.employer_org_id = ${f.orgId})`);
  if (f.submitterKind) c.push(sql`r.submitter_kind = ${f.submitterKind}`);
  if (f.name) {
    if (f.nameMode === "contains") c.push(sql`p.name like ${`%${likeEscape(f.name)}%`}`);
    // The range lets the planner walk the btree on persons.name whatever LIKE thinks of the collation.
    else c.push(sql`p.name like ${`${likeEscape(f.name)}%`} and p.name >= ${f.name} and p.name < ${f.name} || chr(1114111)`);
  }
  if (f.idNumber) {
    const id = f.idNumber.toUpperCase();
    c.push(id.length >= 18 ? sql`p.id_number = ${id}` : sql`p.id_number like ${`${likeEscape(id)}%`}`);
  }
  return sql.join(c, sql` and `);
}

export type QueueRow = {
  id: number;
  registrationNo: string;
  status: RegistrationStatus;
  submittedAt: Date;
  personName: string;
  idNumber: string;
  planId: number;
  planName: string;
  planCode: string;
  submitterKind: SubmitterKind;
  submitterName: string | null;
  employerName: string;
  yearsOfWork: number;
  feeCents: number;
  paidAt: Date | null;
  ticketNo: string | null;
  /** The registration carries no photo (shown as 无照片 so the reviewer sees it before approving). */
  noPhoto: boolean;
};

/** 报名审核 queue: oldest submission first, so nothing waits forever; 20 a page. */
export async function listRegistrations(db: DbOrTx, f: QueueFilters, page: number, pageSize = PAGE_SIZE) {
  const where = conditions(f);
  const [rows, [{ total }]] = await Promise.all([
    db.execute(sql`
      select r.id, r.registration_no as "registrationNo", r.status, r.submitted_at as "submittedAt", p.name as "personName",
             p.id_number as "idNumber", r.plan_id as "planId", ep.name as "planName", ep.code as "planCode",
             r.submitter_kind as "submitterKind", o.name as "submitterName", r.employer_name as "employerName",
             r.years_of_work as "yearsOfWork", ep.fee_cents as "feeCents", r.paid_at as "paidAt", r.ticket_no as "ticketNo",
             r.photo_file_id is null as "noPhoto"
      from registrations r
      join persons p on p.id = r.person_id
      join exam_plans ep on ep.id = r.plan_id
      left join organizations o on o.id = r.submitter_org_id
      where ${where}
      order by r.submitted_at, r.id
      limit ${pageSize} offset ${(page - 1) * pageSize}`),
    // Every registration has its person (a restricting foreign key), so the count joins persons only to filter by them.
    db.execute(
      f.name || f.idNumber
        ? sql`select count(*)::int as total from registrations r join persons p on p.id = r.person_id where ${where}`
        : sql`select count(*)::int as total from registrations r where ${where}`,
    ),
  ]);
  return {
    rows: (rows as unknown as QueueRow[]).map((r) => ({ ...r, submittedAt: new Date(r.submittedAt), paidAt: r.paidAt ? new Date(r.paidAt) : null })),
    total: Number(total),
  };
}

/**
 * One registration with everything the reviewer needs: the person, the form, the photo, the history. The photo
 * is the registration's own (what its ticket and certificate print), never the person's latest upload.
 */
export async function getRegistration(db: DbOrTx, id: number) {
  const [row] = (await db.execute(sql`
    select r.id, r.registration_no as "registrationNo", r.status, r.submitted_at as "submittedAt", r.submitter_kind as "submitterKind",
           so.name as "submitterName", su.display_name as "submittedBy",
           r.employer_name as "employerName", r.employer_code as "employerCode", r.work_start_date as "workStartDate",
           r.years_of_work as "yearsOfWork", r.resume, r.employer_opinion as "employerOpinion",
           r.photo_file_id as "photoFileId",
           r.reject_reason as "rejectReason", r.reviewed_at as "reviewedAt", ru.display_name as "reviewedBy",
           r.paid_at as "paidAt", r.paid_amount_cents as "paidAmountCents", r.payment_ref as "paymentRef",
           r.ticket_no as "ticketNo", r.seat_no as "seatNo", rm.name as "roomName", v.name as "venueName",
           r.ticket_printed_at as "ticketPrintedAt", r.score, r.passed, r.result_recorded_at as "resultRecordedAt",
           p.id as "personId", p.name as "personName", p.id_type as "idType", p.id_number as "idNumber", p.gender,
           p.birth_date as "birthDate", p.phone, p.education,
           ep.id as "planId", ep.code as "planCode", ep.name as "planName", ep.status as "planStatus", ep.fee_cents as "feeCents",
           ep.min_work_years as "minWorkYears", t.name as "tradeName",
           c.certificate_no as "certificateNo"
    from registrations r
    join persons p on p.id = r.person_id
    join exam_plans ep on ep.id = r.plan_id
    join trades t on t.id = ep.trade_id
    left join organizations so on so.id = r.submitter_org_id
    left join users su on su.id = r.submitted_by_user_id
    left join users ru on ru.id = r.reviewed_by_user_id
    left join rooms rm on rm.id = r.room_id
    left join venues v on v.id = rm.venue_id
    left join certificates c on c.registration_id = r.id and c.version = 1
    where r.id = ${id}`)) as unknown as Record<string, unknown>[];
  return row ?? null;
}
