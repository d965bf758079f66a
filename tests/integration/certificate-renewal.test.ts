import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLogs, certificateApplications, certificates, notifications } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/roles";
import { applyForRenewal, searchRenewableCertificates } from "@/lib/services/certificate-applications/renewal";
import { approveApplications, approveBatch, listApplications, rejectApplications } from "@/lib/services/certificate-applications/review";
import { addYears } from "@/lib/time";
import { actAs } from "../support/users";
import { daysFromToday, makeCertificate, makePerson, makeTrainerRegistration } from "./certificate-fixtures";

let person: SessionUser, enterprise: SessionUser, otherEnterprise: SessionUser, trainer: SessionUser, admin: SessionUser;

beforeAll(async () => {
  person = (await actAs("zhangsan"))!;
  enterprise = (await actAs("chengjian"))!;
  otherEnterprise = (await actAs("zhuzong"))!;
  trainer = (await actAs("peixun"))!;
  admin = (await actAs("admin"))!;
});

const BATCH_NO = /^XQ\d{8}\d{6}$/;

describe("申请证书续期", () => {
  it("申请证书续期：勾选多本证书，申请成功，申请批号为 XQ…", async () => {
    const a = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(30) });
    const b = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(100), tradeCode: "GL02" });
    const r = await applyForRenewal(db, person, [a.id, b.id]);
    expect(r.batchNo).toMatch(BATCH_NO);
    expect(r.refused).toEqual([]);
    expect(r.applied.map((x) => x.certificateId).sort()).toEqual([a.id, b.id].sort());
    const apps = await db.select().from(certificateApplications).where(eq(certificateApplications.certificateId, a.id));
    expect(apps).toHaveLength(1);
    expect(apps[0]).toMatchObject({ kind: "renewal", status: "applied", personId: person.personId });
  });

  it("申请证书续期：未到续期时间的证书不能续期，其余证书照常申请", async () => {
    const early = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(400) });
    const due = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(10) });
    const r = await applyForRenewal(db, person, [early.id, due.id]);
    expect(r.batchNo).toMatch(BATCH_NO);
    expect(r.applied.map((x) => x.certificateId)).toEqual([due.id]);
    expect(r.refused).toHaveLength(1);
    expect(r.refused[0].certificateId).toBe(early.id);
    expect(r.refused[0].reason).toContain("未到续期时间");
  });

  it("申请证书续期：过期后宽限期内可以续期，超过宽限期不能续期", async () => {
    const inGrace = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(-30) });
    const late = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(-91) });
    const r = await applyForRenewal(db, person, [inGrace.id, late.id]);
    expect(r.applied.map((x) => x.certificateId)).toEqual([inGrace.id]);
    expect(r.refused[0]).toMatchObject({ certificateId: late.id });
    expect(r.refused[0].reason).toContain("宽限期");
  });

  it("申请证书续期：续期时间和宽限期按岗位工种设置", async () => {
    await db.execute(sql`update trades set renewal_window_months = 1, renewal_grace_days = 0 where code = 'GL03'`);
    const twoMonths = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(62), tradeCode: "GL03" });
    const yesterday = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(-1), tradeCode: "GL03" });
    const r = await applyForRenewal(db, person, [twoMonths.id, yesterday.id]);
    expect(r.batchNo).toBeNull();
    expect(r.refused.map((x) => x.reason)).toEqual([expect.stringContaining("未到续期时间"), expect.stringContaining("宽限期")]);
    await db.execute(sql`update trades set renewal_window_months = 6, renewal_grace_days = 90 where code = 'GL03'`);
  });

  it("申请证书续期：已注销的证书不能续期", async () => {
    const c = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(20), status: "revoked" });
    const r = await applyForRenewal(db, person, [c.id]);
    expect(r).toEqual({ batchNo: null, applied: [], refused: [{ certificateId: c.id, certificateNo: c.certificateNo, reason: "证书已注销，不能续期" }] });
  });

  it("申请证书续期：已变更的旧版本证书不能续期", async () => {
    const c = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(20) });
    await db.execute(sql`update certificates set status = 'superseded' where id = ${c.id}`);
    const r = await applyForRenewal(db, person, [c.id]);
    expect(r.refused[0].reason).toContain("证书已变更");
  });

  it("申请证书续期：已有待审核的续期申请，不能重复申请", async () => {
    const c = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(20) });
    const first = await applyForRenewal(db, person, [c.id]);
    const again = await applyForRenewal(db, person, [c.id]);
    expect(again.batchNo).toBeNull();
    expect(again.refused[0].reason).toContain(`申请批号 ${first.batchNo}`);
  });

  it("申请证书续期：别人的证书按不存在处理（从业人员、企业、培训机构）", async () => {
    const stranger = await makePerson(db);
    const c = await makeCertificate(db, { personId: stranger.id, validUntil: daysFromToday(20) });
    for (const u of [person, enterprise, trainer]) {
      const r = await applyForRenewal(db, u, [c.id]);
      expect(r).toEqual({ batchNo: null, applied: [], refused: [{ certificateId: c.id, reason: "证书不存在" }] });
      expect((await searchRenewableCertificates(db, u, { name: stranger.name })).total).toBe(0);
    }
    await expect(applyForRenewal(db, admin, [c.id])).rejects.toThrow("注册中心不能代为申请");
  });

  it("企业申请证书续期：只能为本单位职工申请，一次申请多本", async () => {
    const orgId = enterprise.organizationId!;
    const staff = await Promise.all([1, 2, 3].map(() => makePerson(db, { employerOrgId: orgId })));
    const certs = await Promise.all(staff.map((p) => makeCertificate(db, { personId: p.id, validUntil: daysFromToday(45) })));
    const found = await searchRenewableCertificates(db, enterprise, { expiringWithinDays: 60, pageSize: 100 });
    for (const c of certs) expect(found.rows.find((r) => r.id === c.id)?.refusal).toBeNull();
    expect(found.rows[0].maskedId).toContain("*");
    const r = await applyForRenewal(db, enterprise, certs.map((c) => c.id));
    expect(r.applied).toHaveLength(3);
    const other = await applyForRenewal(db, otherEnterprise, [certs[0].id]);
    expect(other.refused[0].reason).toBe("证书不存在");
  });

  it("培训机构申请证书续期：只能为本机构报名取得的证书申请", async () => {
    const mine = await makePerson(db);
    const reg = await makeTrainerRegistration(db, mine.id, trainer.organizationId!);
    const fromMine = await makeCertificate(db, { personId: mine.id, validUntil: daysFromToday(20), registrationId: reg });
    // The same person's other certificate came from an exam the institution did not submit.
    const notMine = await makeCertificate(db, { personId: mine.id, validUntil: daysFromToday(20), tradeCode: "GL02" });
    const r = await applyForRenewal(db, trainer, [fromMine.id, notMine.id]);
    expect(r.applied.map((a) => a.certificateId)).toEqual([fromMine.id]);
    expect(r.refused).toEqual([{ certificateId: notMine.id, reason: "证书不存在" }]);
  });

  it("证书续期查询：按姓名、证件号码、岗位工种、到期天数查询，分页", async () => {
    const p = await makePerson(db, { employerOrgId: enterprise.organizationId, name: "续期查询甲" });
    await makeCertificate(db, { personId: p.id, validUntil: daysFromToday(15) });
    await makeCertificate(db, { personId: p.id, validUntil: daysFromToday(500), tradeCode: "GL02" });
    expect((await searchRenewableCertificates(db, enterprise, { name: "续期查询" })).total).toBe(2);
    expect((await searchRenewableCertificates(db, enterprise, { idNumber: p.idNumber.slice(0, 12), name: "续期查询甲" })).total).toBe(2);
    expect((await searchRenewableCertificates(db, enterprise, { name: "续期查询", expiringWithinDays: 30 })).total).toBe(1);
    const page = await searchRenewableCertificates(db, enterprise, { name: "续期查询", pageSize: 1, page: 2 });
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0].refusal).toContain("未到续期时间");
  });
});

describe("证书业务审核：续期", () => {
  it("续期审核通过：有效期从原到期日顺延岗位工种的有效年限，生成新版本，旧版本作废", async () => {
    const p = await makePerson(db, { employerOrgId: enterprise.organizationId });
    const c = await makeCertificate(db, { personId: p.id, validUntil: daysFromToday(20) });
    const sub = await applyForRenewal(db, enterprise, [c.id]);
    const [app] = await db.select().from(certificateApplications).where(eq(certificateApplications.certificateId, c.id));
    const r = await approveApplications(db, admin, [app.id], { ip: "127.0.0.1" });
    expect(r.skipped).toEqual([]);
    const [old] = await db.select().from(certificates).where(eq(certificates.id, c.id));
    const [next] = await db.select().from(certificates).where(eq(certificates.previousId, c.id));
    expect(old.status).toBe("superseded");
    expect(next).toMatchObject({ certificateNo: c.certificateNo, version: 2, status: "valid", validUntil: addYears(daysFromToday(20), 3) });
    const [after] = await db.select().from(certificateApplications).where(eq(certificateApplications.id, app.id));
    expect(after).toMatchObject({ status: "approved", resultCertificateId: next.id, reviewedByUserId: admin.id });
    const toPerson = await db.select().from(notifications).where(and(eq(notifications.personId, p.id), eq(notifications.kind, "application")));
    const toOrg = await db.select().from(notifications).where(and(eq(notifications.organizationId, enterprise.organizationId!), sql`${notifications.body} like ${`%${sub.batchNo}%`}`));
    expect(toPerson).toHaveLength(1);
    expect(toOrg).toHaveLength(1);
    // Both messages open the renewed certificate, as a change's or a 进京's do.
    expect([toPerson[0].link, toOrg[0].link]).toEqual([`/api/certificates/${next.id}/open`, `/api/certificates/${next.id}/open`]);
    const [log] = await db.select().from(auditLogs).where(and(eq(auditLogs.action, "certificate_application.approved"), eq(auditLogs.entityId, String(app.id))));
    expect(log.before).toMatchObject({ status: "applied", validUntil: daysFromToday(20), version: 1 });
    expect(log.after).toMatchObject({ status: "approved", certificateId: next.id, version: 2 });
  });

  it("续期审核通过两次：第二次不再生成新证书", async () => {
    const c = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(5) });
    await applyForRenewal(db, person, [c.id]);
    const [app] = await db.select().from(certificateApplications).where(eq(certificateApplications.certificateId, c.id));
    await approveApplications(db, admin, [app.id]);
    const again = await approveApplications(db, admin, [app.id]);
    expect(again.approved).toEqual([]);
    expect(again.skipped[0].reason).toContain("已审核");
    const versions = await db.select().from(certificates).where(eq(certificates.certificateNo, c.certificateNo));
    expect(versions).toHaveLength(2);
  });

  it("按申请批号整批审核通过；申请后被注销的证书留待审核不通过", async () => {
    const people = await Promise.all([1, 2, 3].map(() => makePerson(db, { employerOrgId: enterprise.organizationId })));
    const certs = await Promise.all(people.map((p) => makeCertificate(db, { personId: p.id, validUntil: daysFromToday(60) })));
    const sub = await applyForRenewal(db, enterprise, certs.map((c) => c.id));
    await db.execute(sql`update certificates set status = 'revoked', revoked_at = now(), revoke_reason_class = 'violation' where id = ${certs[2].id}`);
    const listed = await listApplications(db, admin, { batchNo: sub.batchNo!, kind: "renewal" });
    expect(listed.total).toBe(3);
    const r = await approveBatch(db, admin, sub.batchNo!);
    expect(r.approved).toHaveLength(2);
    expect(r.skipped).toHaveLength(1);
    expect(r.skipped[0].reason).toContain("证书已注销");
    const open = await listApplications(db, admin, { batchNo: sub.batchNo!, status: "applied" });
    expect(open.total).toBe(1);
    await expect(rejectApplications(db, admin, [open.rows[0].id], "  ")).rejects.toThrow("请填写审核不通过的原因");
    const rej = await rejectApplications(db, admin, [open.rows[0].id], "证书已吊销");
    expect(rej.rejected).toEqual([open.rows[0].id]);
    const msg = await db.select().from(notifications).where(and(eq(notifications.personId, people[2].id), eq(notifications.kind, "rejected")));
    expect(msg[0].body).toContain("证书已吊销");
  });

  it("证书业务审核队列：按业务类型、状态、岗位工种、提交单位、提交方筛选，分页", async () => {
    const p = await makePerson(db, { employerOrgId: otherEnterprise.organizationId });
    const c = await makeCertificate(db, { personId: p.id, validUntil: daysFromToday(12), tradeCode: "GL08" });
    const sub = await applyForRenewal(db, otherEnterprise, [c.id]);
    const [trade] = (await db.execute(sql`select id from trades where code = 'GL08'`)) as unknown as { id: number }[];
    const byTrade = await listApplications(db, admin, { tradeId: trade.id, status: "applied" });
    expect(byTrade.rows.map((r) => r.batchNo)).toEqual([sub.batchNo]);
    const byOrg = await listApplications(db, admin, { orgId: otherEnterprise.organizationId!, kind: "renewal", submitterKind: "enterprise" });
    expect(byOrg.rows.some((r) => r.batchNo === sub.batchNo)).toBe(true);
    expect(byOrg.rows.every((r) => r.submitterName === otherEnterprise.displayName)).toBe(true);
    expect((await listApplications(db, admin, { tradeId: trade.id, submitterKind: "person" })).total).toBe(0);
    expect((await listApplications(db, admin, { tradeId: trade.id, kind: "change" })).total).toBe(0);
    const all = await listApplications(db, admin, { pageSize: 2 });
    expect(all.rows).toHaveLength(2);
    expect(all.total).toBeGreaterThan(2);
    expect(all.rows[0]).toMatchObject({ kindLabel: "证书续期", statusLabel: expect.any(String) });
    expect(all.rows[0].maskedId).toContain("*");
  });

  it("证书业务审核：只有注册中心可以审核；企业只看到本单位的申请", async () => {
    const c = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(7) });
    await applyForRenewal(db, person, [c.id]);
    const [app] = await db.select().from(certificateApplications).where(eq(certificateApplications.certificateId, c.id));
    for (const u of [person, enterprise, trainer]) {
      await expect(approveApplications(db, u, [app.id])).rejects.toThrow("无权执行此操作");
      await expect(rejectApplications(db, u, [app.id], "不行")).rejects.toThrow("无权执行此操作");
    }
    const mine = await listApplications(db, person, { kind: "renewal", pageSize: 200 });
    expect(mine.rows.some((r) => r.id === app.id)).toBe(true);
    const theirs = await listApplications(db, otherEnterprise, { kind: "renewal", pageSize: 200 });
    expect(theirs.rows.some((r) => r.id === app.id)).toBe(false);
    const t = await listApplications(db, trainer, { pageSize: 200 });
    expect(t.rows.some((r) => r.id === app.id)).toBe(false);
  });
});
