import "server-only";
import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { organizations } from "@/db/schema";
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
 * get wrong (duplicates inside it, formulas). Two parts:
 * - checkRowsAlone: each row alone and the file as a whole (no database but the enterprise's own record);
 * - databaseRuleErrors: the rules that depend on what is in the database, in one set query over the rows the
 *   caller has staged in import_batch_rows (run when the file is checked and again at 确认导入).
 * Nothing here writes; the caller stages and saves the good rows.
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

type OrgRecord = { name: string; uscc: string | null; orgCode: string | null };

async function ownOrganization(db: DbOrTx, actor: SessionUser): Promise<OrgRecord | null> {
  if (actor.role !== "enterprise" || !actor.organizationId) return null;
  const [org] = await db.select({ name: organizations.name, uscc: organizations.uscc, orgCode: organizations.orgCode }).from(organizations).where(eq(organizations.id, actor.organizationId));
  return org ?? null;
}

/**
 * Everything the rules of checkRowsAlone read besides the file, as one short key: the submitter, the
 * enterprise's name and codes, the plan's trade and minimum years, and the Beijing date (dates must not be in
 * the future, years since work start). The same key at 确认导入 means the file would check the same again.
 */
export async function checkContextKey(db: DbOrTx, ctx: Pick<CheckContext, "actor" | "plan" | "now">): Promise<string> {
  return keyOf(ctx, await ownOrganization(db, ctx.actor));
}

function keyOf(ctx: Pick<CheckContext, "actor" | "plan" | "now">, org: OrgRecord | null) {
  const parts = [ctx.actor.role, ctx.actor.organizationId, org, ctx.plan.id, ctx.plan.tradeName, ctx.plan.minWorkYears, beijingDate(ctx.now)];
  return crypto.createHash("sha256").update(JSON.stringify(parts)).digest("base64url");
}

/**
 * Checks each row alone (identifiers, required fields, lengths, dates, years against the plan's rule) and the
 * file as a whole (the same ID number twice, formulas). `candidates` are the rows that passed, in file order,
 * for databaseRuleErrors; `key` is checkContextKey of this check.
 */
export async function checkRowsAlone(
  db: DbOrTx,
  ctx: CheckContext,
  parsed: { header: string[]; rows: { rowNumber: number; cells: XlsxCell[] }[]; formulaCells: { rowNumber: number; col: number }[] },
): Promise<{ candidates: CheckedRow[]; errors: CellError[]; totalRows: number; key: string }> {
  const { cols } = mapColumns(parsed.header);
  const title = (k: RegistrationImportKey) => TITLES.get(k)!;
  const errors: CellError[] = [];
  const bad = new Set<number>();
  const err = (row: number, k: RegistrationImportKey | null, message: string) => {
    errors.push({ row, col: k ? cols[k] : -1, column: k ? title(k) : "", message });
    bad.add(row);
  };
  const today = beijingDate(ctx.now);
  const org = await ownOrganization(db, ctx.actor);
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
      // A resident number parsed once gives the same as validateIdByType and then parsing its 18-digit form
      // (the upgraded 15-digit number keeps its birth date and sequence).
      const p = idType === "resident" ? parseChineseId(idNumber) : null;
      const v = p ? (p.ok ? { ok: true as const, value: p.id18 } : { ok: false as const, error: p.error }) : validateIdByType(idType, idNumber);
      if (!v.ok) err(r, "idNumber", v.error);
      else {
        idNumber = v.value;
        if (p?.ok) derived = { gender: p.gender, birthDate: p.birthDate };
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
        workStartDate: workStartDate!, yearsOfWork: yearsOfWork!, resume: resume.ok ? resume.value : [], employerOpinion,
      });
    }
    if (++done % 500 === 0) await ctx.onProgress?.(done);
  }

  errors.sort((a, b) => a.row - b.row || a.col - b.col);
  return { candidates: rows, errors, totalRows: parsed.rows.length, key: keyOf(ctx, org) };
}

const TITLES = new Map(REGISTRATION_IMPORT_COLUMNS.map((c) => [c.key, c.title]));
const TEMPLATE_ORDER = new Map(REGISTRATION_IMPORT_COLUMNS.map((c, i) => [c.key, i]));

/** A row that breaks a database rule: the column it belongs to and the message. */
export type RuleError = { row: number; key: "name" | "idNumber"; column: string; message: string };

const sameName = (a: string, b: string) => a.replace(/\s+/g, "") === b.replace(/\s+/g, "");

/**
 * The rules that depend on the database, for the rows of a batch staged in import_batch_rows, in one query
 * (only the rows that break one come back): a known ID number with another name, the person already
 * registered for the plan (their own withdrawn or rejected registration may be submitted again; someone
 * else's is never named), and a valid certificate of the plan's trade. In row order; within a row in the
 * order of `order` (the file's columns; the template's by default).
 */
export async function databaseRuleErrors(
  db: DbOrTx,
  ctx: { actor: SessionUser; plan: Plan; now: Date },
  batchId: number,
  order: Partial<Record<RegistrationImportKey, number>> = Object.fromEntries(TEMPLATE_ORDER),
): Promise<RuleError[]> {
  const today = beijingDate(ctx.now);
  const found = await db.execute<{ row: number; rowName: string; personName: string; kind: string | null; org: number | null; status: string | null; certified: boolean }>(sql`
    select r.row_no as "row", r.name as "rowName", p.name as "personName",
      g.submitter_kind as kind, g.submitter_org_id as org, g.status, c.certified
    from import_batch_rows r
    join persons p on p.id_type = r.id_type and p.id_number = r.id_number
    left join registrations g on g.plan_id = ${ctx.plan.id} and g.person_id = p.id
    cross join lateral (
      select exists (select 1 from certificates c where c.person_id = p.id and c.trade_id = ${ctx.plan.tradeId} and c.status = 'valid' and c.valid_until >= ${today}::date) as certified
    ) c
    where r.batch_id = ${batchId} and (p.name <> r.name or g.id is not null or c.certified)
    order by r.row_no`);
  const out: RuleError[] = [];
  for (const f of found) {
    const at = (key: RuleError["key"], message: string) => out.push({ row: f.row, key, column: TITLES.get(key)!, message });
    if (!sameName(f.personName, f.rowName)) at("name", "姓名与证件号码不符，请核对");
    if (f.status) {
      const own = f.kind === ctx.actor.role && f.org === ctx.actor.organizationId;
      const resubmittable = own && (f.status === "withdrawn" || f.status === "rejected");
      if (!resubmittable) at("idNumber", own ? "此人已报名本考试计划，不能重复报名" : "此人已由其他单位或本人报名本考试计划，不能重复报名");
    }
    if (f.certified) at("idNumber", "此人已持有该工种的有效证书，不需要再报名");
  }
  const col = (k: RuleError["key"]) => order[k] ?? TEMPLATE_ORDER.get(k)!;
  return out.sort((a, b) => a.row - b.row || col(a.key) - col(b.key));
}
