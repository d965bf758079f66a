import "server-only";
import { and, count, desc, eq, ilike, inArray, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { examPlans, persons, registrations, rooms, trades, venues, type RegistrationStatus } from "@/db/schema";
import { registrationScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/roles";
import { maskIdNumber } from "@/lib/identity/chinese-id";
import { likePattern } from "./plans";

const LIST_COLUMNS = {
  id: registrations.id,
  registrationNo: registrations.registrationNo,
  status: registrations.status,
  rejectReason: registrations.rejectReason,
  submittedAt: registrations.submittedAt,
  ticketNo: registrations.ticketNo,
  ticketPrintedAt: registrations.ticketPrintedAt,
  submitterKind: registrations.submitterKind,
  planId: examPlans.id,
  planName: examPlans.name,
  planStatus: examPlans.status,
  ticketStartAt: examPlans.ticketStartAt,
  ticketEndAt: examPlans.ticketEndAt,
  examStartAt: examPlans.examStartAt,
  tradeName: trades.name,
  personId: persons.id,
  personName: persons.name,
  idNumber: persons.idNumber,
};

export type RegistrationListFilter = {
  planId?: number;
  name?: string;
  statuses?: readonly RegistrationStatus[];
  page?: number;
  pageSize?: number;
};

/** Registrations the user may see (scope rule in SQL), newest first; ID numbers come back masked. */
export async function listRegistrations(db: DbOrTx, user: SessionUser, f: RegistrationListFilter = {}) {
  const page = Math.max(1, f.page ?? 1);
  const pageSize = f.pageSize ?? 10;
  const conds: (SQL | undefined)[] = [registrationScope(user)];
  if (f.planId) conds.push(eq(registrations.planId, f.planId));
  if (f.name) conds.push(ilike(persons.name, likePattern(f.name)));
  if (f.statuses?.length) conds.push(inArray(registrations.status, [...f.statuses]));
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(LIST_COLUMNS)
      .from(registrations)
      .innerJoin(examPlans, eq(examPlans.id, registrations.planId))
      .innerJoin(trades, eq(trades.id, examPlans.tradeId))
      .innerJoin(persons, eq(persons.id, registrations.personId))
      .where(where)
      .orderBy(desc(registrations.submittedAt), desc(registrations.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ total: count() })
      .from(registrations)
      .innerJoin(persons, eq(persons.id, registrations.personId))
      .where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r, idNumber: maskIdNumber(r.idNumber) })), total };
}

/**
 * One registration with its plan, person and seat, or null when it does not exist or is not the user's to
 * see: callers answer 404 either way, so ids cannot be probed. The ID number is full here (the person's own
 * form); lists mask it.
 */
export async function getRegistration(db: DbOrTx, user: SessionUser, id: number) {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const [row] = await db
    .select({
      id: registrations.id,
      registrationNo: registrations.registrationNo,
      status: registrations.status,
      rejectReason: registrations.rejectReason,
      submitterKind: registrations.submitterKind,
      submitterOrgId: registrations.submitterOrgId,
      employerName: registrations.employerName,
      employerCode: registrations.employerCode,
      workStartDate: registrations.workStartDate,
      yearsOfWork: registrations.yearsOfWork,
      resume: registrations.resume,
      employerOpinion: registrations.employerOpinion,
      photoFileId: registrations.photoFileId,
      submittedAt: registrations.submittedAt,
      reviewedAt: registrations.reviewedAt,
      paidAt: registrations.paidAt,
      paidAmountCents: registrations.paidAmountCents,
      ticketNo: registrations.ticketNo,
      seatNo: registrations.seatNo,
      ticketPrintedAt: registrations.ticketPrintedAt,
      score: registrations.score,
      passed: registrations.passed,
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
    .where(and(eq(registrations.id, id), registrationScope(user)))
    .limit(1);
  return row ?? null;
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
