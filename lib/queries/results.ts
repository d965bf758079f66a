import "server-only";
import { and, asc, count, desc, eq, ilike, inArray, isNotNull, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { examPlans, persons, registrations, trades } from "@/db/schema";
import { registrationScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/roles";
import { maskIdNumber } from "@/lib/identity/chinese-id";
import { likePattern } from "./like";
import { RESULT_PLAN_STATUSES } from "@/lib/domain/rules";

export type ResultFilter = { planId?: number; name?: string; passedOnly?: boolean };

/**
 * 查看考试结果: recorded results of plans whose results are published (or archived), within the user's scope
 * (a person: their own; an enterprise: its employees and submissions; a trainer: its submissions).
 */
function resultWhere(user: SessionUser, f: ResultFilter): SQL {
  const conds: (SQL | undefined)[] = [
    registrationScope(user),
    inArray(examPlans.status, [...RESULT_PLAN_STATUSES]),
    eq(registrations.status, "seated"),
    isNotNull(registrations.score),
  ];
  if (f.planId) conds.push(eq(registrations.planId, f.planId));
  if (f.name) conds.push(ilike(persons.name, likePattern(f.name)));
  if (f.passedOnly) conds.push(eq(registrations.passed, true));
  return and(...conds)!;
}

const COLUMNS = {
  id: registrations.id,
  planId: examPlans.id,
  planName: examPlans.name,
  tradeName: trades.name,
  examStartAt: examPlans.examStartAt,
  ticketNo: registrations.ticketNo,
  personName: persons.name,
  idNumber: persons.idNumber,
  employerName: registrations.employerName,
  score: registrations.score,
  passed: registrations.passed,
};

function base(db: DbOrTx) {
  return db
    .select(COLUMNS)
    .from(registrations)
    .innerJoin(examPlans, eq(examPlans.id, registrations.planId))
    .innerJoin(trades, eq(trades.id, examPlans.tradeId))
    .innerJoin(persons, eq(persons.id, registrations.personId));
}

export async function listResults(db: DbOrTx, user: SessionUser, f: ResultFilter & { page?: number; pageSize?: number }) {
  const page = Math.max(1, f.page ?? 1);
  const pageSize = f.pageSize ?? 20;
  const where = resultWhere(user, f);
  const [rows, [{ total }]] = await Promise.all([
    base(db)
      .where(where)
      .orderBy(desc(examPlans.examStartAt), asc(registrations.ticketNo))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ total: count() })
      .from(registrations)
      .innerJoin(examPlans, eq(examPlans.id, registrations.planId))
      .innerJoin(persons, eq(persons.id, registrations.personId))
      .where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r, idNumber: maskIdNumber(r.idNumber) })), total };
}

export const PASS_LIST_MAX_ROWS = 50_000;

/** 导出名单: the passers matching the query (ID numbers masked), for the .xlsx export. */
export async function passList(db: DbOrTx, user: SessionUser, f: Omit<ResultFilter, "passedOnly">) {
  const rows = await base(db)
    .where(resultWhere(user, { ...f, passedOnly: true }))
    .orderBy(desc(examPlans.examStartAt), asc(registrations.ticketNo))
    .limit(PASS_LIST_MAX_ROWS);
  return rows.map((r) => ({ ...r, idNumber: maskIdNumber(r.idNumber) }));
}
