import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { organizations, persons, registrations } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/roles";
import { REGISTRATION_IMPORT_COLUMNS, ID_TYPE_BY_LABEL, type RegistrationImportKey } from "@/lib/documents/registration-template";
import { cellDate, cellInteger, cellText, findColumn } from "@/lib/documents/spreadsheet-import";
import type { XlsxCell } from "@/lib/documents/xlsx";
import { parseChineseId, validateIdByType, type IdType } from "@/lib/identity/chinese-id";
import { parseOrgIdentifier } from "@/lib/identity/org-code";
import type { getPlan } from "@/lib/queries/plans";
import { addYears, beijingDate } from "@/lib/time";
import { EDUCATION_LEVELS } from "@/lib/validations/common";
import { MAX_RESUME_ROWS } from "@/lib/validations/registration";
import { checkEligibility } from "./registrations";

/**
 * The row-by-row check of 批量报名: every rule of the single registration form, plus what only a file can
 * get wrong (duplicates inside it, formulas). Nothing here writes; the caller saves the good rows.
 */

type Plan = NonNullable<Awaited<ReturnType<typeof getPlan>>>;

/** One bad cell (or, with col -1, a bad row): 第 row 行, the column title, the message. */
export type CellError = { row: number; col: number; column: string; message: string };

export type CheckedRow = {
  row: number;
  name: string;
  idType: IdType;
  idNumber: string;
  gender: "M" | "F";
  birthDate: string | null;
  education: string;
  phone: string;
  employerName: string;
  employerCode: string | null;
  workStartDate: string;
  yearsOfWork: number;
  resume: { period: string; employer: string; post: string }[];
  employerOpinion: string;
  /** The person on record with this ID number, if any. */
  personId: number | null;
};

const MAX = { name: 30, employerName: 60, employerOpinion: 500 } as const;
const GENDER = new Map([["男", "M" as const], ["女", "F" as const], ["M", "M" as const], ["F", "F" as const]]);

export type ColumnMap = Record<RegistrationImportKey, number>;

/** Columns by their titles (a red star or a note in the title is fine); the missing required titles. */
export function mapColumns(header: string[]): { cols: ColumnMap; missing: string[] } {
  const cols = {} as ColumnMap;
  const missing: string[] = [];
  for (const c of REGISTRATION_IMPORT_COLUMNS) {
    cols[c.key] = findColumn(header, [c.title]);
    if (cols[c.key] < 0 && c.required) missing.push(c.title);
  }
  return { cols, missing };
}

function parseResume(text: string): { ok: true; value: CheckedRow["resume"] } | { ok: false; error: string } {
  if (!text) return { ok: true, value: [] };
  const lines = text.split(/\r?\n|；|;/).map((l) => l.trim()).filter(Boolean);
  if (lines.length > MAX_RESUME_ROWS) return { ok: false, error: `个人简历最多${MAX_RESUME_ROWS}行` };
  const value: CheckedRow["resume"] = [];
  for (const [i, l] of lines.entries()) {
    const parts = l.split(/[，,|｜\t]/).map((p) => p.trim());
    if (parts.length !== 3 || parts.some((p) => !p)) return { ok: false, error: `个人简历第 ${i + 1} 段应为“起止时间，工作单位，岗位”` };
    if (parts[0].length > 40 || parts[1].length > 60 || parts[2].length > 30) return { ok: false, error: `个人简历第 ${i + 1} 段过长` };
    value.push({ period: parts[0], employer: parts[1], post: parts[2] });
  }
  return { ok: true, value };
}

export type CheckContext = {
  actor: SessionUser;
  plan: Plan;
  now: Date;
  /** Called every few hundred rows, for the progress bar. */
  onProgress?: (done: number) => Promise<void> | void;
};

/**
 * Checks every row. First each row alone (identifiers, required fields, lengths, dates, years against the
 * plan's rule), then the file as a whole (the same ID number twice), then against the database in a few set
 * queries: the person already registered for the plan, a known number with another name, a valid certificate
 * of the trade, and (enterprise) a row whose employer is not the enterprise itself.
 */
export async function checkRegistrationRows(
  db: DbOrTx,
  ctx: CheckContext,
  parsed: { header: string[]; rows: { rowNumber: number; cells: XlsxCell[] }[]; formulaCells: { rowNumber: number; col: number }[] },
): Promise<{ good: CheckedRow[]; errors: CellError[]; totalRows: number }> {
  const { cols } = mapColumns(parsed.header);
  const title = (k: RegistrationImportKey) => REGISTRATION_IMPORT_COLUMNS.find((c) => c.key === k)!.title;
  const errors: CellError[] = [];
  const bad = new Set<number>();
  const err = (row: number, k: RegistrationImportKey | null, message: string) => {
    errors.push({ row, col: k ? cols[k] : -1, column: k ? title(k) : "", message });
    bad.add(row);
  };
  const today = beijingDate(ctx.now);

  let org: { name: string; uscc: string | null; orgCode: string | null } | null = null;
  if (ctx.actor.role === "enterprise" && ctx.actor.organizationId) {
    [org] = await db.select({ name: organizations.name, uscc: organizations.uscc, orgCode: organizations.orgCode }).from(organizations).where(eq(organizations.id, ctx.actor.organizationId));
  }

  const formulaRows = new Map<number, number[]>();
  for (const f of parsed.formulaCells) formulaRows.set(f.rowNumber, [...(formulaRows.get(f.rowNumber) ?? []), f.col]);

  const rows: CheckedRow[] = [];
  const byId = new Map<string, number>();
  let done = 0;
  for (const { rowNumber: r, cells } of parsed.rows) {
    const get = (k: RegistrationImportKey) => (cols[k] >= 0 ? cells[cols[k]] ?? null : null);
    const text = (k: RegistrationImportKey) => cellText(get(k));

    for (const col of formulaRows.get(r) ?? []) {
      const c = REGISTRATION_IMPORT_COLUMNS.find((x) => cols[x.key] === col);
      errors.push({ row: r, col, column: c?.title ?? "", message: "单元格含有公式，请改为直接填写的值" });
      bad.add(r);
    }
    for (const c of REGISTRATION_IMPORT_COLUMNS) if (c.required && !text(c.key)) err(r, c.key, `请填写${c.title}`);

    const name = text("name");
    if (name.length > MAX.name) err(r, "name", `姓名不能超过${MAX.name}个字`);

    const idType = ID_TYPE_BY_LABEL.get(text("idType")) ?? (text("idType") ? null : "resident");
    if (idType === null) err(r, "idType", "证件类型应从下拉列表选择");
    let idNumber = text("idNumber").toUpperCase();
    let derived: { gender: "M" | "F"; birthDate: string } | null = null;
    if (idType && idNumber) {
      const v = validateIdByType(idType, idNumber);
      if (!v.ok) err(r, "idNumber", v.error);
      else {
        idNumber = v.value;
        if (idType === "resident") {
          const p = parseChineseId(idNumber);
          if (p.ok) derived = { gender: p.gender, birthDate: p.birthDate };
        }
        const first = byId.get(`${idType}:${idNumber}`);
        if (first) err(r, "idNumber", `证件号码与第 ${first} 行重复`);
        else byId.set(`${idType}:${idNumber}`, r);
      }
    }

    const genderText = text("gender");
    let gender = genderText ? GENDER.get(genderText) ?? null : null;
    if (genderText && !gender) err(r, "gender", "性别应为“男”或“女”");
    if (derived && gender && gender !== derived.gender) err(r, "gender", "性别与身份证号码不符");
    gender = derived?.gender ?? gender;
    if (!gender && idType && idType !== "resident") err(r, "gender", "请填写性别");

    let birthDate: string | null = null;
    if (get("birthDate") !== null) {
      birthDate = cellDate(get("birthDate"));
      if (!birthDate) err(r, "birthDate", "出生日期不是有效日期（如 1990-03-07）");
      else if (birthDate > today) err(r, "birthDate", "出生日期不能晚于今天");
      else if (derived && birthDate !== derived.birthDate) err(r, "birthDate", "出生日期与身份证号码不符");
    }
    birthDate = derived?.birthDate ?? birthDate;

    const education = text("education");
    if (education && !(EDUCATION_LEVELS as readonly string[]).includes(education)) err(r, "education", "学历应从下拉列表选择");
    const phone = text("phone");
    if (phone && !/^1[3-9]\d{9}$/.test(phone)) err(r, "phone", "手机号码应为11位");

    const employerName = text("employerName");
    if (employerName.length > MAX.employerName) err(r, "employerName", `工作单位不能超过${MAX.employerName}个字`);
    const codeText = text("employerCode");
    let employerCode: string | null = null;
    if (codeText) {
      const c = parseOrgIdentifier(codeText);
      if (!c.ok) err(r, "employerCode", c.error);
      else employerCode = c.code;
    }
    if (org && employerName) {
      const codeIsOwn = employerCode && (employerCode === org.uscc || employerCode === org.orgCode || employerCode.slice(8, 17) === org.orgCode);
      if (employerCode ? !codeIsOwn : employerName !== org.name) {
        err(r, employerCode ? "employerCode" : "employerName", `工作单位不是本单位（${org.name}），企业只能为本单位人员批量报名`);
      }
    }

    let workStartDate: string | null = null;
    if (get("workStartDate") !== null) {
      workStartDate = cellDate(get("workStartDate"));
      if (!workStartDate) err(r, "workStartDate", "参加工作时间不是有效日期（如 2012-07-01）");
      else if (workStartDate > today) err(r, "workStartDate", "参加工作时间不能晚于今天");
      else if (birthDate && workStartDate < addYears(birthDate, 16)) err(r, "workStartDate", "参加工作时间应在年满16周岁之后");
    }

    let yearsOfWork: number | null = null;
    if (get("yearsOfWork") !== null) {
      yearsOfWork = cellInteger(get("yearsOfWork"));
      if (yearsOfWork === null || yearsOfWork > 70) err(r, "yearsOfWork", "从事工作年限应为0至70之间的整数");
    }
    const trade = text("trade");
    if (trade && trade !== ctx.plan.tradeName) err(r, "trade", `岗位工种应为本考试计划的“${ctx.plan.tradeName}”`);
    const resume = parseResume(text("resume"));
    if (!resume.ok) err(r, "resume", resume.error);
    const employerOpinion = text("employerOpinion");
    if (employerOpinion.length > MAX.employerOpinion) err(r, "employerOpinion", `聘用单位意见不能超过${MAX.employerOpinion}个字`);

    if (!bad.has(r) && idType && workStartDate && yearsOfWork !== null) {
      // The single form's own rules; the photo comes with the batch photos, checked when saving.
      const p = checkEligibility({ plan: ctx.plan, person: { idType, idNumber }, yearsOfWork, workStartDate, photoFileId: "batch", now: ctx.now, checkWindow: false });
      if (p) err(r, p.field === "yearsOfWork" ? "yearsOfWork" : "idNumber", p.message);
    }
    if (!bad.has(r)) {
      rows.push({
        row: r, name, idType: idType!, idNumber, gender: gender!, birthDate, education, phone, employerName, employerCode,
        workStartDate: workStartDate!, yearsOfWork: yearsOfWork!, resume: resume.ok ? resume.value : [], employerOpinion, personId: null,
      });
    }
    if (++done % 500 === 0) await ctx.onProgress?.(done);
  }

  // Against the database, in chunks of ID numbers.
  const CHUNK = 5_000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const known = await db
      .select({ id: persons.id, idType: persons.idType, idNumber: persons.idNumber, name: persons.name })
      .from(persons)
      .where(inArray(persons.idNumber, part.map((p) => p.idNumber)));
    const byKey = new Map(known.map((k) => [`${k.idType}:${k.idNumber}`, k]));
    for (const row of part) {
      const k = byKey.get(`${row.idType}:${row.idNumber}`);
      if (!k) continue;
      row.personId = k.id;
      if (k.name.replace(/\s+/g, "") !== row.name.replace(/\s+/g, "")) err(row.row, "name", "姓名与证件号码不符，请核对");
    }
    const ids = part.map((p) => p.personId).filter((x): x is number => x !== null);
    if (ids.length) {
      const taken = await db
        .select({ personId: registrations.personId, kind: registrations.submitterKind, org: registrations.submitterOrgId, status: registrations.status })
        .from(registrations)
        .where(and(eq(registrations.planId, ctx.plan.id), inArray(registrations.personId, ids)));
      const takenBy = new Map(taken.map((t) => [t.personId, t]));
      const certified = await db.execute<{ personId: number }>(sql`
        select distinct person_id as "personId" from certificates
        where person_id = any(${sql.param(ids)}::int[]) and trade_id = ${ctx.plan.tradeId} and status = 'valid' and valid_until >= ${today}::date`);
      const holds = new Set(certified.map((c) => c.personId));
      for (const row of part) {
        if (row.personId === null) continue;
        const t = takenBy.get(row.personId);
        if (t) {
          const own = t.kind === ctx.actor.role && t.org === ctx.actor.organizationId;
          const resubmittable = own && (t.status === "withdrawn" || t.status === "rejected");
          if (!resubmittable) err(row.row, "idNumber", own ? "此人已报名本考试计划，不能重复报名" : "此人已由其他单位或本人报名本考试计划，不能重复报名");
        }
        if (holds.has(row.personId)) err(row.row, "idNumber", "此人已持有该工种的有效证书，不需要再报名");
      }
    }
  }
  await ctx.onProgress?.(parsed.rows.length);
  errors.sort((a, b) => a.row - b.row || a.col - b.col);
  return { good: rows.filter((r) => !bad.has(r.row)), errors, totalRows: parsed.rows.length };
}
