/** Fixtures for certificate services: certificates with a chosen expiry, and the seeded accounts' people. No vitest here. */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { makeChineseId } from "@/lib/identity/chinese-id";
import { addYears, beijingDate } from "@/lib/time";

let seq = 0;

export function daysFromToday(days: number) {
  const [y, m, d] = beijingDate().split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A current certificate of `personId` expiring on `validUntil` (issued `years` before it). */
export async function makeCertificate(
  db: Db,
  opts: { personId: number; validUntil: string; tradeCode?: string; registrationId?: number | null; status?: "valid" | "revoked"; no?: string },
) {
  seq += 1;
  const no = opts.no ?? `测京${process.pid}${String(seq).padStart(5, "0")}${Math.floor(Math.random() * 1e6)}`;
  const issueDate = addYears(opts.validUntil, -3);
  const revoked = opts.status === "revoked";
  const [c] = (await db.execute(sql`
    insert into certificates (certificate_no, person_id, trade_id, registration_id, source, holder_name, employer_name, issue_date, valid_until, issuer,
      status, revoked_at, revoke_reason_class, revoke_reason)
    select ${no}, p.id, t.id, ${opts.registrationId ?? null}::int, 'exam', p.name, p.employer_name, ${issueDate}::date, ${opts.validUntil}::date,
      '北京市住房和城乡建设委员会', ${revoked ? "revoked" : "valid"}, ${revoked ? sql`now()` : sql`null`}, ${revoked ? "violation" : null}, ${revoked ? "测试吊销" : null}
    from persons p, trades t where p.id = ${opts.personId} and t.code = ${opts.tradeCode ?? "GL01"}
    returning id, certificate_no as "certificateNo"`)) as unknown as { id: number; certificateNo: string }[];
  return c;
}

/** A new person (optionally employed by an organisation), with a valid 居民身份证号码. */
export async function makePerson(db: Db, opts: { employerOrgId?: number | null; name?: string } = {}) {
  seq += 1;
  const n = (process.pid % 500) * 1000 + seq;
  const idNumber = makeChineseId("110108", `1985-${String((n % 12) + 1).padStart(2, "0")}-${String((n % 28) + 1).padStart(2, "0")}`, (n % 997) + 1);
  const [p] = (await db.execute(sql`
    insert into persons (id_type, id_number, name, gender, employer_org_id, employer_name)
    select 'resident', ${idNumber}, ${opts.name ?? `证书测试${seq}`}, 'M', o.id, o.name
    from (select 1) x left join organizations o on o.id = ${opts.employerOrgId ?? null}::int
    on conflict (id_type, id_number) do nothing
    returning id, id_number as "idNumber", name`)) as unknown as { id: number; idNumber: string; name: string }[];
  if (!p) return makePerson(db, opts);
  return p;
}

/** A registration of `personId` submitted by the organisation, on any seeded plan of trade GL01. */
export async function makeTrainerRegistration(db: Db, personId: number, trainerOrgId: number) {
  const [r] = (await db.execute(sql`
    insert into registrations (registration_no, plan_id, person_id, submitter_kind, submitter_org_id, employer_name, work_start_date, years_of_work, status)
    select 'BMT' || ${personId}::text || floor(random() * 1e6)::text, ep.id, ${personId}, 'trainer', ${trainerOrgId}, '测试单位', '2010-07-01', 15, 'submitted'
    from exam_plans ep order by ep.id limit 1
    returning id`)) as unknown as { id: number }[];
  return r.id;
}
