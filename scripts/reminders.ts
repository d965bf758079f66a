/**
 * `npm run reminders [yyyy-mm-dd]`: runs the daily 证书到期提醒 once against DATABASE_URL (today in Beijing unless
 * a date is given). The job queue calls the same runExpiryReminders; running both on one day sends nothing twice.
 */
import { createDb } from "../db/client";
import { runExpiryReminders } from "../lib/services/certificate-applications/reminders";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set");
  process.exit(1);
}
const day = process.argv[2];
if (day && !/^\d{4}-\d{2}-\d{2}$/.test(day)) {
  console.error(`not a date: ${day}`);
  process.exit(1);
}
const { client, db } = createDb(url, { max: 2 });
try {
  const r = await runExpiryReminders(db, day);
  console.log(`证书到期提醒 ${r.today}: ${r.reminders} 条提醒，${r.notifications} 条站内消息，${r.emailed} 封邮件${r.emailFailed ? `（${r.emailFailed} 封发送失败，下次重试）` : ""}`);
} finally {
  await client.end();
}
