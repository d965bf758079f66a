import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { createDb } from "@/db/client";
import { perClient } from "@/db/prepared";
import { auditLogs, persons, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/roles";
import { ActionError } from "@/lib/errors";
import { makeChineseId } from "@/lib/identity/chinese-id";
import { submitRegistration } from "@/lib/services/registrations";
import { actAs } from "../support/users";
import { personAccount, planByCode, registrationInput, registrationOf, uploadJpeg } from "./person-fixtures";

// A first registration whose photo is the person's own is written by one prepared statement (registration, photo
// on record and 操作日志 line together) instead of the transaction the other cases take; its statements are
// prepared once per database client (db/prepared.ts). These check that the shortcut writes what the transaction
// writes, as atomically, and that the prepared statements belong to the client they were made for.

let dg: { id: number; name: string }; // KS2026-DG-04: open, no minimum years

beforeAll(async () => {
  dg = await planByCode("KS2026-DG-04");
});

type AuditRow = typeof auditLogs.$inferSelect;
const comparable = ({ id: _id, at: _at, ...rest }: AuditRow) => (void _id, void _at, rest);

async function auditOf(action: string, entityId: number) {
  return db.select().from(auditLogs).where(sql`${auditLogs.action} = ${action} and ${auditLogs.entityId} = ${String(entityId)}`).orderBy(auditLogs.id);
}

describe("报名提交：一条语句写入", () => {
  it("报名、本人照片和操作日志与事务写法的内容相同", async () => {
    const u = await personAccount(50);
    const [before] = await db.select({ name: persons.name, photo: persons.photoFileId }).from(persons).where(eq(persons.id, u.personId!));
    const photo = await uploadJpeg(u); // the person's own, so nothing to claim: the one-statement path
    expect(photo).not.toBe(before.photo);
    const now = new Date();
    const input = registrationInput(dg.id, photo, { employerOpinion: "同意", yearsOfWork: 7 });
    const r = await submitRegistration(db, u, input, { ip: "203.0.113.9", now });

    const row = await registrationOf(u.personId!, dg.id);
    expect(row).toMatchObject({
      id: r.id,
      registrationNo: r.registrationNo,
      submitterKind: "person",
      submitterOrgId: null,
      submittedByUserId: u.id,
      employerName: "北京城建建设工程有限公司",
      employerCode: null,
      workStartDate: "2010-07-01",
      yearsOfWork: 7,
      resume: input.resume,
      employerOpinion: "同意",
      photoFileId: photo,
      status: "submitted",
      rejectReason: null,
    });
    expect(new Date(row.submittedAt).getTime()).toBe(now.getTime());
    const [after] = await db.select({ photo: persons.photoFileId }).from(persons).where(eq(persons.id, u.personId!));
    expect(after.photo).toBe(photo);

    const expected = {
      actorUserId: u.id,
      actorName: u.displayName,
      actorRole: "person",
      ip: "203.0.113.9",
      action: "registration.submitted",
      entityType: "registration",
      entityId: String(r.id),
      summary: `${u.displayName} 提交了 ${before.name} 的报名（${dg.name}，报名号 ${r.registrationNo}）`,
      before: null,
      after: {
        planId: dg.id,
        personId: u.personId,
        status: "submitted",
        employerName: "北京城建建设工程有限公司",
        employerCode: null,
        workStartDate: "2010-07-01",
        yearsOfWork: 7,
        resume: input.resume,
        employerOpinion: "同意",
        photoFileId: photo,
      },
    };
    const lines = await auditOf("registration.submitted", r.id);
    expect(lines).toHaveLength(1);
    expect(comparable(lines[0])).toEqual(expected);
    // And column for column what writeAudit (the transaction path's writer) makes of the same entry.
    const { before: _b, ...entry } = expected;
    void _b;
    await writeAudit(db, { ...entry, actor: u, entityId: r.id });
    const both = await auditOf("registration.submitted", r.id);
    expect(both).toHaveLength(2);
    expect(comparable(both[1])).toEqual(comparable(both[0]));
  });

  it("同一人同时用两张新照片报名：只有一份成功，落败的一份既不留日志也不改本人照片", async () => {
    const u = await personAccount(51);
    const [a, b] = [await uploadJpeg(u), await uploadJpeg(u)];
    const results = await Promise.allSettled([
      submitRegistration(db, u, registrationInput(dg.id, a)),
      submitRegistration(db, u, registrationInput(dg.id, b)),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(ActionError);
    expect(lost.reason.message).toMatch(/^您已报名该考试计划（报名号 BM\d{14}，当前状态：待审核），不能重复报名$/);
    const row = await registrationOf(u.personId!, dg.id);
    const [p] = await db.select({ photo: persons.photoFileId }).from(persons).where(eq(persons.id, u.personId!));
    expect(p.photo).toBe(row.photoFileId);
    const [{ n }] = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from audit_logs
      where action = 'registration.submitted' and actor_user_id = ${u.id}`);
    expect(n).toBe(1);
  });

  it("二十人同时报名：报名号各不相同，且连续", async () => {
    const birth = "1985-05-05";
    const made = await db.execute<{ id: number }>(sql`
      insert into persons (id_type, id_number, name, gender, birth_date, employer_name, work_start_date)
      select 'resident', x.id_number, x.name, 'M', ${birth}, '北京城建建设工程有限公司', '2010-07-01'
      from jsonb_to_recordset(${JSON.stringify(Array.from({ length: 20 }, (_, i) => ({ id_number: makeChineseId("110108", birth, 700 + i), name: `并发${i}` })))}::jsonb)
        as x(id_number text, name text)
      returning id`);
    const people: SessionUser[] = [];
    for (const { id } of made) {
      await db.insert(users).values({ username: `fast${id}`, role: "person", displayName: `并发${id}`, personId: id });
      people.push((await actAs(`fast${id}`))!);
    }
    const photos = await Promise.all(people.map((u) => uploadJpeg(u)));
    const results = await Promise.all(people.map((u, i) => submitRegistration(db, u, registrationInput(dg.id, photos[i]))));
    const serials = results.map((r) => Number(r.registrationNo.slice(-6))).sort((x, y) => x - y);
    expect(new Set(serials).size).toBe(20);
    expect(serials[19] - serials[0]).toBe(19);
    for (const [i, u] of people.entries()) expect((await registrationOf(u.personId!, dg.id)).registrationNo).toBe(results[i].registrationNo);
  });

  it("本人报名（本人记录与报名条件一次读出）：不选照片时用已存的照片；计划不存在时答复不变", async () => {
    const u = await personAccount(53);
    const photo = await uploadJpeg(u);
    await db.update(persons).set({ photoFileId: photo }).where(eq(persons.id, u.personId!));
    try {
      await submitRegistration(db, u, registrationInput(987654, ""));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ActionError);
      expect((e as ActionError).message).toBe("考试计划不存在或未发布");
    }
    const r = await submitRegistration(db, u, registrationInput(dg.id, ""));
    const row = await registrationOf(u.personId!, dg.id);
    expect(row.id).toBe(r.id);
    expect(row.photoFileId).toBe(photo);
    // Again: refused with what the person may know of their registration.
    await expect(submitRegistration(db, u, registrationInput(dg.id, ""))).rejects.toThrow(
      new RegExp(`^您已报名该考试计划（报名号 ${r.registrationNo}，当前状态：待审核），不能重复报名$`),
    );
  });

  it("照片不存在时的答复不变", async () => {
    const u = await personAccount(52);
    try {
      await submitRegistration(db, u, registrationInput(dg.id, "00000000-0000-4000-8000-000000000000"));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ActionError);
      expect((e as ActionError).message).toBe("照片无效，请重新上传");
      expect((e as ActionError).fieldErrors).toEqual({ photoFileId: ["照片无效，请重新上传"] });
    }
    expect(await registrationOf(u.personId!, dg.id)).toBeUndefined();
  });
});

describe("预备语句：每个数据库客户端一份", () => {
  it("应用的 db 每次给出同一个客户端；另一个客户端另备一份，且各自答复正确", async () => {
    expect(db.$client).toBe(db.$client);
    expect(typeof db.$client.unsafe).toBe("function");
    const made: unknown[] = [];
    const byId = perClient((d) => {
      const q = d.select({ name: persons.name }).from(persons).where(eq(persons.id, sql.placeholder("id"))).prepare("test_person_name");
      made.push(q);
      return q;
    });
    const [first] = await db.select({ id: persons.id, name: persons.name }).from(persons).orderBy(persons.id).limit(1);
    expect(await byId(db).execute({ id: first.id })).toEqual([{ name: first.name }]);
    expect(byId(db)).toBe(made[0]);
    const other = createDb(process.env.DATABASE_URL!, { max: 1 });
    try {
      expect(await byId(other.db).execute({ id: first.id })).toEqual([{ name: first.name }]);
      expect(made).toHaveLength(2);
      expect(byId(other.db)).toBe(made[1]);
    } finally {
      await other.client.end();
    }
  });
});
