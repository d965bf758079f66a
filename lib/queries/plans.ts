import "server-only";
import { and, asc, count, desc, eq, gte, ilike, inArray, lte, ne, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { examPlans, PLAN_STATUSES, registrations, trades, type PlanStatus } from "@/db/schema";
import { parseBeijingDateTime } from "@/lib/time";
import { likePattern } from "./like";
import { planSearchSchema, type PlanSearchInput } from "@/lib/validations/registration";



export async function listTrades(db: DbOrTx) {
  return db
    .select({ id: trades.id, name: trades.name, category: trades.category })
    .from(trades)
    .where(eq(trades.status, "active"))
    .orderBy(asc(trades.code));
}

const PLAN_LIST_COLUMNS = {
  id: examPlans.id,
  code: examPlans.code,
  name: examPlans.name,
  status: examPlans.status,
  tradeId: examPlans.tradeId,
  tradeName: trades.name,
  registrationStartAt: examPlans.registrationStartAt,
  registrationEndAt: examPlans.registrationEndAt,
  examStartAt: examPlans.examStartAt,
  examEndAt: examPlans.examEndAt,
  feeCents: examPlans.feeCents,
  minWorkYears: examPlans.minWorkYears,
};

/**
 * 考试报名: the plans taking registrations (published and not yet closed), searchable by name and trade.
 * With `personId`, each row also carries that person's registration on the plan, if any.
 */
export async function listOpenPlans(
  db: DbOrTx,
  opts: { name?: string; tradeId?: number; page?: number; pageSize?: number; personId?: number | null; now?: Date },
) {
  const now = opts.now ?? new Date();
  const page = Math.max(1, opts.page ?? 1);
  const pageSize = opts.pageSize ?? 10;
  const where = and(
    eq(examPlans.status, "published"),
    gte(examPlans.registrationEndAt, now),
    opts.name ? ilike(examPlans.name, likePattern(opts.name)) : undefined,
    opts.tradeId ? eq(examPlans.tradeId, opts.tradeId) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        ...PLAN_LIST_COLUMNS,
        registrationId: registrations.id,
        registrationStatus: registrations.status,
        registrationNo: registrations.registrationNo,
      })
      .from(examPlans)
      .innerJoin(trades, eq(trades.id, examPlans.tradeId))
      .leftJoin(
        registrations,
        and(eq(registrations.planId, examPlans.id), opts.personId ? eq(registrations.personId, opts.personId) : sql`false`),
      )
      .where(where)
      .orderBy(asc(examPlans.registrationEndAt), asc(examPlans.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(examPlans).where(where),
  ]);
  return { rows, total };
}

/**
 * 考试计划选择 (the plan picker): any plan that has been published, filtered by name, trade, status and exam
 * date. Plans are not personal data, so every signed-in role may search them.
 */
export async function searchPlans(db: DbOrTx, raw: PlanSearchInput, opts: { pageSize?: number; statusIn?: readonly PlanStatus[] } = {}) {
  const f = planSearchSchema.parse(raw);
  const pageSize = opts.pageSize ?? 8;
  const conds: (SQL | undefined)[] = [ne(examPlans.status, "draft")];
  if (opts.statusIn) conds.push(inArray(examPlans.status, [...opts.statusIn]));
  if (f.name) conds.push(ilike(examPlans.name, likePattern(f.name)));
  if (f.tradeId) conds.push(eq(examPlans.tradeId, f.tradeId));
  if (f.status && (PLAN_STATUSES as readonly string[]).includes(f.status) && f.status !== "draft") {
    conds.push(eq(examPlans.status, f.status as PlanStatus));
  }
  const from = f.examFrom ? parseBeijingDateTime(f.examFrom) : null;
  const to = f.examTo ? parseBeijingDateTime(f.examTo) : null;
  if (from) conds.push(gte(examPlans.examStartAt, from));
  if (to) conds.push(lte(examPlans.examStartAt, new Date(to.getTime() + 86_400_000 - 1)));
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(PLAN_LIST_COLUMNS)
      .from(examPlans)
      .innerJoin(trades, eq(trades.id, examPlans.tradeId))
      .where(where)
      .orderBy(desc(examPlans.examStartAt), desc(examPlans.id))
      .limit(pageSize)
      .offset((f.page - 1) * pageSize),
    db.select({ total: count() }).from(examPlans).where(where),
  ]);
  return { rows, total, page: f.page, pageSize };
}

/** One plan with what the registration rules and the form need; null for a draft or an unknown id. */
export async function getPlan(db: DbOrTx, planId: number) {
  const [plan] = await db
    .select({
      ...PLAN_LIST_COLUMNS,
      ticketStartAt: examPlans.ticketStartAt,
      ticketEndAt: examPlans.ticketEndAt,
      notes: examPlans.notes,
      candidateNotes: examPlans.candidateNotes,
    })
    .from(examPlans)
    .innerJoin(trades, eq(trades.id, examPlans.tradeId))
    .where(and(eq(examPlans.id, planId), ne(examPlans.status, "draft")))
    .limit(1);
  return plan ?? null;
}

/** Names of a few plans by id, for carrying a chosen plan's name back into a search form. */
export async function planNames(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await db.select({ id: examPlans.id, name: examPlans.name }).from(examPlans).where(and(inArray(examPlans.id, ids), ne(examPlans.status, "draft")));
  return new Map(rows.map((r) => [r.id, r.name]));
}


