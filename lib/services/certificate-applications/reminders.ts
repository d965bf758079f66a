import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { createMailer, mailConfigFromEnv, type MailConfig } from "@/lib/mail";
import { notificationLinkPattern } from "@/lib/services/notification-links";
import { beijingDate } from "@/lib/time";

/**
 * The reminder stages as windows of days before expiry, (lo, hi]: a certificate whose expiry falls in a window
 * gets that stage's reminder once. Windows rather than exact days, so a day the job did not run is caught up
 * the next day instead of lost; "on expiry" is caught up for a week. The windows touch, so together they are
 * one range of expiry dates, (today − 7, today + 90], read as one range scan.
 */
export const REMINDER_WINDOWS = [
  { stage: "d0", lo: -7, hi: 0 },
  { stage: "d7", lo: 0, hi: 7 },
  { stage: "d30", lo: 7, hi: 30 },
  { stage: "d90", lo: 30, hi: 90 },
] as const;

export type ReminderRun = { today: string; reminders: number; notifications: number; emailed: number; emailFailed: number };

/** The statement's `due` part on its own (benchmarks print its plan). */
export function dueReminders(today: string) {
  const first = REMINDER_WINDOWS[0].lo;
  const last = REMINDER_WINDOWS[REMINDER_WINDOWS.length - 1].hi;
  const stage = sql.join(
    REMINDER_WINDOWS.map((s) => sql`when c.valid_until <= ${today}::date + ${s.hi}::int then ${s.stage}`),
    sql` `,
  );
  // Only columns of certificates_expiry_reminder_idx, so this is an index-only scan of that partial index.
  return sql`select c.id, c.valid_until, c.person_id, c.trade_id, c.certificate_no, c.holder_name, case ${stage} end as stage
    from certificates c
    where c.status = 'valid' and c.valid_until > ${today}::date + ${first}::int and c.valid_until <= ${today}::date + ${last}::int`;
}

/**
 * 证书到期提醒, the daily job: in-app messages to the holder and to the employer at 90, 30 and 7 days before
 * expiry and on expiry, for current (valid) certificates. Set-based: one INSERT … SELECT into
 * certificate_reminders (its unique key makes a second run, or a second instance, send nothing twice) feeding one
 * INSERT … SELECT into notifications. Then, when SMTP is configured, e-mails to holders with an address.
 * Callable from the job queue or `npm run reminders`; `today` is a Beijing date.
 *
 * The first run after deployment sends every window's backlog at once (~88,000 reminders and ~92,000 messages
 * over 1,000,000 certificates, against ~3,600 on an ordinary day), so what it costs per reminder sent is what
 * matters: the candidates come from one index without touching the certificates table, a reminder row carries
 * no foreign key (its check locked each certificate row), and a message lands in two indexes, not four.
 */
export async function runExpiryReminders(db: DbOrTx, today: string = beijingDate(), opts: { mail?: MailConfig | null } = {}): Promise<ReminderRun> {
  const [counts] = await db.execute<{
    reminders: number;
    notifications: number;
  }>(sql`
    with due as (
      ${dueReminders(today)}
      -- No NOT EXISTS on certificate_reminders here: planned against an empty table (the first run) it becomes a
      -- nested loop re-scanning the heap this very statement is filling (200 s instead of 14 s over 1,000,000
      -- certificates). ON CONFLICT on the unique key skips the already reminded and settles races between instances.
    ), sent as (
      insert into certificate_reminders (certificate_id, stage, valid_until)
      select id, stage, valid_until from due
      on conflict (certificate_id, stage, valid_until) do nothing
      returning certificate_id, stage
    ), sent_due as materialized (
      -- The certificate's columns from due (already in memory), not from certificates: the planner expects every
      -- due row to be sent and would read the whole table to hash it. Materialized, so the few thousand sent on an
      -- ordinary day are picked out before persons is joined (not all ~90,000 due).
      select d.* from sent join due d on d.id = sent.certificate_id and d.stage = sent.stage
    ), msg as (
      select p.id as person_id, p.employer_org_id, d.id as certificate_id, d.holder_name, d.certificate_no, t.name as trade_name, d.valid_until,
        case when d.valid_until <= ${today}::date then '证书已到期' else '证书即将到期' end as title,
        case when d.valid_until < ${today}::date then format('已于 %s 到期', d.valid_until)
             when d.valid_until = ${today}::date then format('今日（%s）到期', d.valid_until)
             else format('将于 %s 到期（还有 %s 天）', d.valid_until, d.valid_until - ${today}::date) end as due_text
      from sent_due d join persons p on p.id = d.person_id join trades t on t.id = d.trade_id
    ), notes as (
      insert into notifications (person_id, organization_id, kind, title, body, link)
      select person_id, null, 'certificate_expiry', title,
        format('您的%s证书（证书编号 %s）%s，请及时申请证书续期。', trade_name, certificate_no, due_text), format(${notificationLinkPattern.certificate}::text, certificate_id)
      from msg
      union all
      select null, employer_org_id, 'certificate_expiry', title,
        format('职工 %s 的%s证书（证书编号 %s）%s，请及时申请证书续期。', holder_name, trade_name, certificate_no, due_text), format(${notificationLinkPattern.certificate}::text, certificate_id)
      from msg where employer_org_id is not null
      returning 1
    )
    select (select count(*) from sent)::int as reminders, (select count(*) from notes)::int as notifications`);
  const mail = opts.mail === undefined ? mailConfigFromEnv() : opts.mail;
  const { emailed, emailFailed } = mail ? await emailReminders(db, mail, today) : { emailed: 0, emailFailed: 0 };
  return { today, reminders: counts.reminders, notifications: counts.notifications, emailed, emailFailed };
}

type Pending = { id: number; email: string; holderName: string; certificateNo: string; tradeName: string; validUntil: string };

/**
 * E-mails for reminders not yet e-mailed (this run's, and the last three days' that failed or came before SMTP
 * was set up). Each is claimed with a conditional UPDATE first, so two instances never mail the same one;
 * a failed send gives its claim back for the next run.
 */
async function emailReminders(db: DbOrTx, config: MailConfig, today: string) {
  const pending = await db.execute<Pending>(sql`
    update certificate_reminders r set emailed_at = now()
    from certificates c, persons p, trades t
    where r.emailed_at is null and r.created_at > now() - interval '3 days'
      and c.id = r.certificate_id and p.id = c.person_id and t.id = c.trade_id and p.email is not null and p.email <> ''
    returning r.id, p.email, c.holder_name as "holderName", c.certificate_no as "certificateNo", t.name as "tradeName",
      r.valid_until::text as "validUntil"`);
  if (pending.length === 0) return { emailed: 0, emailFailed: 0 };
  const mailer = createMailer(config);
  const failed: number[] = [];
  try {
    for (const r of pending) {
      const when = r.validUntil < today ? `已于 ${r.validUntil} 到期` : r.validUntil === today ? `今日（${r.validUntil}）到期` : `将于 ${r.validUntil} 到期`;
      try {
        await mailer.send({
          to: r.email,
          subject: `证书到期提醒：${r.tradeName}证书 ${r.certificateNo}`,
          text: `${r.holderName}，您好：\n\n您的${r.tradeName}证书（证书编号 ${r.certificateNo}）${when}，请及时登录建设行业从业人员考务和证书管理系统申请证书续期。\n\n此邮件由系统自动发送，请勿回复。`,
        });
      } catch {
        failed.push(r.id);
      }
    }
  } finally {
    mailer.close();
  }
  if (failed.length) await db.execute(sql`update certificate_reminders set emailed_at = null where id = any(${sql.param(failed)}::bigint[])`);
  return { emailed: pending.length - failed.length, emailFailed: failed.length };
}
