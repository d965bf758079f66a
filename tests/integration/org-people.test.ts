/**
 * 打印准考证 / 查看考试结果 for enterprises and training institutions, 企业人员信息 and 企业人员获证信息:
 * who sees which people, the expiry tiles, and what the exports hold.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { examPlans, persons, registrations } from "@/db/schema";
import { NO_PERMISSION } from "@/lib/actions";
import { AccessDenied } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { makeChineseId } from "@/lib/identity/chinese-id";
import { getCertificate } from "@/lib/queries/certificates";
import { expiryCounts, listEmployeeCertificates } from "@/lib/queries/employee-certificates";
import { listRegistrations } from "@/lib/queries/registrations";
import { listResults } from "@/lib/queries/results";
import { markPaid } from "@/lib/services/admin/payments";
import { approveRegistrations } from "@/lib/services/admin/review";
import { documentJobFile } from "@/lib/services/batch-documents";
import { startJobs, stopJobs } from "@/lib/jobs";
import { listEmployees } from "@/lib/services/employees";
import { loadTicket } from "@/lib/services/tickets";
import { actAs } from "../support/users";
import { daysFromToday, makeCertificate, makePerson } from "./certificate-fixtures";
import { adminUser, planByCode, seat, setTicketWindow } from "./person-fixtures";

let enterprise: SessionUser, otherEnterprise: SessionUser, trainer: SessionUser;

beforeAll(async () => {
  otherEnterprise = (await actAs("zhuzong"))!;
  trainer = (await actAs("peixun"))!;
  enterprise = (await actAs("chengjian"))!;
});

async function xlsxRows(res: Response) {
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.arrayBuffer()) as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => String(v ?? ""))));
  return rows;
}

function pdfText(pdf: Buffer) {
  const file = path.join(os.tmpdir(), `org-people-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe("企业人员信息", () => {
  it("企业人员信息：只列出本企业人员，证件号码脱敏，可按姓名和证件号码查询", async () => {
    const list = await listEmployees(db, enterprise, { pageSize: 100 });
    expect(list.total).toBeGreaterThan(5);
    const ids = list.rows.map((r) => r.id);
    const employers = await db.select({ org: persons.employerOrgId }).from(persons).where(inArray(persons.id, ids));
    expect(new Set(employers.map((e) => e.org))).toEqual(new Set([enterprise.organizationId]));
    for (const r of list.rows) expect(r.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    const [one] = await db.select({ name: persons.name, idNumber: persons.idNumber }).from(persons).where(eq(persons.id, ids[3]));
    expect((await listEmployees(db, enterprise, { q: one.name })).rows.map((r) => r.id)).toContain(ids[3]);
    expect((await listEmployees(db, enterprise, { q: one.idNumber.slice(0, 14) })).rows.map((r) => r.id)).toContain(ids[3]);
    await expect(listEmployees(db, trainer)).rejects.toBeInstanceOf(AccessDenied);
  });

  it("企业人员信息新增：身份证号校验、带出性别和出生日期、工作单位为本企业；证件号码已登记的不能新增", async () => {
    const { createEmployeeAction } = await import("@/app/(app)/enterprise/employees/actions");
    const values = { idType: "resident" as const, idNumber: makeChineseId("110105", "1991-04-12", 357), name: "新员工甲", phone: "13912345678", email: "", education: "大专" as const, address: "", workStartDate: "2013-07-01" };
    await actAs("chengjian");
    const bad = await createEmployeeAction({ ...values, idNumber: values.idNumber.slice(0, 17) + (values.idNumber[17] === "1" ? "2" : "1") });
    expect(bad.ok).toBe(false);
    expect(bad.ok ? null : bad.fieldErrors?.idNumber?.[0]).toMatch(/校验/);
    const ok = await createEmployeeAction(values);
    expect(ok).toMatchObject({ ok: true, message: "新增人员保存成功" });
    const [p] = await db.select().from(persons).where(eq(persons.idNumber, values.idNumber));
    expect(p).toMatchObject({ name: "新员工甲", gender: "M", birthDate: "1991-04-12", employerOrgId: enterprise.organizationId, employerName: "北京城建建设工程有限公司" });

    // Someone else's employee: refused without saying whose, and their record stays as it was.
    const [theirs] = await db.select().from(persons).where(eq(persons.employerOrgId, otherEnterprise.organizationId!)).limit(1);
    const taken = await createEmployeeAction({ ...values, idNumber: theirs.idNumber, name: "冒名" });
    expect(taken.ok).toBe(false);
    expect(taken.ok ? null : taken.fieldErrors?.idNumber?.[0]).toMatch(/已有人员登记/);
    expect(JSON.stringify(taken)).not.toContain(theirs.name);
    const [after] = await db.select().from(persons).where(eq(persons.id, theirs.id));
    expect(after).toEqual(theirs);

    await actAs("peixun");
    expect(await createEmployeeAction({ ...values, idNumber: makeChineseId("110105", "1992-04-12", 357) })).toEqual({ ok: false, error: NO_PERMISSION });
  });

  it("企业人员信息修改：只能修改本企业人员；审核通过后姓名不能修改", async () => {
    const { updateEmployeeAction } = await import("@/app/(app)/enterprise/employees/actions");
    const mine = await makePerson(db, { employerOrgId: enterprise.organizationId });
    const input = { id: mine.id, name: "改后姓名", phone: "13811112222", email: "a@example.com", education: "本科" as const, address: "北京市西城区", workStartDate: "2011-07-01" };
    await actAs("chengjian");
    expect(await updateEmployeeAction(input)).toMatchObject({ ok: true, message: "修改保存成功" });
    const [p] = await db.select().from(persons).where(eq(persons.id, mine.id));
    expect(p).toMatchObject({ name: "改后姓名", phone: "13811112222", education: "本科", employerOrgId: enterprise.organizationId, idNumber: mine.idNumber });

    const theirs = await makePerson(db, { employerOrgId: otherEnterprise.organizationId });
    const refused = await updateEmployeeAction({ ...input, id: theirs.id });
    expect(refused).toEqual({ ok: false, error: new AccessDenied().message });
    const [still] = await db.select({ name: persons.name }).from(persons).where(eq(persons.id, theirs.id));
    expect(still.name).toBe(theirs.name);

    // A seeded employee registered and approved: the name is on record.
    const sg = (await planByCode("KS2026-SG-04")).id;
    const [reg] = await db
      .select({ id: registrations.id, personId: registrations.personId })
      .from(registrations)
      .innerJoin(persons, eq(persons.id, registrations.personId))
      .where(and(eq(registrations.planId, sg), eq(persons.employerOrgId, enterprise.organizationId!)))
      .limit(1);
    await db.update(registrations).set({ status: "approved" }).where(eq(registrations.id, reg.id));
    const locked = await updateEmployeeAction({ ...input, id: reg.personId, name: "另一个名字" });
    expect(locked.ok).toBe(false);
    expect(locked.ok ? null : locked.fieldErrors?.name?.[0]).toMatch(/姓名已通过报名审核/);
  });

  it("企业人员信息导出：本企业全部人员，证件号码脱敏，不含其他企业人员", async () => {
    const { GET } = await import("@/app/(app)/enterprise/employees/export/route");
    await actAs("chengjian");
    const rows = await xlsxRows(await GET(new Request("http://localhost/enterprise/employees/export")));
    expect(rows[0]).toEqual(["序号", "姓名", "性别", "证件类型", "证件号码", "出生日期", "学历", "参加工作时间"]);
    const list = await listEmployees(db, enterprise, { pageSize: 1000 });
    expect(rows.length - 1).toBe(list.total);
    expect(rows.slice(1).map((r) => r[1]).sort()).toEqual(list.rows.map((r) => r.name).sort());
    for (const r of rows.slice(1)) expect(r[4]).toContain("********");
    await actAs("zhuzong");
    const theirs = await xlsxRows(await GET(new Request("http://localhost/enterprise/employees/export")));
    const mineIds = new Set(list.rows.map((r) => r.idNumber + r.name));
    expect(theirs.slice(1).filter((r) => mineIds.has(r[4] + r[1]))).toEqual([]);
    await actAs("peixun");
    expect((await GET(new Request("http://localhost/enterprise/employees/export"))).status).toBe(403);
  });
});

describe("企业人员获证信息", () => {
  it("企业人员获证信息：种子数据中有一本 90 天内到期的本企业人员证书", async () => {
    const list = await listEmployeeCertificates(db, enterprise, { expiry: "90" });
    expect(list.rows.map((r) => r.tradeName)).toContain("建筑架子工");
  });

  it("企业人员获证信息：已过期、90/60/30 天内到期的统计数与筛选一致，只含本企业人员的证书", async () => {
    const before = await expiryCounts(db, enterprise);
    const p = await makePerson(db, { employerOrgId: enterprise.organizationId, name: "获证统计甲" });
    const certs = await Promise.all([-5, 10, 45, 80, 200].map((d, i) => makeCertificate(db, { personId: p.id, validUntil: daysFromToday(d), tradeCode: ["GL01", "GL02", "GL03", "GL05", "GL06"][i] })));
    const revoked = await makeCertificate(db, { personId: p.id, validUntil: daysFromToday(20), tradeCode: "GL07", status: "revoked" });
    const stranger = await makePerson(db, { employerOrgId: otherEnterprise.organizationId, name: "获证统计乙" });
    const theirs = await makeCertificate(db, { personId: stranger.id, validUntil: daysFromToday(10) });

    const after = await expiryCounts(db, enterprise);
    expect({ expired: after.expired - before.expired, "90": after["90"] - before["90"], "60": after["60"] - before["60"], "30": after["30"] - before["30"] }).toEqual({
      expired: 1,
      "90": 3,
      "60": 2,
      "30": 1,
    });
    for (const f of ["expired", "90", "60", "30"] as const) {
      expect((await listEmployeeCertificates(db, enterprise, { expiry: f, pageSize: 1 })).total).toBe(after[f]);
    }
    const within30 = await listEmployeeCertificates(db, enterprise, { expiry: "30", q: "获证统计" });
    expect(within30.rows.map((r) => r.id)).toEqual([certs[1].id]);
    const all = await listEmployeeCertificates(db, enterprise, { q: "获证统计" });
    expect(all.rows.map((r) => r.id).sort()).toEqual([...certs.map((c) => c.id), revoked.id].sort());
    expect(all.rows[0].idNumber).toContain("********");

    expect(await getCertificate(db, enterprise, theirs.id)).toBeNull();
    expect((await getCertificate(db, enterprise, certs[2].id))?.holderName).toBe("获证统计甲");
    await expect(expiryCounts(db, trainer)).rejects.toBeInstanceOf(AccessDenied);
  });

  it("企业人员获证信息导出：按筛选条件导出证书，状态与页面一致", async () => {
    const { GET } = await import("@/app/(app)/enterprise/certificates/export/route");
    const p = await makePerson(db, { employerOrgId: enterprise.organizationId, name: "导出证书丙" });
    const c = await makeCertificate(db, { personId: p.id, validUntil: daysFromToday(50), tradeCode: "GL08" });
    await actAs("chengjian");
    const rows = await xlsxRows(await GET(new Request("http://localhost/enterprise/certificates/export?expiry=60")));
    expect(rows[0]).toEqual(["序号", "岗位工种", "证书编号", "持证人", "证件号码", "发证日期", "有效期至", "状态"]);
    const mine = rows.find((r) => r[2] === c.certificateNo)!;
    expect(mine).toEqual(["" + mine[0], "劳务员", c.certificateNo, "导出证书丙", expect.stringContaining("********"), expect.any(String), daysFromToday(50), "即将到期"]);
    expect(rows.length - 1).toBe((await expiryCounts(db, enterprise))["60"]);
    await actAs("zhangsan");
    expect((await GET(new Request("http://localhost/enterprise/certificates/export"))).status).toBe(403);
  });
});

describe("企业和培训机构：打印准考证、查看考试结果", () => {
  let sg: number;
  beforeAll(async () => {
    // Every pending registration of the seeded 施工员 plan is approved, paid and seated.
    sg = (await planByCode("KS2026-SG-04")).id;
    const admin = await adminUser();
    const ids = (await db.select({ id: registrations.id }).from(registrations).where(and(eq(registrations.planId, sg), eq(registrations.status, "submitted")))).map((r) => r.id);
    await approveRegistrations(db, admin, ids, null);
    await markPaid(db, admin, ids.slice(1), "TEST-REF", null);
    await seat(ids[0]);
    await setTicketWindow(sg, -1, 5);
    await startJobs({ pollingIntervalSeconds: 0.5 });
  });
  afterAll(() => stopJobs());

  async function seatedOf(user: SessionUser) {
    const r = await listRegistrations(db, user, { planId: sg, statuses: ["seated"], pageSize: 100 });
    return r.rows;
  }

  it("打印准考证：企业只看到本企业人员和本企业报名的考生，培训机构只看到本机构报名的考生", async () => {
    const all = await db
      .select({ id: registrations.id, kind: registrations.submitterKind, submitter: registrations.submitterOrgId, employer: persons.employerOrgId })
      .from(registrations)
      .innerJoin(persons, eq(persons.id, registrations.personId))
      .where(and(eq(registrations.planId, sg), eq(registrations.status, "seated")));
    const forEnterprise = all.filter((r) => r.submitter === enterprise.organizationId || r.employer === enterprise.organizationId).map((r) => r.id);
    const forTrainer = all.filter((r) => r.kind === "trainer" && r.submitter === trainer.organizationId).map((r) => r.id);
    expect(forEnterprise.length).toBeGreaterThan(0);
    expect(forTrainer.length).toBeGreaterThan(0);
    expect((await seatedOf(enterprise)).map((r) => r.id).sort()).toEqual(forEnterprise.sort());
    expect((await seatedOf(trainer)).map((r) => r.id).sort()).toEqual(forTrainer.sort());
    for (const r of await seatedOf(trainer)) expect(r.idNumber).toContain("*");

    const notTrainers = all.find((r) => !forTrainer.includes(r.id))!;
    expect(await loadTicket(db, trainer, notTrainers.id)).toEqual({ ok: false, notFound: true });
    expect((await loadTicket(db, trainer, forTrainer[0])).ok).toBe(true);
    const notEnterprises = all.find((r) => !forEnterprise.includes(r.id))!;
    expect(await loadTicket(db, enterprise, notEnterprises.id)).toEqual({ ok: false, notFound: true });
  });

  it("下载全部准考证：培训机构生成本机构报名考生的准考证 PDF，含考生姓名；其他单位和个人不能查看或下载", async () => {
    const { bulkTicketsStatusAction, startBulkTicketsAction } = await import("@/app/(app)/_shared/bulk-ticket-actions");
    await actAs("zhangsan");
    expect(await startBulkTicketsAction({ planId: sg })).toEqual({ ok: false, error: NO_PERMISSION });
    await actAs("zhuzong");
    const none = await startBulkTicketsAction({ planId: (await planByCode("KS2026-DG-04")).id });
    expect(none).toMatchObject({ ok: false, error: expect.stringContaining("暂无准考证可下载") });

    await actAs("peixun");
    const started = await startBulkTicketsAction({ planId: sg });
    expect(started.ok).toBe(true);
    const jobId = started.ok ? started.data.jobId : 0;
    let status = await bulkTicketsStatusAction({ jobId });
    for (const t0 = Date.now(); status.ok && !["done", "failed"].includes(status.data.status) && Date.now() - t0 < 60_000; ) {
      await new Promise((r) => setTimeout(r, 300));
      status = await bulkTicketsStatusAction({ jobId });
    }
    const mine = await seatedOf(trainer);
    expect(status).toMatchObject({ ok: true, data: { status: "done", done: mine.length, ready: true } });
    const file = await documentJobFile(db, trainer, jobId);
    const text = pdfText(file!.data);
    for (const r of mine) expect(text).toContain(r.personName);
    const others = (await seatedOf(enterprise)).filter((r) => !mine.some((m) => m.id === r.id));
    expect(others.length).toBeGreaterThan(0);
    for (const r of others) expect(text).not.toContain(`${r.ticketNo}`);

    await actAs("zhuzong");
    expect(await bulkTicketsStatusAction({ jobId })).toEqual({ ok: false, error: new AccessDenied().message });
    const { GET } = await import("@/app/api/document-jobs/[id]/route");
    const res = await GET(new Request(`http://localhost/api/document-jobs/${jobId}`), { params: Promise.resolve({ id: String(jobId) }) });
    expect(res.status).toBe(404);
    await actAs("peixun");
    const own = await GET(new Request(`http://localhost/api/document-jobs/${jobId}`), { params: Promise.resolve({ id: String(jobId) }) });
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toBe("application/pdf");
  });

  it("查看考试结果：培训机构只看到本机构报名考生的成绩，导出名单只含本机构的合格考生", async () => {
    await db.execute(sql`update registrations set score = 80, passed = true, result_recorded_at = now() where plan_id = ${sg} and status = 'seated'`);
    await db.update(examPlans).set({ status: "results_published" }).where(eq(examPlans.id, sg));
    const mine = await seatedOf(trainer);
    const results = await listResults(db, trainer, { planId: sg, pageSize: 100 });
    expect(results.rows.map((r) => r.id).sort()).toEqual(mine.map((r) => r.id).sort());
    const { GET } = await import("@/app/api/results/export/route");
    await actAs("peixun");
    const rows = await xlsxRows(await GET(new Request(`http://localhost/api/results/export?planId=${sg}`)));
    expect(rows.slice(1).map((r) => r[5]).sort()).toEqual(mine.map((r) => r.personName).sort());
    const enterpriseResults = await listResults(db, enterprise, { planId: sg, pageSize: 100 });
    expect(enterpriseResults.rows.map((r) => r.id).sort()).toEqual((await seatedOf(enterprise)).map((r) => r.id).sort());
  });
});
