import ExcelJS from "exceljs";
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { certificates, examPlans, notifications, registrations, rooms } from "@/db/schema";
import { NO_PERMISSION } from "@/lib/actions";
import { CERTIFICATE_NUMBER_PATTERN, certificateNumber } from "@/lib/certificate-number";
import { readXlsxRows } from "@/lib/documents/xlsx";
import { issueCertificates } from "@/lib/services/admin/certificates";
import { arrangeSeats, signInSheets, ticketNumber } from "@/lib/services/admin/seating";
import { addYears, beijingDate, formatDateTime } from "@/lib/time";
import { issueAction } from "@/app/(app)/admin/certificates/actions";
import { planTransitionAction } from "@/app/(app)/admin/plans/actions";
import { importScoresAction, passMarkAction, recordScoreAction } from "@/app/(app)/admin/scores/actions";
import { arrangeAction } from "@/app/(app)/admin/seating/actions";
import { actAs } from "../support/users";
import { makeCandidates, makePlan, makeVenue } from "./admin-fixtures";

beforeAll(() => {
  process.env.FILE_STORAGE_DIR ??= `${process.cwd()}/.tmp/admin-test-files`;
});

async function scoreFile(rows: unknown[][], header = ["准考证号", "姓名", "成绩"]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("成绩");
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  const fd = new FormData();
  fd.set("file", new File([Buffer.from(await wb.xlsx.writeBuffer())], "成绩.xlsx"));
  return fd;
}

async function seated(planId: number) {
  return (await db.execute(sql`
    select r.id, r.room_id as "roomId", r.seat_no as "seatNo", r.ticket_no as "ticketNo", p.name, r.person_id as "personId"
    from registrations r join persons p on p.id = r.person_id
    where r.plan_id = ${planId} and r.status = 'seated' order by r.ticket_no`)) as unknown as { id: number; roomId: number; seatNo: number; ticketNo: string; name: string; personId: number }[];
}

describe("考场编排", () => {
  it("把全部已缴费考生编入考场座位，准考证号按文档格式生成且唯一，计划变为已编排", async () => {
    await actAs("admin");
    const venue = await makeVenue(db, "编排测试考点一", 3, 10);
    const plan = await makePlan(db, { status: "closed", venueIds: [venue] });
    await makeCandidates(db, plan.id, 25, { status: "paid" });
    const [unpaid] = await makeCandidates(db, plan.id, 1, { status: "approved" });
    const r = await arrangeAction({ planId: plan.id });
    expect(r).toMatchObject({ ok: true, data: { seated: 25, placed: 25, kept: 0, rooms: 3, freeSeats: 5 } });
    const rows = await seated(plan.id);
    expect(rows).toHaveLength(25);
    const [p] = await db.select().from(examPlans).where(eq(examPlans.id, plan.id));
    expect(p.status).toBe("seated");
    const year = beijingDate(p.examStartAt).slice(0, 4);
    for (const row of rows) expect(row.ticketNo).toBe(ticketNumber(year, plan.id, row.roomId, row.seatNo));
    expect(new Set(rows.map((x) => x.ticketNo)).size).toBe(25);
    // Rooms fill in order and no room holds more than its capacity.
    const perRoom = new Map<number, number>();
    for (const row of rows) perRoom.set(row.roomId, (perRoom.get(row.roomId) ?? 0) + 1);
    expect([...perRoom.values()].sort()).toEqual([10, 10, 5]);
    expect(rows.every((x) => x.seatNo >= 1 && x.seatNo <= 10)).toBe(true);
    const [u] = await db.select().from(registrations).where(eq(registrations.id, unpaid.id));
    expect(u.status).toBe("approved");
    const msgs = await db.select().from(notifications).where(and(eq(notifications.kind, "ticket_ready"), eq(notifications.personId, rows[0].personId)));
    expect(msgs).toHaveLength(1);
    expect(msgs[0].link).toBe(`/api/registrations/${rows[0].id}/open?to=ticket`);
  });

  it("座位不足时拒绝编排并说明原因，不做任何修改", async () => {
    await actAs("admin");
    const venue = await makeVenue(db, "编排测试考点二", 1, 5);
    const plan = await makePlan(db, { status: "closed", venueIds: [venue] });
    await makeCandidates(db, plan.id, 6, { status: "paid" });
    const r = await arrangeAction({ planId: plan.id });
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.error).toContain("考场座位不足：需要编排 6 人，考试计划所选考点的空余座位只有 5 个");
    expect(await seated(plan.id)).toHaveLength(0);
    const [p] = await db.select({ status: examPlans.status }).from(examPlans).where(eq(examPlans.id, plan.id));
    expect(p.status).toBe("closed");
  });

  it("重新编排：已打印准考证的考生保留原考场、座位和准考证号；要求时才一并重排", async () => {
    await actAs("admin");
    const venue = await makeVenue(db, "编排测试考点三", 2, 10);
    const plan = await makePlan(db, { status: "closed", venueIds: [venue] });
    await makeCandidates(db, plan.id, 8, { status: "paid" });
    await arrangeAction({ planId: plan.id });
    const first = await seated(plan.id);
    const printed = first.slice(0, 3);
    await db.update(registrations).set({ ticketPrintedAt: new Date() }).where(inArray(registrations.id, printed.map((p) => p.id)));
    // A late payer joins, then the centre arranges again.
    await makeCandidates(db, plan.id, 1, { status: "paid" });
    const again = await arrangeAction({ planId: plan.id });
    expect(again).toMatchObject({ ok: true, data: { seated: 9, kept: 3, placed: 6 } });
    const second = await seated(plan.id);
    for (const p of printed) expect(second.find((s) => s.id === p.id)).toEqual(p);
    const all = await arrangeAction({ planId: plan.id, includePrinted: true });
    expect(all).toMatchObject({ ok: true, data: { seated: 9, kept: 0, placed: 9 } });
    const printedNow = await db.select({ t: registrations.ticketPrintedAt }).from(registrations).where(inArray(registrations.id, printed.map((p) => p.id)));
    expect(printedNow.every((x) => x.t === null)).toBe(true);
  });

  it("同一考场可供不同考试计划使用：座位按计划编排，准考证号不重复", async () => {
    await actAs("admin");
    const venue = await makeVenue(db, "编排测试考点四", 1, 10);
    const a = await makePlan(db, { status: "closed", venueIds: [venue] });
    const b = await makePlan(db, { status: "closed", venueIds: [venue] });
    await makeCandidates(db, a.id, 6, { status: "paid" });
    await makeCandidates(db, b.id, 8, { status: "paid" });
    expect((await arrangeAction({ planId: a.id })).ok).toBe(true);
    expect((await arrangeAction({ planId: b.id })).ok).toBe(true);
    const seats = await db
      .select({ planId: registrations.planId, roomId: registrations.roomId, seatNo: registrations.seatNo, ticketNo: registrations.ticketNo })
      .from(registrations)
      .where(inArray(registrations.planId, [a.id, b.id]));
    expect(seats.filter((x) => x.planId === b.id).map((x) => x.seatNo).sort((m, n) => m! - n!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(seats.map((x) => x.ticketNo)).size).toBe(14);
    // Within one plan the room's capacity still holds.
    await makeCandidates(db, b.id, 3, { status: "paid" });
    const more = await arrangeAction({ planId: b.id });
    expect(more.ok).toBe(false);
    if (!more.ok) expect(more.error).toContain("需要编排 11 人，考试计划所选考点的空余座位只有 10 个");
  });

  it("报名中或已考试的计划不能编排", async () => {
    await actAs("admin");
    for (const status of ["published", "held"] as const) {
      const plan = await makePlan(db, { status });
      const r = await arrangeAction({ planId: plan.id });
      expect(r.ok).toBe(false);
    }
  });

  it("导出考场签到表：每个考场一个工作表，证件号码遮蔽", async () => {
    const admin = await actAs("admin");
    const venue = await makeVenue(db, "编排测试考点五", 2, 3);
    const plan = await makePlan(db, { status: "closed", venueIds: [venue] });
    await makeCandidates(db, plan.id, 5, { status: "paid" });
    await arrangeSeats(db, admin!, plan.id, {}, null);
    const { data, fileName } = await signInSheets(db, admin!, plan.id);
    expect(fileName).toContain(plan.code);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["第001考场-编排测试考点五", "第002考场-编排测试考点五"]);
    const sheet1 = await readXlsxRows(data);
    expect(sheet1.ok && sheet1.header.slice(0, 4)).toEqual(["座位号", "准考证号", "姓名", "证件号码"]);
    if (sheet1.ok) {
      expect(sheet1.rows).toHaveLength(3);
      expect(String(sheet1.rows[0].cells[3])).toMatch(/^\d{6}\*+\w{4}$/);
    }
  });

  it("考场座位数不能改到已编排的座位以下", async () => {
    await actAs("admin");
    const venue = await makeVenue(db, "编排测试考点六", 1, 10);
    const plan = await makePlan(db, { status: "closed", venueIds: [venue] });
    await makeCandidates(db, plan.id, 8, { status: "paid" });
    await arrangeAction({ planId: plan.id });
    const [room] = await db.select().from(rooms).where(eq(rooms.venueId, venue));
    const { updateRoomAction } = await import("@/app/(app)/admin/venues/actions");
    const r = await updateRoomAction({ id: room.id, name: room.name, capacity: "5", sortOrder: "1" });
    expect(r).toMatchObject({ ok: false, error: "该考场已编排到第 8 座，座位数不能少于 8" });
  });
});

async function heldPlan(n: number, passMark = 60) {
  const admin = await actAs("admin");
  const venue = await makeVenue(db, `成绩测试考点${Math.random()}`, 2, Math.max(1, Math.ceil(n / 2)));
  const [org] = (await db.execute(sql`select id from organizations where kind = 'enterprise' order by id limit 1`)) as unknown as { id: number }[];
  const plan = await makePlan(db, { status: "closed", venueIds: [venue], passMark, examInDays: -1 });
  await makeCandidates(db, plan.id, n, { status: "paid", submitterOrgId: org.id });
  await arrangeSeats(db, admin!, plan.id, {}, null);
  expect((await planTransitionAction({ id: plan.id, transition: "hold" })).ok).toBe(true);
  return { plan, rows: await seated(plan.id), orgId: org.id };
}

describe("成绩", () => {
  it("已编排未考试的计划不能录入成绩；确认考试结束后可以逐个录入，按合格分数线判定", async () => {
    const admin = await actAs("admin");
    const venue = await makeVenue(db, "成绩测试考点甲", 1, 5);
    const plan = await makePlan(db, { status: "closed", venueIds: [venue], examInDays: -1 });
    await makeCandidates(db, plan.id, 3, { status: "paid" });
    await arrangeSeats(db, admin!, plan.id, {}, null);
    const rows = await seated(plan.id);
    const early = await recordScoreAction({ registrationId: rows[0].id, score: "80" });
    expect(early.ok).toBe(false);
    expect((await planTransitionAction({ id: plan.id, transition: "hold" })).ok).toBe(true);
    expect(await recordScoreAction({ registrationId: rows[0].id, score: "80" })).toMatchObject({ ok: true, data: { score: 80, passed: true } });
    expect(await recordScoreAction({ registrationId: rows[1].id, score: "59.5" })).toMatchObject({ ok: true, data: { passed: false } });
    expect(await recordScoreAction({ registrationId: rows[2].id, score: "缺考" })).toMatchObject({ ok: true, data: { score: null, passed: false } });
    expect(await recordScoreAction({ registrationId: rows[2].id, score: "101" })).toMatchObject({ ok: false });
  });

  it("导入成绩：有错误的行逐行报告（第 N 行 X 列），整个文件不导入", async () => {
    await actAs("admin");
    const { plan, rows } = await heldPlan(6);
    const fd = await scoreFile([
      [rows[0].ticketNo, rows[0].name, 88], // ok
      [rows[1].ticketNo, rows[1].name, "九十"], // row 3: bad score
      ["2026999990001001", "某人", 70], // row 4: unknown ticket
      [rows[2].ticketNo, "张冠李戴", 70], // row 5: name mismatch
      [rows[0].ticketNo, rows[0].name, 90], // row 6: duplicate
      [rows[3].ticketNo, rows[3].name, 75.55], // row 7: two decimals
    ]);
    fd.set("planId", String(plan.id));
    const r = await importScoresAction(fd);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.applied).toBe(false);
    expect(r.data.errors.map((e) => `第 ${e.row} 行 ${e.column} 列：${e.message}`)).toEqual([
      "第 3 行 C 列：成绩应为 0 到 100 的数，缺考填“缺考”",
      `第 4 行 A 列：准考证号 2026999990001001 不是本考试计划的考生`,
      `第 5 行 B 列：姓名“张冠李戴”与准考证号对应的考生“${rows[2].name}”不符`,
      "第 6 行 A 列：准考证号与第 2 行重复",
      "第 7 行 C 列：成绩最多保留一位小数",
    ]);
    const scored = await db.select().from(registrations).where(and(eq(registrations.planId, plan.id), sql`${registrations.resultRecordedAt} is not null`));
    expect(scored).toHaveLength(0);
  });

  it("导入成绩：全部正确时一次保存，修改合格分数线后重新判定", async () => {
    await actAs("admin");
    const { plan, rows } = await heldPlan(4);
    const fd = await scoreFile([
      [rows[0].ticketNo, rows[0].name, 88],
      [rows[1].ticketNo, "", 61],
      [Number(rows[2].ticketNo), rows[2].name, 59],
      [rows[3].ticketNo, rows[3].name, "缺考"],
    ]);
    fd.set("planId", String(plan.id));
    const r = await importScoresAction(fd);
    expect(r).toMatchObject({ ok: true, data: { applied: true, okRows: 4 } });
    const passed = async () =>
      (await db.select({ id: registrations.id, passed: registrations.passed }).from(registrations).where(eq(registrations.planId, plan.id)))
        .filter((x) => x.passed)
        .map((x) => x.id)
        .sort();
    expect(await passed()).toEqual([rows[0].id, rows[1].id].sort());
    expect(await passMarkAction({ planId: plan.id, passMark: "55" })).toMatchObject({ ok: true, data: { rejudged: 1 } });
    expect(await passed()).toEqual([rows[0].id, rows[1].id, rows[2].id].sort());
  });

  it("发布成绩：计划变为成绩已发布，未录入的按缺考，通知考生和提交单位；此后不能再改成绩", async () => {
    await actAs("admin");
    const { plan, rows, orgId } = await heldPlan(3);
    const none = await planTransitionAction({ id: plan.id, transition: "publish_results" });
    expect(none).toMatchObject({ ok: false, error: "尚未录入任何成绩，不能发布" });
    await recordScoreAction({ registrationId: rows[0].id, score: "90" });
    expect((await planTransitionAction({ id: plan.id, transition: "publish_results" })).ok).toBe(true);
    const [p] = await db.select().from(examPlans).where(eq(examPlans.id, plan.id));
    expect([p.status, Boolean(p.resultsPublishedAt)]).toEqual(["results_published", true]);
    const regs = await db.select().from(registrations).where(eq(registrations.planId, plan.id));
    expect(regs.filter((x) => x.passed === false && x.score === null)).toHaveLength(2);
    const msgs = await db.select().from(notifications).where(and(eq(notifications.kind, "result_published"), eq(notifications.personId, rows[1].personId)));
    expect(msgs).toHaveLength(1);
    expect(msgs[0].link).toBe(`/api/results/open?planId=${plan.id}`);
    const orgMsgs = await db.select().from(notifications).where(and(eq(notifications.kind, "result_published"), eq(notifications.organizationId, orgId)));
    expect(orgMsgs.length).toBeGreaterThanOrEqual(3);
    expect((await recordScoreAction({ registrationId: rows[0].id, score: "10" })).ok).toBe(false);
  });
});

describe("考试结束时间：考试结束前不能确认考试结束、录入、导入或发布成绩", () => {
  async function futureSeatedPlan() {
    const admin = await actAs("admin");
    const venue = await makeVenue(db, `未来考试考点${Math.random()}`, 1, 5);
    const plan = await makePlan(db, { status: "closed", venueIds: [venue], examInDays: 30 });
    await makeCandidates(db, plan.id, 2, { status: "paid" });
    await arrangeSeats(db, admin!, plan.id, {}, null);
    const [p] = await db.select({ examEndAt: examPlans.examEndAt }).from(examPlans).where(eq(examPlans.id, plan.id));
    return { plan, rows: await seated(plan.id), end: formatDateTime(p.examEndAt) };
  }

  it("考试日期在将来的计划：确认考试结束被拒绝，说明考试结束时间（北京时间），计划仍为已编排", async () => {
    const { plan, end } = await futureSeatedPlan();
    const r = await planTransitionAction({ id: plan.id, transition: "hold" });
    expect(r).toEqual({ ok: false, error: `考试结束时间为 ${end}（北京时间），考试结束前不能确认考试结束` });
    const [p] = await db.select({ status: examPlans.status }).from(examPlans).where(eq(examPlans.id, plan.id));
    expect(p.status).toBe("seated");
  });

  it("已误标为已考试但考试尚未结束的计划：录入成绩、导入成绩和发布成绩都被拒绝", async () => {
    const { plan, rows, end } = await futureSeatedPlan();
    // A plan marked held before this rule existed.
    await db.update(examPlans).set({ status: "held" }).where(eq(examPlans.id, plan.id));
    const single = await recordScoreAction({ registrationId: rows[0].id, score: "80" });
    expect(single).toMatchObject({ ok: false, error: `考试结束时间为 ${end}（北京时间），考试结束前不能录入成绩` });
    const fd = await scoreFile([[rows[0].ticketNo, rows[0].name, 80]]);
    fd.set("planId", String(plan.id));
    expect(await importScoresAction(fd)).toMatchObject({ ok: false, error: `考试结束时间为 ${end}（北京时间），考试结束前不能导入成绩` });
    await db.update(registrations).set({ score: 80, passed: true, resultRecordedAt: new Date() }).where(eq(registrations.id, rows[0].id));
    const pub = await planTransitionAction({ id: plan.id, transition: "publish_results" });
    expect(pub).toMatchObject({ ok: false, error: `考试结束时间为 ${end}（北京时间），考试结束前不能发布成绩` });
    const [p] = await db.select({ status: examPlans.status }).from(examPlans).where(eq(examPlans.id, plan.id));
    expect(p.status).toBe("held");
  });

  it("考试结束时间一过即可确认考试结束", async () => {
    const { plan } = await futureSeatedPlan();
    await db
      .update(examPlans)
      .set({ examStartAt: new Date(Date.now() - 3 * 3_600_000), examEndAt: new Date(Date.now() - 60_000) })
      .where(eq(examPlans.id, plan.id));
    expect(await planTransitionAction({ id: plan.id, transition: "hold" })).toMatchObject({ ok: true });
  });
});

describe("发证", () => {
  it("给计划的全部合格考生一次发证：编号格式、发证日期、有效期、发证机关；重复发证不会重复发", async () => {
    const admin = await actAs("admin");
    const { plan, rows } = await heldPlan(5);
    const scores = ["90", "60", "59.9", "缺考", "75"];
    for (let i = 0; i < rows.length; i++) await recordScoreAction({ registrationId: rows[i].id, score: scores[i] });
    // Not before results are published.
    const early = await issueAction({ planId: plan.id });
    expect(early.ok).toBe(false);
    await planTransitionAction({ id: plan.id, transition: "publish_results" });
    const r = await issueAction({ planId: plan.id });
    expect(r).toMatchObject({ ok: true, data: { issued: 3, alreadyIssued: 0 } });
    const certs = await db.select().from(certificates).where(inArray(certificates.registrationId, rows.map((x) => x.id)));
    expect(certs.map((c) => c.registrationId).sort()).toEqual([rows[0].id, rows[1].id, rows[4].id].sort());
    const today = beijingDate();
    for (const c of certs) {
      expect(c.certificateNo).toMatch(new RegExp(`^京建GL01${today.slice(0, 4)}\\d{6}$`));
      expect(c.issueDate).toBe(today);
      expect(c.validUntil).toBe(addYears(today, 3));
      expect(c.issuer).toBe("北京市住房和城乡建设委员会");
      expect([c.status, c.source, c.version]).toEqual(["valid", "exam", 1]);
    }
    expect(new Set(certs.map((c) => c.certificateNo)).size).toBe(3);
    const again = await issueAction({ planId: plan.id });
    expect(again).toMatchObject({ ok: true, data: { issued: 0, alreadyIssued: 3 } });
    const twice = await issueCertificates(db, admin!, plan.id, null);
    expect(twice.issued).toBe(0);
    const [{ n }] = (await db.execute(sql`select count(*)::int as n from certificates c join registrations r on r.id = c.registration_id where r.plan_id = ${plan.id}`)) as unknown as { n: number }[];
    expect(n).toBe(3);
    const msgs = await db.select().from(notifications).where(and(eq(notifications.kind, "certificate_issued"), eq(notifications.personId, rows[0].personId)));
    expect(msgs).toHaveLength(1);
    const [own] = await db.select({ id: certificates.id }).from(certificates).where(eq(certificates.registrationId, rows[0].id));
    expect(msgs[0].link).toBe(`/api/certificates/${own.id}/open`);
  });

  it("两个计划同时发证，证书编号连续且不重复", async () => {
    const admin = await actAs("admin");
    const a = await heldPlan(3);
    const b = await heldPlan(3);
    for (const x of [a, b]) {
      for (const row of x.rows) await recordScoreAction({ registrationId: row.id, score: "80" });
      await planTransitionAction({ id: x.plan.id, transition: "publish_results" });
    }
    const [ra, rb] = await Promise.all([issueCertificates(db, admin!, a.plan.id, null), issueCertificates(db, admin!, b.plan.id, null)]);
    expect(ra.issued + rb.issued).toBe(6);
    const nos = (await db.select({ no: certificates.certificateNo }).from(certificates).where(inArray(certificates.registrationId, [...a.rows, ...b.rows].map((r) => r.id)))).map((c) => c.no);
    expect(new Set(nos).size).toBe(6);
  });
});

describe("证书编号：演示数据与发证同一规则", () => {
  it("演示数据的证书编号为 京建 + 工种代码 + 年份 + 6 位流水号；同工种同年发证接着流水号编号，不会重复", async () => {
    const admin = await actAs("admin");
    const [seeded] = (await db.execute(sql`
      select c.certificate_no as no, c.issue_date as "issueDate", t.code from certificates c join trades t on t.id = c.trade_id
      where c.registration_id is null order by c.id limit 1`)) as unknown as { no: string; issueDate: string; code: string }[];
    const seedYear = String(seeded.issueDate).slice(0, 4);
    expect(seeded.no).toBe(certificateNumber(seeded.code, seedYear, 1));
    expect(seeded.no).toMatch(CERTIFICATE_NUMBER_PATTERN);

    const venue = await makeVenue(db, "编号测试考点", 1, 2);
    const plan = await makePlan(db, { status: "closed", venueIds: [venue], tradeCode: seeded.code, examInDays: -1 });
    await makeCandidates(db, plan.id, 1, { status: "paid" });
    await arrangeSeats(db, admin!, plan.id, {}, null);
    await planTransitionAction({ id: plan.id, transition: "hold" });
    const [row] = await seated(plan.id);
    await recordScoreAction({ registrationId: row.id, score: "90" });
    await planTransitionAction({ id: plan.id, transition: "publish_results" });
    const r = await issueAction({ planId: plan.id });
    expect(r.ok).toBe(true);
    const year = beijingDate().slice(0, 4);
    // The seed's serial came from the same counter: an issue in the seed's year continues after it.
    expect(r.ok && r.data.firstNo).toBe(certificateNumber(seeded.code, year, year === seedYear ? 2 : 1));
  });
});

describe("权限：非注册中心角色不能编排、录入成绩和发证", () => {
  for (const who of ["zhangsan", "chengjian", "peixun"]) {
    it(`${who} 被拒绝`, async () => {
      await actAs(who);
      const plan = await makePlan(db, { status: "closed" });
      const fd = await scoreFile([["1", "x", 1]]);
      fd.set("planId", String(plan.id));
      const results = [
        await arrangeAction({ planId: plan.id }),
        await recordScoreAction({ registrationId: 1, score: "90" }),
        await importScoresAction(fd),
        await passMarkAction({ planId: plan.id, passMark: "50" }),
        await issueAction({ planId: plan.id }),
      ];
      for (const r of results) expect(r).toEqual({ ok: false, error: NO_PERMISSION });
    });
  }
});
