/**
 * 确认导入 after the database moved on since the file was checked: the kept rows are checked against the
 * database again (someone registered a person meanwhile), and the whole file again when what its own rules
 * read has changed (here the plan's minimum years).
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { examPlans, importBatches, registrations } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/roles";
import { submitOrgRegistration } from "@/lib/services/org-registrations";
import { uploadPhoto } from "@/lib/services/photos";
import { attachBatchPhotos, checkRegistrationBatch, confirmRegistrationBatch, uploadRegistrationBatch } from "@/lib/services/batch-registrations";
import { actAs } from "../support/users";
import { goodRow, smallJpeg, workbookWith, zipOf, type Row } from "./batch-fixtures";
import { planByCode, registrationInput } from "./person-fixtures";

let enterprise: SessionUser;
let trainer: SessionUser;
let dg: number;
let jpeg: Buffer;

beforeAll(async () => {
  enterprise = (await actAs("chengjian"))!;
  trainer = (await actAs("peixun"))!;
  dg = (await planByCode("KS2026-DG-04")).id;
  jpeg = await smallJpeg();
});

async function checkedWithPhotos(rows: Row[]) {
  const b = await uploadRegistrationBatch(db, enterprise, { planId: dg, data: await workbookWith(rows), fileName: `确认${rows[0].idNumber}.xlsx` });
  const checked = await checkRegistrationBatch(db, b.id);
  expect(checked).toMatchObject({ status: "checked", okRows: rows.length, errors: [] });
  await attachBatchPhotos(db, enterprise, b.id, [{ name: "p.zip", data: zipOf(Object.fromEntries(rows.map((r) => [`${r.idNumber}.jpg`, jpeg]))) }]);
  return b;
}

describe("确认导入时再次检查", () => {
  it("检查后他人为第 3 行的人员报名：确认导入时该行被拒绝并给出行号，其余行保存", async () => {
    const rows = [goodRow(2000), goodRow(2001), goodRow(2002)];
    const b = await checkedWithPhotos(rows);
    // Meanwhile a training institution registers the person of row 3 on its own.
    const up = await uploadPhoto(db, trainer, { data: jpeg });
    if (!up.ok) throw new Error(up.error);
    const r = rows[1];
    await submitOrgRegistration(db, trainer, {
      ...registrationInput(dg, up.fileId),
      person: { idType: "resident", idNumber: String(r.idNumber), name: String(r.name), gender: "", birthDate: "", phone: "", education: "" },
    });

    const done = await confirmRegistrationBatch(db, enterprise, b.id);
    expect(done).toMatchObject({ status: "applied", okRows: 2, errorRows: 1 });
    expect(done.errors).toEqual([{ row: 3, column: "证件号码", message: "此人已由其他单位或本人报名本考试计划，不能重复报名" }]);
    const saved = await db.select({ no: registrations.registrationNo, submitter: registrations.submitterKind }).from(registrations).where(eq(registrations.importBatchId, b.id));
    expect(saved).toHaveLength(2);
    // The person of row 3 keeps the one registration the institution made.
    const [{ n }] = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from registrations g join persons p on p.id = g.person_id where g.plan_id = ${dg} and p.id_number = ${String(r.idNumber)}`);
    expect(n).toBe(1);
    // Nothing of the batch is kept once it is saved.
    const [{ kept }] = await db.execute<{ kept: number }>(sql`select count(*)::int as kept from import_batch_rows where batch_id = ${b.id}`);
    expect(kept).toBe(0);
  });

  it("选择全部正确才导入时，检查后变为不能报名的行使整个批次不保存", async () => {
    const rows = [goodRow(2010), goodRow(2011)];
    const b0 = await uploadRegistrationBatch(db, enterprise, { planId: dg, data: await workbookWith(rows), fileName: "全部正确.xlsx", allOrNothing: true });
    await checkRegistrationBatch(db, b0.id);
    await attachBatchPhotos(db, enterprise, b0.id, [{ name: "p.zip", data: zipOf(Object.fromEntries(rows.map((r) => [`${r.idNumber}.jpg`, jpeg]))) }]);
    const up = await uploadPhoto(db, trainer, { data: jpeg });
    if (!up.ok) throw new Error(up.error);
    await submitOrgRegistration(db, trainer, {
      ...registrationInput(dg, up.fileId),
      person: { idType: "resident", idNumber: String(rows[0].idNumber), name: String(rows[0].name), gender: "", birthDate: "", phone: "", education: "" },
    });
    const done = await confirmRegistrationBatch(db, enterprise, b0.id);
    expect(done).toMatchObject({ status: "rejected", okRows: 0, errorRows: 1 });
    expect(done.errors.map((e) => e.row)).toEqual([2]);
    expect(await db.$count(registrations, eq(registrations.importBatchId, b0.id))).toBe(0);
  });

  it("检查后考试计划要求的从事工作年限提高：确认导入时重新检查文件，年限不足的行被拒绝", async () => {
    const rows = [goodRow(2020, { yearsOfWork: 3 }), goodRow(2021, { yearsOfWork: 12 })];
    const b = await checkedWithPhotos(rows);
    const [{ minWorkYears }] = await db.select({ minWorkYears: examPlans.minWorkYears }).from(examPlans).where(eq(examPlans.id, dg));
    await db.update(examPlans).set({ minWorkYears: 5 }).where(eq(examPlans.id, dg));
    try {
      const done = await confirmRegistrationBatch(db, enterprise, b.id);
      expect(done).toMatchObject({ status: "applied", okRows: 1, errorRows: 1 });
      expect(done.errors).toEqual([{ row: 2, column: "从事工作年限", message: "从事工作年限不足：该考试要求至少 5 年，填写的为 3 年" }]);
      const [after] = await db.select({ checkKey: importBatches.checkKey }).from(importBatches).where(eq(importBatches.id, b.id));
      expect(after.checkKey).toBeTruthy();
    } finally {
      await db.update(examPlans).set({ minWorkYears }).where(eq(examPlans.id, dg));
    }
  });
});
