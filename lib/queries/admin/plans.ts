import "server-only";
import { and, asc, count, desc, eq, gte, ilike, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { certificates, examPlans, examPlanVenues, registrations, rooms, trades, venues, type PlanStatus, type RegistrationStatus } from "@/db/schema";
import { parseBeijingDateTime } from "@/lib/time";
import { likeEscape } from "../like";
import { PAGE_SIZE } from "./params";

export type PlanFilters = { q?: string; tradeId?: number; status?: PlanStatus; from?: string; to?: string; statuses?: PlanStatus[] };

/** 考试计划 list: by name or code, trade, status and exam dates (Beijing days, inclusive), newest exam first. */
export async function listPlans(db: DbOrTx, f: PlanFilters, page: number, pageSize = PAGE_SIZE) {
  const conds: (SQL | undefined)[] = [];
  if (f.q) conds.push(sql`(${ilike(examPlans.name, `%${likeEscape(f.q)}%`)} or ${examPlans.code} = ${f.q.toUpperCase()})`);
  if (f.tradeId) conds.push(eq(examPlans.tradeId, f.tradeId));
  if (f.status) conds.push(eq(examPlans.status, f.status));
  if (f.statuses?.length) conds.push(inArray(examPlans.status, f.statuses));
  const from = f.from ? parseBeijingDateTime(f.from) : null;
  const to = f.to ? parseBeijingDateTime(f.to) : null;
  if (from) conds.push(gte(examPlans.examStartAt, from));
  if (to) conds.push(lte(examPlans.examStartAt, new Date(to.getTime() + 86_400_000 - 1)));
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: examPlans.id,
        code: examPlans.code,
        name: examPlans.name,
        status: examPlans.status,
        tradeName: trades.name,
        registrationStartAt: examPlans.registrationStartAt,
        registrationEndAt: examPlans.registrationEndAt,
        examStartAt: examPlans.examStartAt,
        capacity: examPlans.capacity,
        feeCents: examPlans.feeCents,
        registered: sql<number>`(select count(*)::int from ${registrations} where ${registrations.planId} = ${examPlans.id} and ${registrations.status} in ('submitted','approved','paid','seated'))`,
        pending: sql<number>`(select count(*)::int from ${registrations} where ${registrations.planId} = ${examPlans.id} and ${registrations.status} = 'submitted')`,
      })
      .from(examPlans)
      .innerJoin(trades, eq(trades.id, examPlans.tradeId))
      .where(where)
      .orderBy(desc(examPlans.examStartAt), desc(examPlans.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(examPlans).where(where),
  ]);
  return { rows, total };
}

export async function getPlan(db: DbOrTx, id: number) {
  const [plan] = await db
    .select({
      plan: examPlans,
      tradeName: trades.name,
      tradeCode: trades.code,
      validityYears: trades.validityYears,
    })
    .from(examPlans)
    .innerJoin(trades, eq(trades.id, examPlans.tradeId))
    .where(eq(examPlans.id, id))
    .limit(1);
  if (!plan) return null;
  const planVenues = await db
    .select({ id: venues.id, name: venues.name, address: venues.address })
    .from(examPlanVenues)
    .innerJoin(venues, eq(venues.id, examPlanVenues.venueId))
    .where(eq(examPlanVenues.planId, id))
    .orderBy(asc(venues.id));
  const [counts, [results]] = await Promise.all([
    db.select({ status: registrations.status, n: count() }).from(registrations).where(eq(registrations.planId, id)).groupBy(registrations.status),
    db
      .select({
        recorded: sql<number>`count(*) filter (where ${registrations.resultRecordedAt} is not null)::int`,
        passed: sql<number>`count(*) filter (where ${registrations.passed})::int`,
        absent: sql<number>`count(*) filter (where ${registrations.resultRecordedAt} is not null and ${registrations.score} is null)::int`,
        printed: sql<number>`count(*) filter (where ${registrations.ticketPrintedAt} is not null)::int`,
        certificates: sql<number>`(select count(*)::int from ${certificates} join ${registrations} r2 on r2.id = ${certificates.registrationId} where r2.plan_id = ${id})`,
      })
      .from(registrations)
      .where(and(eq(registrations.planId, id), eq(registrations.status, "seated"))),
  ]);
  return { ...plan.plan, tradeName: plan.tradeName, tradeCode: plan.tradeCode, validityYears: plan.validityYears, venues: planVenues, counts: Object.fromEntries(counts.map((c) => [c.status, c.n])) as Partial<Record<RegistrationStatus, number>>, results };
}

/** Plans for pickers: id, code and name, newest first. */
export async function planOptions(db: DbOrTx, statuses?: PlanStatus[]) {
  return db
    .select({ id: examPlans.id, code: examPlans.code, name: examPlans.name, status: examPlans.status })
    .from(examPlans)
    .where(statuses ? inArray(examPlans.status, statuses) : undefined)
    .orderBy(desc(examPlans.examStartAt), desc(examPlans.id))
    .limit(500);
}

export async function tradeOptions(db: DbOrTx, includeId?: number) {
  return db
    .select({ id: trades.id, code: trades.code, name: trades.name, status: trades.status })
    .from(trades)
    .where(includeId ? sql`${trades.status} = 'active' or ${trades.id} = ${includeId}` : eq(trades.status, "active"))
    .orderBy(asc(trades.code));
}

export async function venueOptions(db: DbOrTx, includeIds: number[] = []) {
  return db
    .select({
      id: venues.id,
      name: venues.name,
      status: venues.status,
      seats: sql<number>`(select coalesce(sum(${rooms.capacity}), 0)::int from ${rooms} where ${rooms.venueId} = ${venues.id})`,
      rooms: sql<number>`(select count(*)::int from ${rooms} where ${rooms.venueId} = ${venues.id})`,
    })
    .from(venues)
    .where(includeIds.length ? sql`${venues.status} = 'active' or ${inArray(venues.id, includeIds)}` : eq(venues.status, "active"))
    .orderBy(asc(venues.id));
}
