import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { beijingDate } from "@/lib/time";

/** 首页 figures: counts, registrations per plan by status, pass rates, certificates per month. */
export async function dashboard(db: DbOrTx) {
  const today = beijingDate();
  const year = today.slice(0, 4);
  const [[tiles], plans, passRates, months] = await Promise.all([
    db.execute<{ openPlans: number; pendingReview: number; awaitingPayment: number; pendingApplications: number; validCertificates: number; issuedThisYear: number }>(sql`
      select (select count(*)::int from exam_plans where status = 'published') as "openPlans",
             (select count(*)::int from registrations where status = 'submitted') as "pendingReview",
             (select count(*)::int from registrations where status = 'approved') as "awaitingPayment",
             (select count(*)::int from certificate_applications where status = 'applied') as "pendingApplications",
             (select count(*)::int from certificates where status = 'valid' and valid_until >= ${today}::date) as "validCertificates",
             (select count(*)::int from certificates where source = 'exam' and issue_date >= ${`${year}-01-01`}::date) as "issuedThisYear"`),
    db.execute<{ id: number; code: string; name: string; status: string; submitted: number; approved: number; paid: number; seated: number; rejected: number }>(sql`
      select ep.id, ep.code, ep.name, ep.status,
             count(r.id) filter (where r.status = 'submitted')::int as submitted,
             count(r.id) filter (where r.status = 'approved')::int as approved,
             count(r.id) filter (where r.status = 'paid')::int as paid,
             count(r.id) filter (where r.status = 'seated')::int as seated,
             count(r.id) filter (where r.status = 'rejected')::int as rejected
      from exam_plans ep left join registrations r on r.plan_id = ep.id
      where ep.status in ('published', 'closed', 'seated', 'held')
      group by ep.id order by ep.exam_start_at, ep.id limit 8`),
    db.execute<{ id: number; code: string; name: string; candidates: number; passed: number }>(sql`
      select ep.id, ep.code, ep.name,
             count(r.id)::int as candidates, count(r.id) filter (where r.passed)::int as passed
      from exam_plans ep join registrations r on r.plan_id = ep.id and r.status = 'seated'
      where ep.status in ('results_published', 'archived')
      group by ep.id order by ep.results_published_at desc nulls last, ep.id desc limit 8`),
    db.execute<{ month: string; issued: number }>(sql`
      select to_char(m, 'YYYY-MM') as month,
             (select count(*)::int from certificates c where c.source = 'exam' and c.issue_date >= m::date and c.issue_date < (m + interval '1 month')::date) as issued
      from generate_series(date_trunc('month', ${today}::date) - interval '11 months', date_trunc('month', ${today}::date), interval '1 month') m
      order by m`),
  ]);
  return { tiles, plans: [...plans], passRates: [...passRates], months: [...months] };
}
