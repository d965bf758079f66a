import "server-only";
import { and, asc, count, desc, eq, ilike, inArray, like, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, DbOrTx } from "@/db/client";
import { certificates, examPlans, organizations, persons, registrations, rooms, trades, users, venues, type RegistrationStatus, type SubmitterKind } from "@/db/schema";
import { registrationScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/roles";
import { maskIdNumber } from "@/lib/identity/chinese-id";
import { likeEscape, likePattern } from "./like";

const submitterOrg = alias(organizations, "submitter_org");
const submittedBy = alias(users, "submitted_by");
const reviewedBy = alias(users, "reviewed_by");

const LIST_COLUMNS = {
  id: registrations.id,
  registrationNo: registrations.registrationNo,
  status: registrations.status,
  rejectReason: registrations.rejectReason,
  submittedAt: registrations.submittedAt,
  ticketNo: registrations.ticketNo,
  ticketPrintedAt: registrations.ticketPrintedAt,
  submitterKind: registrations.submitterKind,
  submitterOrgId: registrations.submitterOrgId,
  submitterName: submitterOrg.name,
  employerName: registrations.employerName,
  yearsOfWork: registrations.yearsOfWork,
  paidAt: registrations.paidAt,
  /** With planStatus: the outcome shown once results are published (lib/domain/statuses.ts registrationStage). */
  passed: registrations.passed,
  planId: examPlans.id,
  planCode: examPlans.code,
  planName: examPlans.name,
  feeCents: examPlans.feeCents,
  planStatus: examPlans.status,
  ticketStartAt: examPlans.ticketStartAt,
  ticketEndAt: examPlans.ticketEndAt,
  examStartAt: examPlans.examStartAt,
  tradeName: trades.name,
  personId: persons.id,
  personName: persons.name,
  idNumber: persons.idNumber,
  /** The registration carries no photo (shown as 无照片 so the reviewer sees it before approving). */
  noPhoto: sql<boolean>`${registrations.photoFileId} is null`,
};

export type RegistrationListFilter = {
  planId?: number;
  statuses?: readonly RegistrationStatus[];
  /** Submitted by, or employed at, this organisation. */
  orgId?: number;
  submitterKind?: SubmitterKind;
  name?: string;
  /** "contains" (default) uses the trigram index; "prefix" walks persons_name_idx. */
  nameMode?: "prefix" | "contains";
  /** 18 characters: exact; fewer: prefix (persons_id_number_idx, text_pattern_ops). */
  idNumber?: string;
  /** "newest" (default) for a submitter's own list; "oldest" for a review queue, so nothing waits forever. */
  order?: "newest" | "oldest";
  page?: number;
  pageSize?: number;
};

function listConditions(user: SessionUser, f: RegistrationListFilter) {
  const conds: (SQL | undefined)[] = [registrationScope(user)];
  if (f.planId) conds.push(eq(registrations.planId, f.planId));
  if (f.statuses?.length) conds.push(inArray(registrations.status, [...f.statuses]));
  if (f.orgId) conds.push(or(eq(registrations.submitterOrgId, f.orgId), eq(registrations.employerOrgId, f.orgId)));
  if (f.submitterKind) conds.push(eq(registrations.submitterKind, f.submitterKind));
  if (f.name) {
    // LIKE 'x%' is a range on persons_name_prefix_idx (text_pattern_ops, so whatever the collation), read
    // index-only. A second range in the default collation would only tempt the planner into a BitmapAnd with
    // persons_name_idx that visits every matching person's row.
    if (f.nameMode === "prefix") conds.push(like(persons.name, `${likeEscape(f.name)}%`));
    else conds.push(ilike(persons.name, likePattern(f.name)));
  }
  if (f.idNumber) {
    const id = f.idNumber.toUpperCase();
    conds.push(id.length >= 18 ? eq(persons.idNumber, id) : like(persons.idNumber, `${likeEscape(id)}%`));
  }
  return and(...conds);
}

/**
 * Registrations the user may see (scope rule in SQL), filtered and paginated in SQL. ID numbers come back
 * masked except for the registration centre, which checks them against documents. Takes the client, not a
 * transaction: a name search runs its page in a transaction of its own (a planner setting, see below).
 */
export async function listRegistrations(db: Db, user: SessionUser, f: RegistrationListFilter = {}) {
  const page = Math.max(1, f.page ?? 1);
  const pageSize = f.pageSize ?? 10;
  const where = listConditions(user, f);
  const order = f.order === "oldest" ? [asc(registrations.submittedAt), asc(registrations.id)] : [desc(registrations.submittedAt), desc(registrations.id)];
  const counted = db.select({ total: count() }).from(registrations);
  const pageOf = (q: DbOrTx) =>
    q
      .select(LIST_COLUMNS)
      .from(registrations)
      .innerJoin(examPlans, eq(examPlans.id, registrations.planId))
      .innerJoin(trades, eq(trades.id, examPlans.tradeId))
      .innerJoin(persons, eq(persons.id, registrations.personId))
      .leftJoin(submitterOrg, eq(submitterOrg.id, registrations.submitterOrgId))
      .where(where)
      .orderBy(...order)
      .limit(pageSize)
      .offset((page - 1) * pageSize);
  // 姓名开头为 with one status: the page walks that status's index (registrations_status_idx or
  // registrations_plan_status_idx) in its order, looks up each person, and stops at the 20th match. Planned in
  // parallel that walk sits under a Gather Merge whose workers do not stop (each fills its queue first), so
  // they read most of the queue and its persons: with 1,000,000 persons, 林 within one plan, organisation or
  // submitter kind took 150–600 ms, against 5–10 ms serially. Hence its own transaction with parallel workers
  // off. Only here: without one status no index gives the order, and the workers sort their share of the rows
  // first (faster in parallel), as does a "contains" search (a plan the serial planner does not consider).
  const pageRows =
    f.name && f.nameMode === "prefix" && f.statuses?.length === 1
      ? db.transaction(async (tx) => {
          await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
          return pageOf(tx);
        })
      : pageOf(db);
  const [rows, [{ total }]] = await Promise.all([
    pageRows,
    // Every registration has its person (a restricting foreign key), so the count joins persons only to filter by them.
    f.name || f.idNumber ? counted.innerJoin(persons, eq(persons.id, registrations.personId)).where(where) : counted.where(where),
  ]);
  return { rows: user.role === "admin" ? rows : rows.map((r) => ({ ...r, idNumber: maskIdNumber(r.idNumber) })), total };
}

export type RegistrationListRow = Awaited<ReturnType<typeof listRegistrations>>["rows"][number];

/** The full registration detail (the single page, tickets, forms); callers add the scoped where. */
function registrationDetailQuery(db: DbOrTx) {
  return db
    .select({
      id: registrations.id,
      registrationNo: registrations.registrationNo,
      status: registrations.status,
      rejectReason: registrations.rejectReason,
      submitterKind: registrations.submitterKind,
      submitterOrgId: registrations.submitterOrgId,
      submitterName: submitterOrg.name,
      submittedBy: submittedBy.displayName,
      employerName: registrations.employerName,
      employerCode: registrations.employerCode,
      workStartDate: registrations.workStartDate,
      yearsOfWork: registrations.yearsOfWork,
      resume: registrations.resume,
      employerOpinion: registrations.employerOpinion,
      photoFileId: registrations.photoFileId,
      submittedAt: registrations.submittedAt,
      reviewedAt: registrations.reviewedAt,
      reviewedBy: reviewedBy.displayName,
      paidAt: registrations.paidAt,
      paidAmountCents: registrations.paidAmountCents,
      paymentRef: registrations.paymentRef,
      ticketNo: registrations.ticketNo,
      seatNo: registrations.seatNo,
      ticketPrintedAt: registrations.ticketPrintedAt,
      score: registrations.score,
      passed: registrations.passed,
      resultRecordedAt: registrations.resultRecordedAt,
      certificateNo: certificates.certificateNo,
      planId: examPlans.id,
      planCode: examPlans.code,
      planName: examPlans.name,
      planStatus: examPlans.status,
      feeCents: examPlans.feeCents,
      minWorkYears: examPlans.minWorkYears,
      registrationStartAt: examPlans.registrationStartAt,
      registrationEndAt: examPlans.registrationEndAt,
      ticketStartAt: examPlans.ticketStartAt,
      ticketEndAt: examPlans.ticketEndAt,
      examStartAt: examPlans.examStartAt,
      examEndAt: examPlans.examEndAt,
      candidateNotes: examPlans.candidateNotes,
      tradeName: trades.name,
      personId: persons.id,
      personName: persons.name,
      personPhotoFileId: persons.photoFileId,
      gender: persons.gender,
      idType: persons.idType,
      idNumber: persons.idNumber,
      birthDate: persons.birthDate,
      phone: persons.phone,
      education: persons.education,
      roomName: rooms.name,
      venueName: venues.name,
      venueAddress: venues.address,
    })
    .from(registrations)
    .innerJoin(examPlans, eq(examPlans.id, registrations.planId))
    .innerJoin(trades, eq(trades.id, examPlans.tradeId))
    .innerJoin(persons, eq(persons.id, registrations.personId))
    .leftJoin(rooms, eq(rooms.id, registrations.roomId))
    .leftJoin(venues, eq(venues.id, rooms.venueId))
    .leftJoin(submitterOrg, eq(submitterOrg.id, registrations.submitterOrgId))
    .leftJoin(submittedBy, eq(submittedBy.id, registrations.submittedByUserId))
    .leftJoin(reviewedBy, eq(reviewedBy.id, registrations.reviewedByUserId))
    .leftJoin(certificates, and(eq(certificates.registrationId, registrations.id), eq(certificates.version, 1)));
}

/**
 * One registration with its plan, person and seat, or null when it does not exist or is not the user's to
 * see: callers answer 404 either way, so ids cannot be probed. The ID number is full here (the person's own
 * form); lists mask it.
 */
export async function getRegistration(db: DbOrTx, user: SessionUser, id: number) {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const [row] = await registrationDetailQuery(db)
    .where(and(eq(registrations.id, id), registrationScope(user)))
    .limit(1);
  return row ?? null;
}

/**
 * Many registrations' details in one query, under the same scope as getRegistration (bulk printing loads
 * 1,000 tickets at once instead of one query each); ordered by ticket number.
 */
export async function getRegistrationsWhere(db: DbOrTx, user: SessionUser, where: SQL | undefined, limit: number) {
  return registrationDetailQuery(db)
    .where(and(where, registrationScope(user)))
    .orderBy(registrations.ticketNo, registrations.id)
    .limit(limit);
}

export type RegistrationDetail = NonNullable<Awaited<ReturnType<typeof getRegistration>>>;

/**
 * The signed-in user's earlier registration of this person for this plan, if any, with what a new submission
 * starts from (重新报名 keeps the number and pre-fills the form). Scoped like every other registration read.
 */
export async function findRegistrationForPlan(db: DbOrTx, user: SessionUser, planId: number, personId: number) {
  const [r] = await db
    .select({
      id: registrations.id,
      registrationNo: registrations.registrationNo,
      status: registrations.status,
      rejectReason: registrations.rejectReason,
      employerName: registrations.employerName,
      employerCode: registrations.employerCode,
      workStartDate: registrations.workStartDate,
      yearsOfWork: registrations.yearsOfWork,
      resume: registrations.resume,
      employerOpinion: registrations.employerOpinion,
      photoFileId: registrations.photoFileId,
    })
    .from(registrations)
    .where(and(eq(registrations.planId, planId), eq(registrations.personId, personId), registrationScope(user)))
    .limit(1);
  return r ?? null;
}
