import ExcelJS from "exceljs";
import sharp from "sharp";
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLogs, examPlans, importBatches, notifications, organizations, persons, registrations } from "@/db/schema";
import { NO_PERMISSION } from "@/lib/actions";
import { getRegistration, listRegistrations } from "@/lib/queries/registrations";
import { uploadPhoto } from "@/lib/services/photos";
import { markPaid } from "@/lib/services/admin/payments";
import { approveRegistrations, rejectRegistrations } from "@/lib/services/admin/review";
import { importPaymentsAction } from "@/app/(app)/admin/payments/actions";
import { approveAction, markPaidAction, rejectAction } from "@/app/(app)/admin/registrations/actions";
import { actAs } from "../support/users";
import { makeCandidates, makePlan } from "./admin-fixtures";

beforeAll(() => {
  process.env.FILE_STORAGE_DIR ??= `${process.cwd()}/.tmp/admin-test-files`;
});

async function xlsx(header: string[], rows: unknown[][], name = "对账单.xlsx") {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sheet1");
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return new File([buf], name, { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
}

async function statusOf(ids: number[]) {
  const rows = await db.select({ id: registrations.id, status: registrations.status }).from(registrations).where(inArray(registrations.id, ids));
  return Object.fromEntries(rows.map((r) => [r.id, r.status]));
}

async function seededPending() {
  const rows = await db.execute(sql`
    select r.id, r.person_id as "personId", r.submitter_org_id as "orgId" from registrations r
    join exam_plans ep on ep.id = r.plan_id where ep.code = 'KS2026-SG-04' and r.status = 'submitted' order by r.id`);
  return rows as unknown as { id: number; personId: number; orgId: number }[];
}

describe("报名审核", () => {
  it("审核队列：默认待审核，可按计划、机构、提交方、姓名、证件号码筛选", async () => {
    const pending = await seededPending();
    const admin = (await actAs("admin"))!;
    const all = await listRegistrations(db, admin, { statuses: ["submitted"], order: "oldest", pageSize: 20 });
    expect(all.total).toBeGreaterThanOrEqual(12);
    const byKind = await listRegistrations(db, admin, { statuses: ["submitted"], submitterKind: "trainer", order: "oldest", pageSize: 20 });
    expect(byKind.total).toBe(4);
    const first = all.rows.find((r) => r.id === pending[0].id)!;
    const byName = await listRegistrations(db, admin, { name: first.personName.slice(0, 1), order: "oldest", pageSize: 20 });
    expect(byName.rows.some((r) => r.id === first.id)).toBe(true);
    const contains = await listRegistrations(db, admin, { name: first.personName.slice(1), nameMode: "contains", order: "oldest", pageSize: 20 });
    expect(contains.rows.some((r) => r.id === first.id)).toBe(true);
    const byId = await listRegistrations(db, admin, { idNumber: first.idNumber, order: "oldest", pageSize: 20 });
    expect(byId.rows.map((r) => r.id)).toEqual([first.id]);
    const byPrefix = await listRegistrations(db, admin, { idNumber: first.idNumber.slice(0, 10), order: "oldest", pageSize: 20 });
    expect(byPrefix.rows.some((r) => r.id === first.id)).toBe(true);
    const byOrg = await listRegistrations(db, admin, { orgId: pending[0].orgId, order: "oldest", pageSize: 20 });
    expect(byOrg.rows.every((r) => r.submitterName !== null)).toBe(true);
    expect(byOrg.total).toBeGreaterThan(0);
    // The centre reads through the same scoped query as everyone: typed rows, times as Date, full ID numbers.
    expect(first.submittedAt).toBeInstanceOf(Date);
    expect(first.idNumber).not.toContain("*");
    const detail = await getRegistration(db, admin, first.id);
    expect(detail?.submittedAt).toBeInstanceOf(Date);
    expect(detail?.registrationNo).toBe(first.registrationNo);
    const person = (await actAs("zhangsan"))!;
    expect(await getRegistration(db, person, first.id)).toBeNull();
  });

  it("勾选多条审核通过：发送缴费通知给本人和提交的单位，并写入操作日志", async () => {
    const admin = await actAs("admin");
    const pending = (await seededPending()).slice(0, 3);
    const r = await approveAction({ ids: pending.map((p) => p.id) });
    expect(r).toMatchObject({ ok: true, data: { count: 3 } });
    expect(Object.values(await statusOf(pending.map((p) => p.id)))).toEqual(["approved", "approved", "approved"]);
    for (const p of pending) {
      const toPerson = await db.select().from(notifications).where(and(eq(notifications.personId, p.personId), eq(notifications.kind, "payment_notice")));
      expect(toPerson).toHaveLength(1);
      expect(toPerson[0].body).toContain("180.00 元");
      // The message opens the registration it is about.
      expect(toPerson[0].link).toBe(`/api/registrations/${p.id}/open`);
      const toOrg = await db.select().from(notifications).where(and(eq(notifications.organizationId, p.orgId), eq(notifications.kind, "payment_notice")));
      expect(toOrg.length).toBeGreaterThan(0);
      expect(toOrg.map((m) => m.link)).toContain(`/api/registrations/${p.id}/open`);
    }
    const logs = await db.select().from(auditLogs).where(and(eq(auditLogs.action, "registration.approved"), eq(auditLogs.actorUserId, admin!.id)));
    expect(logs.length).toBeGreaterThanOrEqual(3);
    expect(logs[0].before).toEqual({ status: "submitted" });
  });

  it("没有照片的报名：审核列表标出“无照片”，详细页不拿本人后来的照片充数，批量审核通过后提示条数", async () => {
    const admin = await actAs("admin");
    const plan = await makePlan(db, { status: "published" });
    const [withPhoto, bare1, bare2] = await makeCandidates(db, plan.id, 3);
    const upload = await uploadPhoto(db, admin!, { data: await sharp({ create: { width: 300, height: 420, channels: 3, background: "#dbe7f5" } }).jpeg().toBuffer(), declaredType: "image/jpeg", originalName: "p.jpg" });
    if (!upload.ok) throw new Error(upload.error);
    await db.update(registrations).set({ photoFileId: upload.fileId }).where(eq(registrations.id, withPhoto.id));
    // The person has a photo on record (from elsewhere); the registration itself has none.
    await db.update(persons).set({ photoFileId: upload.fileId }).where(eq(persons.id, bare1.personId));

    const queue = await listRegistrations(db, admin!, { planId: plan.id, order: "oldest", pageSize: 20 });
    expect(Object.fromEntries(queue.rows.map((r) => [r.id, r.noPhoto]))).toEqual({ [withPhoto.id]: false, [bare1.id]: true, [bare2.id]: true });
    expect((await getRegistration(db, admin!, bare1.id))?.photoFileId).toBeNull();

    const r = await approveAction({ ids: [withPhoto.id, bare1.id, bare2.id] });
    expect(r).toMatchObject({ ok: true, data: { count: 3, withoutPhoto: 2 } });
    if (r.ok) expect(r.message).toContain("其中 2 条没有一寸照片");
    const one = await approveRegistrations(db, admin!, [(await makeCandidates(db, plan.id, 1))[0].id], null);
    expect(one).toEqual({ approved: 1, withoutPhoto: 1 });
  });

  it("审核不通过须填写原因，原因通知报名人", async () => {
    await actAs("admin");
    const [p] = (await seededPending()).slice(-1);
    const noReason = await rejectAction({ ids: [p.id], reason: " " });
    expect(noReason).toMatchObject({ ok: false, fieldErrors: { reason: ["请填写不通过的原因"] } });
    const r = await rejectAction({ ids: [p.id], reason: "照片不是近期免冠照片" });
    expect(r.ok).toBe(true);
    const [row] = await db.select().from(registrations).where(eq(registrations.id, p.id));
    expect([row.status, row.rejectReason]).toEqual(["rejected", "照片不是近期免冠照片"]);
    const [msg] = await db.select().from(notifications).where(and(eq(notifications.personId, p.personId), eq(notifications.kind, "rejected")));
    expect(msg.body).toContain("照片不是近期免冠照片");
    expect(msg.link).toBe(`/api/registrations/${p.id}/open`);
  });

  it("退回通知：原因以句号结尾时不会出现两个句号", async () => {
    await actAs("admin");
    const [p] = (await seededPending()).slice(-2, -1);
    expect((await rejectAction({ ids: [p.id], reason: "照片不是近期免冠照片。" })).ok).toBe(true);
    const [msg] = await db.select().from(notifications).where(and(eq(notifications.personId, p.personId), eq(notifications.kind, "rejected")));
    expect(msg.body).toContain("原因：照片不是近期免冠照片。请修改后重新提交。");
    expect(msg.body).not.toContain("。。");
  });

  it("只有待审核的报名可以审核：已撤回、已通过的被拒绝，整批不做任何修改", async () => {
    await actAs("admin");
    const plan = await makePlan(db, { status: "published" });
    const [a, b] = await makeCandidates(db, plan.id, 2);
    await db.update(registrations).set({ status: "withdrawn" }).where(eq(registrations.id, b.id));
    const r = await approveAction({ ids: [a.id, b.id] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain("报名状态为“已撤回”，不能审核通过");
    expect(await statusOf([a.id, b.id])).toEqual({ [a.id]: "submitted", [b.id]: "withdrawn" });
    expect((await approveAction({ ids: [a.id] })).ok).toBe(true);
    const twice = await rejectAction({ ids: [a.id], reason: "重复审核" });
    expect(twice.ok).toBe(false);
  });

  it("草稿或已归档计划的报名不能审核", async () => {
    await actAs("admin");
    const plan = await makePlan(db, { status: "published" });
    const [a] = await makeCandidates(db, plan.id, 1);
    await db.update(examPlans).set({ status: "archived" }).where(eq(examPlans.id, plan.id));
    const r = await approveAction({ ids: [a.id] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain("已归档");
  });
});

describe("缴费", () => {
  it("逐条或批量登记缴费，只有审核通过（待缴费）的可以", async () => {
    await actAs("admin");
    const plan = await makePlan(db, { status: "published", feeCents: 15000 });
    const regs = await makeCandidates(db, plan.id, 4, { status: "approved" });
    const [sub] = await makeCandidates(db, plan.id, 1);
    expect((await markPaidAction({ ids: [regs[0].id] })).ok).toBe(true);
    expect((await markPaidAction({ ids: regs.slice(1).map((r) => r.id), paymentRef: "POS-001" })).ok).toBe(true);
    const rows = await db.select().from(registrations).where(inArray(registrations.id, regs.map((r) => r.id)));
    expect(rows.every((r) => r.status === "paid" && r.paidAmountCents === 15000 && r.paidAt)).toBe(true);
    const unreviewed = await markPaidAction({ ids: [sub.id] });
    expect(unreviewed.ok).toBe(false);
    if (!unreviewed.ok) expect(unreviewed.error).toContain("报名状态为“待审核”，不能登记缴费");
  });

  it("已缴费是最终状态：不能重复缴费、不能再审核，也没有人能删除", async () => {
    const admin = await actAs("admin");
    const plan = await makePlan(db, { status: "published" });
    const [r] = await makeCandidates(db, plan.id, 1, { status: "paid" });
    await expect(markPaid(db, admin!, [r.id], "", null)).rejects.toThrow("报名状态为“已缴费”，不能登记缴费");
    await expect(rejectRegistrations(db, admin!, [r.id], "撤销缴费", null)).rejects.toThrow("不能审核不通过");
    await expect(approveRegistrations(db, admin!, [r.id], null)).rejects.toThrow("不能审核通过");
    // Nothing in exam affairs deletes registrations; the database refuses to delete one that a certificate or
    // seat depends on, and the registration centre's services have no delete at all.
    const services = await import("@/lib/services/admin/review");
    const payments = await import("@/lib/services/admin/payments");
    const names = [...Object.keys(services), ...Object.keys(payments)];
    expect(names.some((n) => /delete|remove|unpay|refund/i.test(n))).toBe(false);
    const [row] = await db.select().from(registrations).where(eq(registrations.id, r.id));
    expect(row.status).toBe("paid");
  });

  it("导入银行对账单：匹配的登记缴费，未匹配的逐行报告第 N 行 X 列，不会只登记半行", async () => {
    await actAs("admin");
    const plan = await makePlan(db, { status: "closed", feeCents: 18000 });
    const regs = await makeCandidates(db, plan.id, 5, { status: "approved" });
    const [paid] = await makeCandidates(db, plan.id, 1, { status: "paid" });
    const ids = await db.execute(sql`
      select r.id, r.registration_no as no, p.id_number as "idNumber" from registrations r join persons p on p.id = r.person_id
      where r.id = any(${sql.param([...regs.map((r) => r.id), paid.id])}::int[]) order by r.id`);
    const [r1, r2, r3, r4, r5, r6] = ids as unknown as { id: number; no: string; idNumber: string }[];
    const file = await xlsx(
      ["证件号码或报名号", "金额（元）", "缴费日期", "流水号"],
      [
        [r1.idNumber, 180, new Date(Date.UTC(2026, 10, 2)), "B001"], // row 2: ok by ID number
        [r2.no, "180.00", "2026-11-03", "B002"], // row 3: ok by registration number
        ["110101199001011234", 180, "2026-11-03", "B003"], // row 4: not found
        [r3.idNumber, 100, "2026-11-03", "B004"], // row 5: wrong amount
        [r4.idNumber, 180, "昨天", "B005"], // row 6: bad date
        [r1.no, 180, "2026-11-03", "B006"], // row 7: same registration as row 2
        [r6.idNumber, 180, "2026-11-03", "B007"], // row 8: already paid
        ["", 180, "2026-11-03", "B008"], // row 9: empty key
      ],
    );
    const fd = new FormData();
    fd.set("planId", String(plan.id));
    fd.set("file", file);
    const res = await importPaymentsAction(fd);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.data.okRows).toBe(2);
    expect(res.data.errors.map((e) => `第 ${e.row} 行 ${e.column} 列`)).toEqual([
      "第 4 行 A 列",
      "第 5 行 B 列",
      "第 6 行 C 列",
      "第 7 行 A 列",
      "第 8 行 A 列",
      "第 9 行 A 列",
    ]);
    expect(res.data.errors[1].message).toBe("金额 100.00 元与报名费 180.00 元不符");
    const st = await statusOf([r1.id, r2.id, r3.id, r4.id, r5.id]);
    expect(st).toEqual({ [r1.id]: "paid", [r2.id]: "paid", [r3.id]: "approved", [r4.id]: "approved", [r5.id]: "approved" });
    // The rows with errors changed nothing: no amount, no date, no reference written.
    const [untouched] = await db.select().from(registrations).where(eq(registrations.id, r3.id));
    expect([untouched.paidAt, untouched.paidAmountCents, untouched.paymentRef]).toEqual([null, null, null]);
    const [ok] = await db.select().from(registrations).where(eq(registrations.id, r1.id));
    expect([ok.paymentRef, ok.paidAmountCents, ok.paidAt?.toISOString()]).toEqual(["B001", 18000, "2026-11-02T04:00:00.000Z"]);
    const [batch] = await db.select().from(importBatches).where(eq(importBatches.id, res.data.batchId));
    expect([batch.kind, batch.status, batch.totalRows, batch.okRows, batch.errorRows]).toEqual(["payments", "applied", 8, 2, 6]);
  });

  it("对账单缺少必需的列时整个文件不导入", async () => {
    await actAs("admin");
    const plan = await makePlan(db, { status: "published" });
    const fd = new FormData();
    fd.set("planId", String(plan.id));
    fd.set("file", await xlsx(["姓名", "金额"], [["张三", 180]]));
    const r = await importPaymentsAction(fd);
    expect(r).toMatchObject({ ok: false, error: "第 1 行表头缺少“证件号码或报名号”“缴费日期”列，请使用下载的模板" });
    const notXlsx = new FormData();
    notXlsx.set("planId", String(plan.id));
    notXlsx.set("file", new File([Buffer.from("a,b\n1,2")], "x.xlsx"));
    expect(await importPaymentsAction(notXlsx)).toMatchObject({ ok: false, error: "“x.xlsx”是文本文件（如 CSV），这里只能上传Excel 文件" });
  });
});

describe("权限：非注册中心角色不能审核和登记缴费", () => {
  for (const who of ["zhangsan", "chengjian", "peixun"]) {
    it(`${who} 被拒绝`, async () => {
      await actAs(who);
      const [p] = await seededPending();
      const fd = new FormData();
      fd.set("planId", "1");
      fd.set("file", await xlsx(["证件号码或报名号", "金额", "缴费日期"], [["x", 1, "2026-01-01"]]));
      const results = [
        await approveAction({ ids: [p.id] }),
        await rejectAction({ ids: [p.id], reason: "越权" }),
        await markPaidAction({ ids: [p.id] }),
        await importPaymentsAction(fd),
      ];
      for (const r of results) expect(r).toEqual({ ok: false, error: NO_PERMISSION });
      const [row] = await db.select({ status: registrations.status }).from(registrations).where(eq(registrations.id, p.id));
      expect(row.status).toBe("submitted");
    });
  }

  it("企业账号调用服务也被拒绝", async () => {
    const ent = await actAs("chengjian");
    const [p] = await seededPending();
    await expect(approveRegistrations(db, ent!, [p.id], null)).rejects.toThrow("无权执行此操作");
    const [org] = await db.select().from(organizations).limit(1);
    expect(org).toBeTruthy();
  });
});
