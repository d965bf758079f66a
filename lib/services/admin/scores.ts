import "server-only";
import { inspectUpload, XLSX_UPLOAD_RULE } from "@/lib/uploads/inspect";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { examPlans, importBatches, registrations } from "@/db/schema";
import { ActionError } from "@/lib/errors";
import { UPLOAD_MAX_BYTES } from "@/lib/upload-limits";
import { writeAudit } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/roles";
import { columnLetter, readXlsxRows, type XlsxCell } from "@/lib/documents/xlsx";
import { saveFile } from "@/lib/storage/files";
import { parseScoreCell } from "@/lib/validations/admin/scores";
import { notificationLink } from "@/lib/services/notification-links";
import { assertAdmin, assertExamOver, assertPlanAllows, lockPlan, movePlan, notifyRegistrations } from "./common";
import { canTransition, transitionRefusal } from "./plan-status";
import { findColumn, type ImportReport, type RowError } from "@/lib/documents/spreadsheet-import";

function judge(score: number | null, passMark: number) {
  return score === null ? false : score >= passMark;
}

/** 成绩录入 for one candidate: a score, "缺考", or "" to clear what was entered. */
export async function recordScore(db: Db, user: SessionUser, registrationId: number, text: string, ip: string | null) {
  assertAdmin(user);
  const value = text.trim();
  return db.transaction(async (tx) => {
    const [reg] = await tx
      .select({ id: registrations.id, planId: registrations.planId, status: registrations.status, ticketNo: registrations.ticketNo, score: registrations.score, passed: registrations.passed, recorded: registrations.resultRecordedAt, personId: registrations.personId })
      .from(registrations)
      .where(eq(registrations.id, registrationId))
      .for("update");
    if (!reg) throw new ActionError("报名不存在");
    const plan = await lockPlan(tx, reg.planId);
    assertPlanAllows(plan, "score");
    assertExamOver(plan, "录入成绩");
    if (reg.status !== "seated") throw new ActionError("只有已编排考场的考生才能录入成绩");
    let after: { score: number | null; passed: boolean | null; absent?: boolean };
    if (value === "") after = { score: null, passed: null };
    else {
      const parsed = parseScoreCell(value);
      if (!parsed.ok) throw new ActionError(parsed.error, { score: [parsed.error] });
      after = { score: parsed.score, passed: judge(parsed.score, plan.passMark), absent: parsed.absent };
    }
    await tx
      .update(registrations)
      .set({ score: after.score, passed: after.passed, resultRecordedAt: value === "" ? null : new Date() })
      .where(eq(registrations.id, reg.id));
    await writeAudit(tx, {
      actor: user,
      ip,
      action: "score.recorded",
      entityType: "registration",
      entityId: reg.id,
      summary: `录入成绩：准考证号 ${reg.ticketNo}，${value === "" ? "清除成绩" : after.absent ? "缺考" : `${after.score} 分`}`,
      before: { score: reg.score, passed: reg.passed, recorded: reg.recorded !== null },
      after: { score: after.score, passed: after.passed, absent: after.absent ?? false },
    });
    return after;
  });
}

export const SCORE_COLUMNS = { ticket: ["准考证号"], score: ["成绩", "分数", "考试成绩"], name: ["姓名"] };

function text(c: XlsxCell) {
  return c === null ? "" : c instanceof Date ? "" : String(c).trim();
}

/**
 * 导入成绩 (.xlsx: 准考证号, 成绩, optional 姓名 checked against the ticket). Policy, all or nothing per file:
 * a score sheet with any wrong row is probably misaligned, so if one row is wrong nothing is applied and every
 * problem is reported with its row and column; a clean file is applied in one set-based statement.
 */
export async function importScores(
  db: Db,
  user: SessionUser,
  input: { planId: number; data: Buffer; fileName: string },
  ip: string | null,
): Promise<ImportReport> {
  assertAdmin(user);
  const inspected = inspectUpload({ name: input.fileName, data: input.data }, XLSX_UPLOAD_RULE);
  if (!inspected.ok) throw new ActionError(inspected.error);
  const parsed = await readXlsxRows(input.data, { maxRows: 50_000, maxBytes: UPLOAD_MAX_BYTES });
  if (!parsed.ok) throw new ActionError(parsed.error);
  const col = {
    ticket: findColumn(parsed.header, SCORE_COLUMNS.ticket),
    score: findColumn(parsed.header, SCORE_COLUMNS.score),
    name: findColumn(parsed.header, SCORE_COLUMNS.name),
  };
  const missing = [col.ticket < 0 ? "准考证号" : "", col.score < 0 ? "成绩" : ""].filter(Boolean);
  if (missing.length) throw new ActionError(`第 1 行表头缺少“${missing.join("”“")}”列，请使用下载的模板`);
  if (parsed.rows.length === 0) throw new ActionError("文件中没有数据行");

  return db.transaction(async (tx) => {
    const plan = await lockPlan(tx, input.planId);
    assertPlanAllows(plan, "score");
    assertExamOver(plan, "导入成绩");
    const seated = await tx.execute<{ id: number; ticketNo: string; name: string }>(sql`
      select r.id, r.ticket_no as "ticketNo", p.name from registrations r join persons p on p.id = r.person_id
      where r.plan_id = ${plan.id} and r.status = 'seated'`);
    const byTicket = new Map(seated.map((s) => [s.ticketNo, s]));
    const errors: RowError[] = [];
    const seen = new Map<string, number>();
    const apply: { id: number; score: number | null; passed: boolean }[] = [];
    for (const { rowNumber, cells } of parsed.rows) {
      const raw = cells[col.ticket];
      const ticket = typeof raw === "number" ? String(raw) : text(raw);
      if (!ticket) {
        errors.push({ row: rowNumber, column: columnLetter(col.ticket), message: "准考证号为空" });
        continue;
      }
      const reg = byTicket.get(ticket);
      if (!reg) {
        errors.push({ row: rowNumber, column: columnLetter(col.ticket), message: `准考证号 ${ticket} 不是本考试计划的考生` });
        continue;
      }
      const dup = seen.get(ticket);
      if (dup) {
        errors.push({ row: rowNumber, column: columnLetter(col.ticket), message: `准考证号与第 ${dup} 行重复` });
        continue;
      }
      seen.set(ticket, rowNumber);
      if (col.name >= 0) {
        const name = text(cells[col.name]);
        if (name && name !== reg.name) {
          errors.push({ row: rowNumber, column: columnLetter(col.name), message: `姓名“${name}”与准考证号对应的考生“${reg.name}”不符` });
          continue;
        }
      }
      const score = parseScoreCell(cells[col.score]);
      if (!score.ok) {
        errors.push({ row: rowNumber, column: columnLetter(col.score), message: score.error });
        continue;
      }
      apply.push({ id: reg.id, score: score.score, passed: judge(score.score, plan.passMark) });
    }
    const ok = errors.length === 0;
    const fileId = await saveFile(tx, { data: input.data, kind: "import", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ext: "xlsx", originalName: input.fileName, uploadedByUserId: user.id });
    const [batch] = await tx
      .insert(importBatches)
      .values({
        kind: "scores",
        planId: plan.id,
        uploadedByUserId: user.id,
        fileId,
        originalName: input.fileName.slice(0, 200),
        status: ok ? "applied" : "rejected",
        totalRows: parsed.rows.length,
        okRows: ok ? apply.length : 0,
        errorRows: errors.length,
        errors,
      })
      .returning({ id: importBatches.id });
    if (ok) {
      const updated = await tx.execute(sql`
        update registrations r set score = v.score, passed = v.passed, result_recorded_at = now(), updated_at = now()
        from jsonb_to_recordset(${JSON.stringify(apply)}::jsonb) as v(id int, score numeric, passed boolean)
        where r.id = v.id and r.plan_id = ${plan.id} and r.status = 'seated'
        returning r.id`);
      if (updated.length !== apply.length) throw new ActionError("考生状态已变化，请重新导入");
    }
    await writeAudit(tx, {
      actor: user,
      ip,
      action: ok ? "score.imported" : "score.import_rejected",
      entityType: "exam_plan",
      entityId: plan.id,
      summary: ok
        ? `导入成绩 ${input.fileName}：${plan.name}（${plan.code}），${apply.length} 人`
        : `导入成绩 ${input.fileName} 未导入：${plan.name}（${plan.code}），${errors.length} 行有错误`,
      after: { importBatchId: batch.id, totalRows: parsed.rows.length, okRows: ok ? apply.length : 0, errorRows: errors.length, passMark: plan.passMark },
    });
    return { batchId: batch.id, totalRows: parsed.rows.length, okRows: ok ? apply.length : 0, errors, applied: ok };
  });
}

/** 合格分数线. In "held" every recorded score is judged again against the new mark, in the same transaction. */
export async function setPassMark(db: Db, user: SessionUser, planId: number, passMark: number, ip: string | null) {
  assertAdmin(user);
  return db.transaction(async (tx) => {
    const plan = await lockPlan(tx, planId);
    assertPlanAllows(plan, "pass_mark");
    await tx.update(examPlans).set({ passMark }).where(eq(examPlans.id, plan.id));
    const rejudged = await tx.execute(sql`
      update registrations set passed = (score >= ${passMark}), updated_at = now()
      where plan_id = ${plan.id} and status = 'seated' and score is not null and passed is distinct from (score >= ${passMark})
      returning id`);
    await writeAudit(tx, {
      actor: user,
      ip,
      action: "plan.pass_mark_changed",
      entityType: "exam_plan",
      entityId: plan.id,
      summary: `修改合格分数线：${plan.name}（${plan.code}）${plan.passMark} → ${passMark}，${rejudged.length} 人合格判定改变`,
      before: { passMark: plan.passMark },
      after: { passMark, rejudged: rejudged.length },
    });
    return rejudged.length;
  });
}

/**
 * 发布成绩: held → results_published. Candidates with nothing recorded count as 缺考 (not passed). Every
 * candidate, and whoever submitted for them, is told; from now on their pages show the result.
 */
export async function publishResults(db: Db, user: SessionUser, planId: number, ip: string | null) {
  assertAdmin(user);
  return db.transaction(async (tx) => {
    const plan = await lockPlan(tx, planId);
    if (!canTransition(plan.status, "publish_results")) throw new ActionError(transitionRefusal(plan.status, "publish_results"));
    assertExamOver(plan, "发布成绩");
    const [{ recorded, total }] = await tx.execute<{ recorded: number; total: number }>(sql`
      select count(*) filter (where result_recorded_at is not null)::int as recorded, count(*)::int as total
      from registrations where plan_id = ${plan.id} and status = 'seated'`);
    if (plan.status === "held" && recorded === 0) throw new ActionError("尚未录入任何成绩，不能发布");
    await movePlan(tx, plan, "publish_results", { resultsPublishedAt: new Date() });
    await tx.execute(sql`
      update registrations set passed = false, result_recorded_at = now(), updated_at = now()
      where plan_id = ${plan.id} and status = 'seated' and result_recorded_at is null`);
    await notifyRegistrations(tx, {
      kind: "result_published",
      title: "成绩已发布",
      source: sql`from registrations r where r.plan_id = ${plan.id} and r.status = 'seated'`,
      body: sql`${`“${plan.name}”的考试成绩已发布，请登录系统查询成绩。合格分数线为 ${plan.passMark} 分。`}::text`,
      link: sql`${notificationLink.results(plan.id)}::text`,
    });
    const [{ passed, absent }] = await tx.execute<{ passed: number; absent: number }>(sql`
      select count(*) filter (where passed)::int as passed, count(*) filter (where score is null)::int as absent
      from registrations where plan_id = ${plan.id} and status = 'seated'`);
    await writeAudit(tx, {
      actor: user,
      ip,
      action: "plan.results_published",
      entityType: "exam_plan",
      entityId: plan.id,
      summary: `发布成绩：${plan.name}（${plan.code}），考生 ${total} 人，合格 ${passed} 人，缺考 ${absent} 人`,
      before: { status: plan.status },
      after: { status: "results_published", candidates: total, passed, absent },
    });
    return { candidates: total, passed };
  });
}
