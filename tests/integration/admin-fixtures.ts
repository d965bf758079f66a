/**
 * Test and benchmark fixtures for exam affairs: plans in any status and candidates in bulk, inserted
 * set-based. No vitest and no "@/db" here, so benchmarks can use it too.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { makeChineseId } from "@/lib/identity/chinese-id";
import { parseBeijingDateTime, beijingDate } from "@/lib/time";
import type { PlanStatus, RegistrationStatus } from "@/db/schema";

const DAY = 86_400_000;
export const FIXTURE_REGION = "110229";

function at(days: number, hhmm: string) {
  return parseBeijingDateTime(`${beijingDate(new Date(Date.now() + days * DAY))}T${hhmm}`)!.toISOString();
}

/**
 * A plan in `status`, using the given venues (default: the first seeded venue). The exam is `examInDays` from
 * today (default 15); a plan whose exam is to be confirmed held needs it in the past (e.g. -1).
 */
export async function makePlan(
  db: Db,
  opts: { status?: PlanStatus; code?: string; tradeCode?: string; venueIds?: number[]; feeCents?: number; passMark?: number; capacity?: number; examInDays?: number } = {},
) {
  const exam = opts.examInDays ?? 15;
  const code = opts.code ?? `T${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e4)}`;
  const [trade] = (await db.execute(sql`select id from trades where code = ${opts.tradeCode ?? "GL01"}`)) as unknown as { id: number }[];
  const venueIds = opts.venueIds ?? ((await db.execute(sql`select id from venues order by id limit 1`)) as unknown as { id: number }[]).map((v) => v.id);
  const [plan] = (await db.execute(sql`
    insert into exam_plans (code, name, trade_id, status, registration_start_at, registration_end_at, ticket_start_at, ticket_end_at,
                            exam_start_at, exam_end_at, fee_cents, min_work_years, capacity, pass_mark, published_at)
    values (${code}, ${`测试考试计划 ${code}`}, ${trade.id}, ${opts.status ?? "draft"}, ${at(exam - 20, "09:00")}, ${at(exam - 5, "17:00")},
            ${at(exam - 3, "09:00")}, ${at(exam, "08:00")}, ${at(exam, "09:00")}, ${at(exam, "11:00")}, ${opts.feeCents ?? 18000}, 0,
            ${opts.capacity ?? 100000}, ${opts.passMark ?? 60}, now())
    returning id, code, name`)) as unknown as { id: number; code: string; name: string }[];
  for (const v of venueIds) await db.execute(sql`insert into exam_plan_venues (plan_id, venue_id) values (${plan.id}, ${v})`);
  return plan;
}

/** A venue with `rooms` rooms of `capacity` seats. */
export async function makeVenue(db: Db, name: string, rooms: number, capacity: number) {
  const [venue] = (await db.execute(sql`insert into venues (name, address) values (${name}, '北京市测试区') returning id`)) as unknown as { id: number }[];
  await db.execute(sql`
    insert into rooms (venue_id, name, capacity, sort_order)
    select ${venue.id}, '第' || lpad(i::text, 3, '0') || '考场', ${capacity}, i from generate_series(1, ${rooms}) i`);
  return venue.id;
}

/**
 * `n` new persons, each with a registration on the plan in `status` (submitted, approved or paid), submitted
 * by the given organisation (or themselves). Returns registration and person ids in order.
 */
export async function makeCandidates(
  db: Db,
  planId: number,
  n: number,
  opts: { status?: Exclude<RegistrationStatus, "seated" | "rejected">; submitterOrgId?: number | null; submitterKind?: "person" | "enterprise" | "trainer" } = {},
) {
  const [{ offset }] = (await db.execute(sql`select count(*)::int as offset from persons where id_number like ${`${FIXTURE_REGION}%`}`)) as unknown as { offset: number }[];
  const people: { id_number: string; name: string; gender: string; birth: string }[] = [];
  for (let i = 0; i < n; i++) {
    const k = offset + i;
    const birth = beijingDate(new Date(Date.UTC(1970, 0, 1) + Math.floor(k / 1000) * DAY));
    const seq = k % 1000;
    people.push({ id_number: makeChineseId(FIXTURE_REGION, birth, seq), name: `考生${String(k).padStart(6, "0")}`, gender: seq % 2 ? "M" : "F", birth });
  }
  const status = opts.status ?? "submitted";
  const kind = opts.submitterKind ?? (opts.submitterOrgId ? "enterprise" : "person");
  const ids: { id: number; personId: number }[] = [];
  for (let i = 0; i < people.length; i += 5_000) {
    const chunk = people.slice(i, i + 5_000);
    const rows = (await db.execute(sql`
      with p as (
        insert into persons (id_type, id_number, name, gender, birth_date, employer_name, work_start_date)
        select 'resident', x.id_number, x.name, x.gender, x.birth::date, '测试建设工程有限公司', '2010-07-01'
        from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(id_number text, name text, gender text, birth text)
        returning id
      )
      insert into registrations (registration_no, plan_id, person_id, submitter_kind, submitter_org_id, employer_name, work_start_date,
                                 years_of_work, status, reviewed_at, paid_at, paid_amount_cents)
      select 'BMT' || ${planId} || '-' || p.id, ${planId}, p.id, ${kind}, ${opts.submitterOrgId ?? null}, '测试建设工程有限公司', '2010-07-01', 10,
             ${status}, case when ${status} in ('approved', 'paid') then now() end, case when ${status} = 'paid' then now() end,
             case when ${status} = 'paid' then 18000 end
      from p
      returning id, person_id as "personId"`)) as unknown as { id: number; personId: number }[];
    ids.push(...rows);
  }
  return ids;
}

/** The seeded registration-centre account as the signed-in user (for benchmarks and scripts). */
export async function adminSession(db: Db) {
  const [u] = (await db.execute(sql`
    select id, username, role, display_name as "displayName", person_id as "personId", organization_id as "organizationId"
    from users where username = 'admin'`)) as unknown as { id: number; username: string; role: "admin"; displayName: string; personId: null; organizationId: null }[];
  return u;
}
