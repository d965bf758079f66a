import "server-only";
import { inspectUpload, XLSX_UPLOAD_RULE } from "@/lib/uploads/inspect";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { importBatches } from "@/db/schema";
import { ActionError } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { columnLetter, readXlsxRows } from "@/lib/documents/xlsx";
import { cellCents, cellDate, cellText, findColumn, type ImportReport, type RowError } from "@/lib/documents/spreadsheet-import";
import { saveFile } from "@/lib/storage/files";
import { beijingDate, parseBeijingDateTime } from "@/lib/time";
import { writeAuditMany } from "@/lib/audit";
import { assertAdmin, assertPlanAllows, lockPlan, yuan } from "./common";
import { lockForMove } from "./review";
import type { RegistrationStatus } from "@/db/schema";
import { REGISTRATION_STATUS_LABELS } from "@/lib/domain/statuses";

/** 登记缴费 for ticked registrations: the plan's fee, today. Paid is final: nothing here or anywhere undoes it. */
export async function markPaid(db: Db, user: SessionUser, ids: number[], paymentRef: string, ip: string | null) {
  assertAdmin(user);
  return db.transaction(async (tx) => {
    const rows = await lockForMove(tx, ids, "pay", "pay");
    await tx.execute(sql`
      update registrations r set status = 'paid', paid_at = now(), paid_amount_cents = ep.fee_cents,
             payment_ref = ${paymentRef || null}, updated_at = now()
      from exam_plans ep
      where ep.id = r.plan_id and r.id = any(${sql.param(rows.map((r) => r.id))}::int[]) and r.status = 'approved'`);
    await writeAuditMany(
      tx,
      rows.map((r) => ({
        actor: user,
        ip,
        action: "registration.paid",
        entityType: "registration",
        entityId: r.id,
        summary: `登记缴费：${r.personName} 报名 ${r.planName}（${r.registrationNo}），${yuan(r.feeCents)} 元`,
        before: { status: r.status },
        after: { status: "paid", amountCents: r.feeCents, paymentRef: paymentRef || null },
      })),
    );
    return rows.length;
  });
}

export const PAYMENT_COLUMNS = { key: ["证件号码或报名号", "证件号码", "身份证号", "身份证号码", "报名号"], amount: ["金额", "缴费金额"], date: ["缴费日期", "日期", "交易日期"], ref: ["流水号", "交易流水号", "凭证号"] };

/**
 * 导入银行对账单 (.xlsx: 证件号码或报名号, 金额, 缴费日期, optional 流水号) for one plan.
 * Policy, per valid row: every row that matches an approved registration of the plan with the right amount is
 * marked paid; every other row is reported with its row and column and changes nothing. A row is applied
 * whole or not at all, and all applied rows commit together in one transaction with the import record.
 * Bank statements carry unrelated payments, so one stranger row must not hold up everyone else's payment.
 */
export async function importPayments(
  db: Db,
  user: SessionUser,
  input: { planId: number; data: Buffer; fileName: string },
  ip: string | null,
): Promise<ImportReport> {
  assertAdmin(user);
  const inspected = inspectUpload({ name: input.fileName, data: input.data }, XLSX_UPLOAD_RULE);
  if (!inspected.ok) throw new ActionError(inspected.error);
  const parsed = await readXlsxRows(input.data, { maxRows: 20_000 });
  if (!parsed.ok) throw new ActionError(parsed.error);
  const col = {
    key: findColumn(parsed.header, PAYMENT_COLUMNS.key),
    amount: findColumn(parsed.header, PAYMENT_COLUMNS.amount),
    date: findColumn(parsed.header, PAYMENT_COLUMNS.date),
    ref: findColumn(parsed.header, PAYMENT_COLUMNS.ref),
  };
  const missing = [col.key < 0 ? "证件号码或报名号" : "", col.amount < 0 ? "金额" : "", col.date < 0 ? "缴费日期" : ""].filter(Boolean);
  if (missing.length) throw new ActionError(`第 1 行表头缺少“${missing.join("”“")}”列，请使用下载的模板`);
  if (parsed.rows.length === 0) throw new ActionError("文件中没有数据行");

  return db.transaction(async (tx) => {
    const plan = await lockPlan(tx, input.planId);
    assertPlanAllows(plan, "pay");
    const keys = [...new Set(parsed.rows.map((r) => cellText(r.cells[col.key]).toUpperCase()).filter(Boolean))];
    const found = await tx.execute<{ id: number; no: string; idNumber: string; status: RegistrationStatus; name: string; personId: number }>(sql`
      select r.id, r.registration_no as "no", p.id_number as "idNumber", r.status, p.name, r.person_id as "personId"
      from registrations r join persons p on p.id = r.person_id
      where r.plan_id = ${plan.id}
        and (r.registration_no = any(${sql.param(keys)}::text[]) or p.id_number = any(${sql.param(keys)}::text[]))
      for update of r`);
    const byKey = new Map<string, (typeof found)[number]>();
    for (const f of found) {
      byKey.set(f.no.toUpperCase(), f);
      byKey.set(f.idNumber.toUpperCase(), f);
    }

    const errors: RowError[] = [];
    const seen = new Map<number, number>(); // registration id → row
    const apply: { id: number; paidAt: string; cents: number; ref: string | null; row: number; name: string; no: string }[] = [];
    const L = (i: number) => columnLetter(i);
    const today = beijingDate();
    for (const { rowNumber, cells } of parsed.rows) {
      const key = cellText(cells[col.key]).toUpperCase();
      if (!key) {
        errors.push({ row: rowNumber, column: L(col.key), message: "证件号码或报名号为空" });
        continue;
      }
      const reg = byKey.get(key);
      if (!reg) {
        errors.push({ row: rowNumber, column: L(col.key), message: `未找到本考试计划中证件号码或报名号为 ${key} 的报名` });
        continue;
      }
      const dupOf = seen.get(reg.id);
      if (dupOf) {
        errors.push({ row: rowNumber, column: L(col.key), message: `与第 ${dupOf} 行是同一报名，重复缴费记录未登记` });
        continue;
      }
      seen.set(reg.id, rowNumber);
      if (reg.status !== "approved") {
        const why = reg.status === "paid" || reg.status === "seated" ? "已缴费，未重复登记" : `报名状态为“${REGISTRATION_STATUS_LABELS[reg.status]}”，不能登记缴费`;
        errors.push({ row: rowNumber, column: L(col.key), message: `${reg.name}（${reg.no}）${why}` });
        continue;
      }
      const cents = cellCents(cells[col.amount]);
      if (cents === null) {
        errors.push({ row: rowNumber, column: L(col.amount), message: "金额格式不正确" });
        continue;
      }
      if (cents !== plan.feeCents) {
        errors.push({ row: rowNumber, column: L(col.amount), message: `金额 ${yuan(cents)} 元与报名费 ${yuan(plan.feeCents)} 元不符` });
        continue;
      }
      const date = cellDate(cells[col.date]);
      if (!date) {
        errors.push({ row: rowNumber, column: L(col.date), message: "缴费日期格式不正确，应为 年-月-日" });
        continue;
      }
      if (date > today) {
        errors.push({ row: rowNumber, column: L(col.date), message: "缴费日期不能晚于今天" });
        continue;
      }
      const ref = col.ref >= 0 ? cellText(cells[col.ref]).slice(0, 60) || null : null;
      apply.push({ id: reg.id, paidAt: parseBeijingDateTime(`${date}T12:00`)!.toISOString(), cents, ref, row: rowNumber, name: reg.name, no: reg.no });
    }

    const fileId = await saveFile(tx, { data: input.data, kind: "import", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ext: "xlsx", originalName: input.fileName, uploadedByUserId: user.id });
    const [batch] = await tx
      .insert(importBatches)
      .values({
        kind: "payments",
        planId: plan.id,
        uploadedByUserId: user.id,
        fileId,
        originalName: input.fileName.slice(0, 200),
        status: apply.length > 0 ? "applied" : "rejected",
        totalRows: parsed.rows.length,
        okRows: apply.length,
        errorRows: errors.length,
        errors,
      })
      .returning({ id: importBatches.id });

    if (apply.length > 0) {
      const updated = await tx.execute(sql`
        update registrations r set status = 'paid', paid_at = v.paid_at, paid_amount_cents = v.cents, payment_ref = v.ref, updated_at = now()
        from jsonb_to_recordset(${JSON.stringify(apply.map(({ id, paidAt, cents, ref }) => ({ id, paid_at: paidAt, cents, ref })))}::jsonb)
             as v(id int, paid_at timestamptz, cents int, ref text)
        where r.id = v.id and r.status = 'approved'
        returning r.id`);
      if (updated.length !== apply.length) throw new ActionError("报名状态已变化，请重新导入");
      await writeAuditMany(
        tx,
        apply.map((a) => ({
          actor: user,
          ip,
          action: "registration.paid",
          entityType: "registration",
          entityId: a.id,
          summary: `导入缴费：${a.name}（${a.no}），${yuan(a.cents)} 元，对账单第 ${a.row} 行`,
          before: { status: "approved" },
          after: { status: "paid", amountCents: a.cents, paidAt: a.paidAt, paymentRef: a.ref, importBatchId: batch.id },
        })),
      );
    }
    await writeAuditMany(tx, [
      {
        actor: user,
        ip,
        action: "payment.imported",
        entityType: "exam_plan",
        entityId: plan.id,
        summary: `导入缴费对账单 ${input.fileName}：${plan.name}，共 ${parsed.rows.length} 行，登记 ${apply.length} 行，未匹配 ${errors.length} 行`,
        after: { importBatchId: batch.id, totalRows: parsed.rows.length, okRows: apply.length, errorRows: errors.length },
      },
    ]);
    return { batchId: batch.id, totalRows: parsed.rows.length, okRows: apply.length, errors, applied: apply.length > 0 };
  });
}
