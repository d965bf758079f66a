import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { files, importBatches, persons, registrations } from "@/db/schema";
import { AccessDenied } from "@/lib/auth/guards";
import type { SessionUser } from "@/lib/auth/roles";
import { makeChineseId } from "@/lib/identity/chinese-id";
import {
  attachBatchPhotos,
  batchErrorFile,
  checkRegistrationBatch,
  confirmRegistrationBatch,
  getRegistrationBatch,
  listBatchRegistrations,
  registrationTemplate,
  uploadRegistrationBatch,
  ZIP_REFUSED,
} from "@/lib/services/batch-registrations";
import { actAs } from "../support/users";
import { goodRow, smallJpeg, workbookWith, zipOf, type Row } from "./batch-fixtures";
import { planByCode } from "./person-fixtures";

let enterprise: SessionUser;
let otherEnterprise: SessionUser;
let trainer: SessionUser;
let dg: number;
let jpeg: Buffer;

beforeAll(async () => {
  enterprise = (await actAs("chengjian"))!;
  otherEnterprise = (await actAs("zhuzong"))!;
  trainer = (await actAs("peixun"))!;
  dg = (await planByCode("KS2026-DG-04")).id;
  jpeg = await smallJpeg();
});

let fileSeq = 0;
/** Upload + check, as the page does (the background job calls the same two functions). */
async function upload(actor: SessionUser, rows: Row[], opts: { allOrNothing?: boolean; data?: Buffer } = {}) {
  const data = opts.data ?? (await workbookWith(rows));
  const b = await uploadRegistrationBatch(db, actor, { planId: dg, data, fileName: `批量${++fileSeq}.xlsx`, allOrNothing: opts.allOrNothing });
  return checkRegistrationBatch(db, b.id);
}

/** A row for a person on record, with their own dates so that only the rule under test can fail. */
function rowFor(p: { name: string; idNumber: string; workStartDate: string | null }, over: Row = {}): Row {
  return goodRow(0, { name: p.name, idNumber: p.idNumber, workStartDate: new Date(`${p.workStartDate}T00:00:00Z`), yearsOfWork: 1, ...over });
}

function photosFor(rows: Row[]) {
  return zipOf(Object.fromEntries(rows.map((r) => [`${r.idNumber}.jpg`, jpeg])));
}

describe("报名表导入模版", () => {
  it("报名表导入模版：有填报说明、一行示例、证件类型/性别/学历/岗位工种下拉列表，日期为日期格式，证件号码为文本", async () => {
    const t = await registrationTemplate(db, enterprise, dg);
    expect(t.fileName).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(t.data as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["报名信息", "填报说明", "下拉选项"]);
    const ws = wb.getWorksheet("报名信息")!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain("*姓名");
    expect(header).toContain("个人简历");
    expect(ws.getCell("A2").value).toBe("张三");
    for (const [addr, list] of [["B3", "$A$1"], ["D3", "$B$1"], ["F3", "$C$1"], ["L3", "$D$1"]] as const) {
      const v = ws.getCell(addr).dataValidation;
      expect(v.type).toBe("list");
      expect(v.formulae?.[0]).toContain(list);
    }
    expect(ws.getCell("C3").numFmt).toBe("@");
    expect(ws.getCell("J3").numFmt).toBe("yyyy-mm-dd");
    expect(ws.getCell("E2").value).toBeInstanceOf(Date);
    expect(wb.getWorksheet("下拉选项")!.getColumn(4).values).toContain("建筑电工");
    expect(wb.getWorksheet("下拉选项")!.state).toBe("veryHidden");
  });

  it("报名表导入模版：从业人员和注册中心不能下载", async () => {
    await expect(registrationTemplate(db, (await actAs("zhangsan"))!, dg)).rejects.toBeInstanceOf(AccessDenied);
    await expect(registrationTemplate(db, (await actAs("admin"))!, dg)).rejects.toBeInstanceOf(AccessDenied);
  });

  it("报名表导入模版：示例行原样上传检查通过", async () => {
    const t = await registrationTemplate(db, enterprise, dg);
    const b = await upload(enterprise, [], { data: t.data });
    expect(b.status).toBe("checked");
    expect(b.errors).toEqual([]);
    expect(b.okRows).toBe(1);
  });
});

describe("企业批量报名：逐行检查", () => {
  it("企业批量报名：第 3 行身份证号校验位错误", async () => {
    const bad = goodRow(2);
    const id = String(bad.idNumber);
    bad.idNumber = id.slice(0, 17) + (id[17] === "1" ? "2" : "1");
    const b = await upload(enterprise, [goodRow(1), bad, goodRow(3)]);
    expect(b.errors).toEqual([{ row: 3, column: "证件号码", message: "身份证号码校验位错误" }]);
    expect(b).toMatchObject({ status: "checked", totalRows: 3, okRows: 2, errorRows: 1 });
    // The marked-up file: the bad cell filled and commented.
    const f = await batchErrorFile(db, enterprise, b.id);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(f!.data as unknown as ExcelJS.Buffer);
    const cell = wb.getWorksheet("报名信息")!.getCell("C3");
    expect(JSON.stringify(cell.note)).toContain("身份证号码校验位错误");
    expect(cell.fill).toMatchObject({ type: "pattern", fgColor: { argb: "FFFFC7CE" } });
    expect(wb.getWorksheet("报名信息")!.getCell("C2").note).toBeUndefined();
  });

  it("企业批量报名：同一文件中证件号码重复", async () => {
    const b = await upload(enterprise, [goodRow(10), goodRow(11), goodRow(10, { name: "批量10" })]);
    expect(b.errors).toEqual([{ row: 4, column: "证件号码", message: "证件号码与第 2 行重复" }]);
  });

  it("企业批量报名：必填项、长度、日期和从事工作年限", async () => {
    const b = await upload(enterprise, [
      goodRow(20, { name: null }),
      goodRow(21, { name: "名".repeat(31) }),
      goodRow(22, { workStartDate: new Date(Date.UTC(2099, 0, 1)) }),
      goodRow(23, { workStartDate: new Date(Date.UTC(1983, 0, 1)) }), // born 1980: before the 16th birthday
      goodRow(24, { workStartDate: new Date(Date.UTC(2020, 0, 1)), yearsOfWork: 30 }),
      goodRow(25, { employerCode: "91110105101100019A" }),
      goodRow(26, { gender: "男" }), // 726: an even sequence digit is 女
      goodRow(27, { education: "小学" }),
    ]);
    const byRow = Object.fromEntries(b.errors.map((e) => [e.row, `${e.column}:${e.message}`]));
    expect(byRow[2]).toBe("姓名:请填写姓名");
    expect(byRow[3]).toBe("姓名:姓名不能超过30个字");
    expect(byRow[4]).toBe("参加工作时间:参加工作时间不能晚于今天");
    expect(byRow[5]).toBe("参加工作时间:参加工作时间应在年满16周岁之后");
    expect(byRow[6]).toMatch(/^从事工作年限:从事工作年限不能超过参加工作以来的年数/);
    expect(byRow[7]).toMatch(/^统一社会信用代码:/);
    expect(byRow[8]).toBe("性别:性别与身份证号码不符");
    expect(byRow[9]).toBe("学历:学历应从下拉列表选择");
    expect(b.okRows).toBe(0);
  });

  it("企业批量报名：单元格含有公式", async () => {
    const b = await upload(enterprise, [goodRow(30, { name: { formula: "\"批量\"&\"30\"", result: "批量30" } })]);
    expect(b.errors).toEqual([{ row: 2, column: "姓名", message: "单元格含有公式，请改为直接填写的值" }]);
  });

  it("企业批量报名：工作单位不是本单位", async () => {
    const b = await upload(enterprise, [goodRow(31, { employerName: "别的公司", employerCode: null })]);
    expect(b.errors[0]).toMatchObject({ row: 2, column: "工作单位" });
    expect(b.errors[0].message).toContain("企业只能为本单位人员批量报名");
    // A training institution registers people of any employer.
    const t = await upload(trainer, [goodRow(31, { employerName: "别的公司", employerCode: null })]);
    expect(t.errors).toEqual([]);
  });

  it("企业批量报名：已报名本考试计划的人员不能重复报名，且不透露其他提交方的报名", async () => {
    const sg = (await planByCode("KS2026-SG-04")).id;
    const [p] = await db.select().from(persons).where(sql`exists (select 1 from registrations r where r.person_id = ${persons.id} and r.plan_id = ${sg} and r.submitter_kind = 'enterprise')`).limit(1);
    const [r] = await db.select({ no: registrations.registrationNo }).from(registrations).where(and(eq(registrations.personId, p.id), eq(registrations.planId, sg)));
    const row = rowFor(p);
    const data = await workbookWith([row], "施工员");
    const b = await checkRegistrationBatch(db, (await uploadRegistrationBatch(db, trainer, { planId: sg, data, fileName: "x.xlsx" })).id);
    expect(b.errors).toEqual([{ row: 2, column: "证件号码", message: "此人已由其他单位或本人报名本考试计划，不能重复报名" }]);
    expect(JSON.stringify(b.errors)).not.toContain(r.no);
  });

  it("企业批量报名：姓名与证件号码不符", async () => {
    const [p] = await db.select().from(persons).where(eq(persons.employerOrgId, enterprise.organizationId!)).offset(14).limit(1);
    const b = await upload(enterprise, [rowFor(p, { name: "错名字" })]);
    expect(b.errors).toEqual([{ row: 2, column: "姓名", message: "姓名与证件号码不符，请核对" }]);
  });

  it("企业批量报名：缺少必填列时整个文件不能导入", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("报名信息").addRow(["姓名", "证件号码"]);
    wb.getWorksheet("报名信息")!.addRow(["张三", "110101199003074514"]);
    const b = await upload(enterprise, [], { data: Buffer.from(await wb.xlsx.writeBuffer()) });
    expect(b.status).toBe("failed");
    expect(b.message).toContain("第 1 行表头缺少");
  });
});

describe("照片批量上传", () => {
  it("照片批量上传：按证件号码匹配；行无照片、照片无对应行、无法识别、重复各自列出", async () => {
    const rows = [goodRow(40), goodRow(41), goodRow(42)];
    const b = await upload(enterprise, rows);
    const zip = zipOf({
      [`photos/${rows[0].idNumber}.jpg`]: jpeg,
      [`${String(rows[1].idNumber).toLowerCase()}.JPG`]: Buffer.from("not a picture"),
      [`${makeChineseId("110108", "1970-01-01", 1)}.jpg`]: jpeg,
      "readme.txt": Buffer.from("hi"),
    });
    const m = await attachBatchPhotos(db, enterprise, b.id, [{ name: "照片.zip", data: zip }, { name: `${rows[0].idNumber}.jpg`, data: jpeg }]);
    expect(m.matched).toEqual([{ idNumber: expect.stringContaining("*"), fileName: `${rows[0].idNumber}.jpg`, row: 2 }]);
    expect(m.duplicates).toEqual([`${rows[0].idNumber}.jpg`]);
    expect(m.unreadable.map((u) => u.fileName).sort()).toEqual([`${String(rows[1].idNumber).toLowerCase()}.JPG`, "readme.txt"].sort());
    expect(m.photosWithoutRow).toEqual([`${makeChineseId("110108", "1970-01-01", 1)}.jpg`]);
    expect(m.rowsWithoutPhoto.map((r) => r.row)).toEqual([3, 4]);
    // Normalised as in the person's flow: 295x413 JPEG, stored as the enterprise's unclaimed upload.
    const [batch] = await db.select({ photos: importBatches.photos }).from(importBatches).where(eq(importBatches.id, b.id));
    const [f] = await db.select().from(files).where(eq(files.id, batch.photos[String(rows[0].idNumber)].fileId));
    expect(f).toMatchObject({ kind: "photo", contentType: "image/jpeg", ownerPersonId: null, uploadedByUserId: enterprise.id });
  });

  it("照片批量上传：压缩炸弹在1秒内被拒绝", async () => {
    const b = await upload(enterprise, [goodRow(50)]);
    const bomb = zipOf({ [`${goodRow(50).idNumber}.jpg`]: new Uint8Array(64 * 1024 * 1024) }, 6);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const t0 = performance.now();
    await expect(attachBatchPhotos(db, enterprise, b.id, [{ name: "bomb.zip", data: bomb }])).rejects.toThrow(ZIP_REFUSED);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it("照片批量上传：压缩包内指向包外的路径被拒绝", async () => {
    const b = await upload(enterprise, [goodRow(51)]);
    const evil = zipOf({ [`../${goodRow(51).idNumber}.jpg`]: jpeg });
    await expect(attachBatchPhotos(db, enterprise, b.id, [{ name: "evil.zip", data: evil }])).rejects.toThrow(ZIP_REFUSED);
  });

  it("照片批量上传：其他单位不能给本批次上传照片", async () => {
    const b = await upload(enterprise, [goodRow(52)]);
    await expect(attachBatchPhotos(db, otherEnterprise, b.id, [{ name: "a.jpg", data: jpeg }])).rejects.toBeInstanceOf(AccessDenied);
    await expect(getRegistrationBatch(db, trainer, b.id)).rejects.toBeInstanceOf(AccessDenied);
    await expect(confirmRegistrationBatch(db, otherEnterprise, b.id)).rejects.toBeInstanceOf(AccessDenied);
  });
});

describe("确认导入", () => {
  it("企业批量报名：200 行文件和照片压缩包，确认后一次保存，报名待审核，人员本人的照片不变", async () => {
    const rows = Array.from({ length: 200 }, (_, i) => goodRow(100 + i));
    const b = await upload(enterprise, rows);
    expect(b).toMatchObject({ status: "checked", totalRows: 200, okRows: 200, processedRows: 200, errors: [] });
    const m = await attachBatchPhotos(db, enterprise, b.id, [{ name: "照片.zip", data: photosFor(rows) }]);
    expect(m.matched).toHaveLength(200);
    const done = await confirmRegistrationBatch(db, enterprise, b.id);
    expect(done).toMatchObject({ status: "applied", okRows: 200, errorRows: 0 });
    const list = await listBatchRegistrations(db, enterprise, b.id, { pageSize: 100 });
    expect(list.total).toBe(200);
    expect(list.rows.every((r) => r.status === "submitted" && r.idNumber.includes("*"))).toBe(true);
    const [{ n, photos, persons: own }] = await db.execute<{ n: number; photos: number; persons: number }>(sql`
      select count(*)::int as n, count(distinct r.photo_file_id)::int as photos, count(p.photo_file_id)::int as persons
      from registrations r join persons p on p.id = r.person_id where r.import_batch_id = ${b.id}`);
    expect({ n, photos, own }).toEqual({ n: 200, photos: 200, own: 0 });
    const [p] = await db.select().from(persons).where(eq(persons.idNumber, String(rows[0].idNumber)));
    expect(p).toMatchObject({ name: "批量100", gender: expect.any(String), employerOrgId: enterprise.organizationId });
  });

  it("企业批量报名：同一文件上传两次不会重复报名", async () => {
    const rows = [goodRow(400), goodRow(401)];
    const data = await workbookWith(rows);
    const b = await upload(enterprise, rows, { data });
    await attachBatchPhotos(db, enterprise, b.id, [{ name: "p.zip", data: photosFor(rows) }]);
    await confirmRegistrationBatch(db, enterprise, b.id);
    const again = await uploadRegistrationBatch(db, enterprise, { planId: dg, data, fileName: "again.xlsx" });
    expect(again).toMatchObject({ id: b.id, reused: true, status: "applied" });
    expect(await confirmRegistrationBatch(db, enterprise, b.id)).toMatchObject({ status: "applied", okRows: 2 });
    // The same people in another file: already registered.
    const other = await upload(enterprise, [...rows, goodRow(402)]);
    expect(other.errors.map((e) => [e.row, e.message])).toEqual([
      [2, "此人已报名本考试计划，不能重复报名"],
      [3, "此人已报名本考试计划，不能重复报名"],
    ]);
    const [{ n }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from registrations r join persons p on p.id = r.person_id where p.id_number in (${String(rows[0].idNumber)}, ${String(rows[1].idNumber)})`);
    expect(n).toBe(2);
  });

  it("企业批量报名：选择全部正确才导入时，有一行错误则不保存任何报名", async () => {
    const rows = [goodRow(500), goodRow(501, { yearsOfWork: 99 })];
    const b = await upload(enterprise, rows, { allOrNothing: true });
    await attachBatchPhotos(db, enterprise, b.id, [{ name: "p.zip", data: photosFor(rows) }]);
    const done = await confirmRegistrationBatch(db, enterprise, b.id);
    expect(done.status).toBe("rejected");
    expect(done.message).toContain("未保存任何报名");
    expect(await db.$count(registrations, eq(registrations.importBatchId, b.id))).toBe(0);
  });

  it("企业批量报名：未选择全部正确才导入时保存正确的行，缺少照片的行不保存", async () => {
    const rows = [goodRow(600), goodRow(601, { yearsOfWork: 99 }), goodRow(602)];
    const b = await upload(enterprise, rows);
    await attachBatchPhotos(db, enterprise, b.id, [{ name: `${rows[0].idNumber}.jpg`, data: jpeg }, { name: `${rows[1].idNumber}.jpg`, data: jpeg }]);
    const done = await confirmRegistrationBatch(db, enterprise, b.id);
    expect(done).toMatchObject({ status: "applied", okRows: 1, errorRows: 2 });
    expect(done.errors.find((e) => e.row === 4)?.message).toContain("缺少照片");
  });

  it("培训机构批量报名：不改变已有人员本人的资料和照片", async () => {
    const [p] = await db.select().from(persons).where(sql`not exists (select 1 from registrations r where r.person_id = ${persons.id})`).offset(5).limit(1);
    const row = rowFor(p, { employerName: "别的公司", employerCode: null, phone: "13711112222" });
    const b = await upload(trainer, [row]);
    await attachBatchPhotos(db, trainer, b.id, [{ name: `${p.idNumber}.jpg`, data: jpeg }]);
    expect(await confirmRegistrationBatch(db, trainer, b.id)).toMatchObject({ status: "applied", okRows: 1 });
    const [after] = await db.select().from(persons).where(eq(persons.id, p.id));
    expect(after).toEqual(p);
  });

  it("批量报名：从业人员和注册中心不能上传", async () => {
    const data = await workbookWith([goodRow(700)]);
    await expect(uploadRegistrationBatch(db, (await actAs("zhangsan"))!, { planId: dg, data, fileName: "a.xlsx" })).rejects.toBeInstanceOf(AccessDenied);
    await expect(uploadRegistrationBatch(db, (await actAs("admin"))!, { planId: dg, data, fileName: "a.xlsx" })).rejects.toBeInstanceOf(AccessDenied);
  });
});

describe("删除所有报名信息", () => {
  it("删除所有报名信息：删除本单位可删除的报名，已缴费的保留并列出姓名", async () => {
    const { deleteAllRegistrations, deleteRegistration } = await import("@/lib/services/batch-registrations");
    const { approveRegistrations } = await import("@/lib/services/admin/review");
    const { markPaid } = await import("@/lib/services/admin/payments");
    const rows = [goodRow(800), goodRow(801), goodRow(802)];
    const b = await upload(trainer, rows);
    await attachBatchPhotos(db, trainer, b.id, [{ name: "p.zip", data: photosFor(rows) }]);
    await confirmRegistrationBatch(db, trainer, b.id);
    const regs = await db.select({ id: registrations.id, personId: registrations.personId }).from(registrations).where(eq(registrations.importBatchId, b.id)).orderBy(registrations.id);
    const admin = (await actAs("admin"))!;
    await approveRegistrations(db, admin, [regs[0].id], null);
    await markPaid(db, admin, [regs[0].id], "REF-1", null);

    // Another trainer deletes nothing of ours; one row cannot be deleted by someone else either.
    const [org] = await db.execute<{ id: number }>(sql`insert into organizations (kind, name) values ('trainer', '另一培训学校') returning id`);
    await db.execute(sql`insert into users (username, role, display_name, organization_id) values ('peixun3', 'trainer', '另一培训学校', ${org.id})`);
    const other = (await actAs("peixun3"))!;
    expect(await deleteAllRegistrations(db, other, dg)).toMatchObject({ deleted: 0, kept: [] });
    await expect(deleteRegistration(db, other, regs[1].id)).rejects.toBeInstanceOf(AccessDenied);
    await expect(deleteRegistration(db, trainer, regs[0].id)).rejects.toThrow("该报名状态为“已缴费”，不能删除");

    await deleteRegistration(db, trainer, regs[1].id);
    const all = await deleteAllRegistrations(db, trainer, dg);
    expect(all.kept).toEqual([{ id: regs[0].id, registrationNo: expect.any(String), name: "批量800", statusLabel: "已缴费" }]);
    expect(all.deleted).toBeGreaterThanOrEqual(1);
    const left = await db.select({ id: registrations.id, status: registrations.status }).from(registrations).where(eq(registrations.importBatchId, b.id));
    expect(left).toEqual([{ id: regs[0].id, status: "paid" }]);
  });
});

describe("打印报名表和准考证", () => {
  it("打印报名表：本批次所有报名表在一个 PDF 中，每人一页；其他单位不能打印", async () => {
    const { batchFormsPdf } = await import("@/lib/services/batch-documents");
    const rows = [goodRow(1000), goodRow(1001), goodRow(1002)];
    const b = await upload(enterprise, rows);
    await attachBatchPhotos(db, enterprise, b.id, [{ name: "p.zip", data: photosFor(rows) }]);
    await confirmRegistrationBatch(db, enterprise, b.id);
    const pdf = await batchFormsPdf(db, enterprise, b.id);
    expect(pdf.count).toBe(3);
    expect(pdf.data.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.data.toString("latin1").match(/\/Type\s*\/Page\b/g)).toHaveLength(3);
    await expect(batchFormsPdf(db, otherEnterprise, b.id)).rejects.toBeInstanceOf(AccessDenied);
    await expect(batchFormsPdf(db, trainer, b.id)).rejects.toBeInstanceOf(AccessDenied);
  });

  it("打印准考证：一个 PDF 含本单位提交的该计划所有已编排考生的准考证，不含其他单位的", async () => {
    const { bulkTicketsPdf } = await import("@/lib/services/batch-documents");
    const { seat, setTicketWindow } = await import("./person-fixtures");
    const sg = (await planByCode("KS2026-SG-04")).id;
    const mine = await db.select({ id: registrations.id }).from(registrations).where(and(eq(registrations.planId, sg), eq(registrations.submitterKind, "enterprise"), eq(registrations.submitterOrgId, enterprise.organizationId!)));
    expect(mine.length).toBeGreaterThan(0);
    await seat(mine[0].id); // approves and pays that one, closes the plan and seats every paid candidate
    await setTicketWindow(sg, -1, 5);
    const seated = await db.$count(registrations, and(eq(registrations.planId, sg), eq(registrations.status, "seated"), eq(registrations.submitterOrgId, enterprise.organizationId!)));
    const pdf = await bulkTicketsPdf(db, enterprise, sg);
    expect(pdf.count).toBe(seated);
    expect(pdf.data.toString("latin1").match(/\/Type\s*\/Page\b/g)).toHaveLength(seated);
    await expect(bulkTicketsPdf(db, trainer, sg)).rejects.toThrow("该考试计划没有可打印的准考证");
    await expect(bulkTicketsPdf(db, (await actAs("zhangsan"))!, sg)).rejects.toBeInstanceOf(AccessDenied);

    // Rendered in chunks and merged: still one page per ticket, in ticket-number order, every name on its page.
    const expected = await db
      .select({ name: persons.name, ticketNo: registrations.ticketNo })
      .from(registrations)
      .innerJoin(persons, eq(persons.id, registrations.personId))
      .where(and(eq(registrations.planId, sg), eq(registrations.status, "seated"), eq(registrations.submitterKind, "enterprise"), eq(registrations.submitterOrgId, enterprise.organizationId!)))
      .orderBy(registrations.ticketNo);
    const progress: [number, number][] = [];
    const chunked = await bulkTicketsPdf(db, enterprise, sg, new Date(), async (d, t) => void progress.push([d, t]), 1);
    expect(chunked.count).toBe(expected.length);
    expect(progress.at(-1)).toEqual([expected.length, expected.length]);
    const file = path.join(os.tmpdir(), `bulk-tickets-${process.pid}.pdf`);
    writeFileSync(file, chunked.data);
    const pages = expected.map((_, i) => execFileSync("pdftotext", ["-enc", "UTF-8", "-f", String(i + 1), "-l", String(i + 1), file, "-"], { encoding: "utf8" }).replace(/\s+/g, ""));
    expect(execFileSync("pdfinfo", [file], { encoding: "utf8" })).toMatch(new RegExp(`Pages:\\s+${expected.length}\\b`));
    expected.forEach((t, i) => {
      expect(pages[i]).toContain(t.name);
      expect(pages[i]).toContain(t.ticketNo);
    });
  });
});

describe("报名号", () => {
  it("批量报名：报名号与单独报名的报名号不重复", async () => {
    const { submitOrgRegistration } = await import("@/lib/services/org-registrations");
    const { uploadPhoto } = await import("@/lib/services/photos");
    const { registrationInput } = await import("./person-fixtures");
    const one = async (i: number) => {
      const up = await uploadPhoto(db, trainer, { data: jpeg });
      if (!up.ok) throw new Error(up.error);
      const r = goodRow(i);
      return submitOrgRegistration(db, trainer, { ...registrationInput(dg, up.fileId), person: { idType: "resident", idNumber: String(r.idNumber), name: String(r.name), gender: "", birthDate: "", phone: "", education: "" } });
    };
    const before = await one(1100);
    const rows = [goodRow(1101), goodRow(1102)];
    const b = await upload(trainer, rows);
    await attachBatchPhotos(db, trainer, b.id, [{ name: "p.zip", data: photosFor(rows) }]);
    await confirmRegistrationBatch(db, trainer, b.id);
    const after = await one(1103);
    const nos = (await db.select({ no: registrations.registrationNo }).from(registrations).where(eq(registrations.importBatchId, b.id))).map((r) => r.no);
    const all = [before.registrationNo, ...nos, after.registrationNo];
    expect(new Set(all).size).toBe(4);
    expect([...all].sort()).toEqual(all);
  });
});
