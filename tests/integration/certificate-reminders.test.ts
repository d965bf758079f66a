import { and, eq, inArray, sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { certificateReminders, notifications, persons } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/roles";
import type { MailConfig } from "@/lib/mail";
import { runExpiryReminders } from "@/lib/services/certificate-applications/reminders";
import { beijingDate } from "@/lib/time";
import { actAs } from "../support/users";
import { daysFromToday, makeCertificate, makePerson } from "./certificate-fixtures";

let enterprise: SessionUser;
const received: { to: string[]; body: string }[] = [];
let server: SMTPServer;
let port = 0;

beforeAll(async () => {
  enterprise = (await actAs("chengjian"))!;
  // A real SMTP server on a free port; nodemailer talks to it over the wire.
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), body: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  port = (server.server.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const smtp = (): MailConfig => ({ host: "127.0.0.1", port, secure: false, from: "kaowu@example.test" });

async function remindersOf(ids: number[]) {
  return db.select().from(certificateReminders).where(inArray(certificateReminders.certificateId, ids));
}

describe("证书到期提醒", () => {
  it("证书到期提醒：到期前 90 天、30 天、7 天和到期当日各提醒一次，持证人和所在企业都收到", async () => {
    const p = await makePerson(db, { employerOrgId: enterprise.organizationId });
    const certs = await Promise.all([90, 30, 7, 0, 200].map((d) => makeCertificate(db, { personId: p.id, validUntil: daysFromToday(d) })));
    const r = await runExpiryReminders(db, beijingDate(), { mail: null });
    expect(r.reminders).toBeGreaterThanOrEqual(4);
    const sent = await remindersOf(certs.map((c) => c.id));
    expect(Object.fromEntries(sent.map((s) => [s.certificateId, s.stage]))).toEqual({
      [certs[0].id]: "d90",
      [certs[1].id]: "d30",
      [certs[2].id]: "d7",
      [certs[3].id]: "d0",
    });
    const toPerson = await db.select().from(notifications).where(and(eq(notifications.personId, p.id), eq(notifications.kind, "certificate_expiry")));
    expect(toPerson).toHaveLength(4);
    expect(toPerson.map((n) => n.body).join()).toContain("还有 90 天");
    expect(toPerson.find((n) => n.body.includes(certs[3].certificateNo))!.title).toBe("证书已到期");
    const toOrg = await db.select().from(notifications).where(and(eq(notifications.organizationId, enterprise.organizationId!), eq(notifications.kind, "certificate_expiry")));
    expect(toOrg.filter((n) => n.body.includes(p.name))).toHaveLength(4);
  });

  it("证书到期提醒：再次运行（或另一台服务器同时运行）不会重复提醒", async () => {
    const p = await makePerson(db);
    const c = await makeCertificate(db, { personId: p.id, validUntil: daysFromToday(30) });
    const [a, b] = await Promise.all([runExpiryReminders(db, beijingDate(), { mail: null }), runExpiryReminders(db, beijingDate(), { mail: null })]);
    expect(a.reminders + b.reminders).toBeGreaterThanOrEqual(1);
    expect(await runExpiryReminders(db, beijingDate(), { mail: null })).toMatchObject({ reminders: 0, notifications: 0 });
    expect(await remindersOf([c.id])).toHaveLength(1);
    expect(await db.select().from(notifications).where(eq(notifications.personId, p.id))).toHaveLength(1);
  });

  it("证书到期提醒：漏跑的一天次日补发；已注销、已变更的证书不提醒", async () => {
    const p = await makePerson(db);
    const missed = await makeCertificate(db, { personId: p.id, validUntil: daysFromToday(29) });
    const revoked = await makeCertificate(db, { personId: p.id, validUntil: daysFromToday(7), status: "revoked" });
    const old = await makeCertificate(db, { personId: p.id, validUntil: daysFromToday(7) });
    await db.execute(sql`update certificates set status = 'superseded' where id = ${old.id}`);
    await runExpiryReminders(db, beijingDate(), { mail: null });
    const sent = await remindersOf([missed.id, revoked.id, old.id]);
    expect(sent.map((s) => [s.certificateId, s.stage])).toEqual([[missed.id, "d30"]]);
  });

  it("证书到期提醒：配置了 SMTP 时同时发送邮件给持证人，只发一次", async () => {
    const p = await makePerson(db);
    await db.update(persons).set({ email: `holder${p.id}@example.test` }).where(eq(persons.id, p.id));
    const c = await makeCertificate(db, { personId: p.id, validUntil: daysFromToday(7) });
    received.length = 0;
    const r = await runExpiryReminders(db, beijingDate(), { mail: smtp() });
    expect(r.emailed).toBe(1);
    expect(received).toHaveLength(1);
    expect(received[0].to).toEqual([`holder${p.id}@example.test`]);
    expect(received[0].body).toContain("Subject:");
    const [rem] = await remindersOf([c.id]);
    expect(rem.emailedAt).not.toBeNull();
    await runExpiryReminders(db, beijingDate(), { mail: smtp() });
    expect(received).toHaveLength(1);
  });

  it("证书到期提醒：邮件发送失败时下次运行重试", async () => {
    const p = await makePerson(db);
    await db.update(persons).set({ email: `retry${p.id}@example.test` }).where(eq(persons.id, p.id));
    const c = await makeCertificate(db, { personId: p.id, validUntil: daysFromToday(30) });
    received.length = 0;
    // Nothing listens on port 1: the send fails and the reminder stays un-mailed.
    const failed = await runExpiryReminders(db, beijingDate(), { mail: { ...smtp(), port: 1 } });
    expect(failed).toMatchObject({ emailed: 0, emailFailed: 1 });
    expect((await remindersOf([c.id]))[0].emailedAt).toBeNull();
    const retried = await runExpiryReminders(db, beijingDate(), { mail: smtp() });
    expect(retried).toMatchObject({ reminders: 0, emailed: 1 });
    expect(received.map((m) => m.to[0])).toEqual([`retry${p.id}@example.test`]);
  });
});
