import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { trades } from "@/db/schema";
import { ActionError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/roles";
import { CERTIFICATE_SERIAL_DIGITS, certificatePrefix, certificateSerialScope } from "@/lib/certificate-number";
import { reserveSerials } from "@/lib/serials";
import { addYears, beijingDate } from "@/lib/time";
import { notificationLinkPattern } from "@/lib/services/notification-links";
import { assertAdmin, assertPlanAllows, lockPlan, notifyRegistrations } from "./common";

export const ISSUER = "北京市住房和城乡建设委员会";

export type IssueResult = { issued: number; alreadyIssued: number; firstNo: string | null; lastNo: string | null; issueDate: string; validUntil: string };

/**
 * 发证: one certificate for every passer of a plan whose results are published, in one transaction and one
 * INSERT … SELECT. Issue date is today in Beijing, validity from the trade. The certificate keeps the photo
 * approved with the registration (not the person's current one, which a later upload may have replaced). Issuing again issues nothing twice:
 * candidates who already hold this registration's certificate are skipped (and the unique index
 * certificates_registration_key would refuse a second one even if two requests raced past the plan lock).
 */
export async function issueCertificates(db: Db, user: SessionUser, planId: number, ip: string | null): Promise<IssueResult> {
  assertAdmin(user);
  return db.transaction(async (tx) => {
    const plan = await lockPlan(tx, planId);
    assertPlanAllows(plan, "issue");
    const [trade] = await tx.select({ code: trades.code, name: trades.name, validityYears: trades.validityYears }).from(trades).where(eq(trades.id, plan.tradeId));
    const issueDate = beijingDate();
    const validUntil = addYears(issueDate, trade.validityYears);
    const year = issueDate.slice(0, 4);
    const [{ due, done }] = await tx.execute<{ due: number; done: number }>(sql`
      select count(*) filter (where c.id is null)::int as due, count(c.id)::int as done
      from registrations r
      left join certificates c on c.registration_id = r.id and c.version = 1
      where r.plan_id = ${plan.id} and r.status = 'seated' and r.passed`);
    if (due === 0) return { issued: 0, alreadyIssued: done, firstNo: null, lastNo: null, issueDate, validUntil };

    const scope = certificateSerialScope(trade.code, year);
    const first = await reserveSerials(tx, scope, due);
    if (first + due - 1 >= 10 ** CERTIFICATE_SERIAL_DIGITS) throw new ActionError(`本年度${trade.name}证书流水号已用完，请联系系统管理员`);
    const prefix = certificatePrefix(trade.code, year);
    const issued = await tx.execute<{ registrationId: number; no: string }>(sql`
      insert into certificates (certificate_no, person_id, trade_id, registration_id, source, holder_name, employer_name, issue_date, valid_until, issuer, photo_file_id)
      select ${prefix} || lpad((${first}::bigint + x.rn - 1)::text, ${CERTIFICATE_SERIAL_DIGITS}, '0'), x.person_id, ${plan.tradeId}, x.id, 'exam',
             x.name, x.employer_name, ${issueDate}::date, ${validUntil}::date, ${ISSUER}, x.photo_file_id
      from (
        select r.id, r.person_id, p.name, r.employer_name, r.photo_file_id, row_number() over (order by r.ticket_no, r.id) as rn
        from registrations r join persons p on p.id = r.person_id
        where r.plan_id = ${plan.id} and r.status = 'seated' and r.passed
          and not exists (select 1 from certificates c where c.registration_id = r.id and c.version = 1)
      ) x
      on conflict (registration_id) where version = 1 do nothing
      returning registration_id as "registrationId", certificate_no as "no"`);
    if (issued.length !== due) throw new ActionError("发证时考生数据发生变化，请重试");

    await notifyRegistrations(tx, {
      kind: "certificate_issued",
      title: "证书已发放",
      source: sql`from registrations r join certificates c on c.registration_id = r.id and c.version = 1
                  where r.id = any(${sql.param(issued.map((c) => c.registrationId))}::int[])`,
      body: sql`format('“%s”考试合格，%s证书已发放，证书编号 %s，有效期至 %s。', ${plan.name}::text, ${trade.name}::text, c.certificate_no, ${validUntil}::text)`,
      link: sql`format(${notificationLinkPattern.certificate}::text, c.id)`,
    });
    const nos = issued.map((c) => c.no).sort();
    const result: IssueResult = { issued: issued.length, alreadyIssued: done, firstNo: nos[0], lastNo: nos[nos.length - 1], issueDate, validUntil };
    await writeAudit(tx, {
      actor: user,
      ip,
      action: "certificate.issued",
      entityType: "exam_plan",
      entityId: plan.id,
      summary: `发证：${plan.name}（${plan.code}），${issued.length} 本，证书编号 ${result.firstNo} 至 ${result.lastNo}`,
      after: { ...result, issuer: ISSUER, trade: trade.name },
    });
    return result;
  });
}
