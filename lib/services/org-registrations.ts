import "server-only";
import { and, asc, count, eq, ilike, like, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { persons, registrations } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { AccessDenied, ActionError } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { maskIdNumber, parseChineseId, type IdType } from "@/lib/identity/chinese-id";
import { getPlan } from "@/lib/queries/plans";
import { likePattern } from "@/lib/queries/like";
import { beijingDate } from "@/lib/time";
import type { EmployeeSearchInput, IdLookup, OrgRegistrationValues, Registrant } from "@/lib/validations/org-registration";
import { employeeSearchSchema } from "@/lib/validations/org-registration";
import { REGISTRATION_STATUS_LABELS } from "@/lib/domain/statuses";
import { canResubmit, isSubmitter } from "@/lib/domain/rules";
import {
  PERSON_ROW_COLUMNS,
  registerPerson,
  validCertificateOfTrade,
  type PersonRow,
} from "./registrations";

/**
 * The enterprise's and the training institution's side of 考试报名 (one person at a time). The eligibility
 * rules, photo handling and numbering are those of ./registrations (registerPerson); this module decides
 * who the person is and what the submitter may learn about them:
 * - an enterprise searches its employees (personId) or types an ID number;
 * - a training institution only ever types an ID number and the matching name;
 * - a number nobody holds yet creates the person on save (gender and birth date from a resident ID).
 */

type OrgActor = SessionUser & { role: "enterprise" | "trainer" };

function assertOrg(actor: SessionUser): asserts actor is OrgActor {
  if ((actor.role !== "enterprise" && actor.role !== "trainer") || !actor.organizationId) throw new AccessDenied();
}

export const NAME_MISMATCH = "姓名与证件号码不符，请核对后重新输入";

// ---------------------------------------------------------------------------------------------------------
// Finding the person

export type EmployeeListRow = { id: number; name: string; idType: IdType; idNumberMasked: string; gender: "M" | "F"; employerName: string | null };

/** 企业人员: the enterprise's employees by name (contains) or ID number (prefix), paginated in SQL. */
export async function searchEmployees(db: DbOrTx, actor: SessionUser, raw: EmployeeSearchInput = {}) {
  if (actor.role !== "enterprise" || !actor.organizationId) throw new AccessDenied();
  const f = employeeSearchSchema.parse(raw);
  const q = f.q.toUpperCase();
  const where = and(
    eq(persons.employerOrgId, actor.organizationId),
    q ? (/^[0-9A-Z]{4,}$/.test(q) ? like(persons.idNumber, `${q.replace(/[\\%_]/g, "")}%`) : ilike(persons.name, likePattern(f.q))) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ id: persons.id, name: persons.name, idType: persons.idType, idNumber: persons.idNumber, gender: persons.gender, employerName: persons.employerName })
      .from(persons)
      .where(where)
      .orderBy(asc(persons.name), asc(persons.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(persons).where(where),
  ]);
  const out: EmployeeListRow[] = rows.map(({ idNumber, ...r }) => ({ ...r, idNumberMasked: maskIdNumber(idNumber) }));
  return { rows: out, total, page: f.page, pageSize: f.pageSize };
}

/** The stored data of an employee, to fill in the form: only for the enterprise that employs them. */
export type EmployeeDetails = {
  id: number;
  name: string;
  idType: IdType;
  idNumber: string;
  gender: "M" | "F";
  birthDate: string | null;
  phone: string | null;
  education: string | null;
  employerName: string | null;
  workStartDate: string | null;
  photoFileId: string | null;
};

/** 选择 an employee from the search: the stored data the form fills in, only for the enterprise employing them. */
export async function getEmployee(db: DbOrTx, actor: SessionUser, personId: number): Promise<EmployeeDetails> {
  if (actor.role !== "enterprise" || !actor.organizationId) throw new AccessDenied();
  const [p] = await db
    .select({
      id: persons.id,
      name: persons.name,
      idType: persons.idType,
      idNumber: persons.idNumber,
      gender: persons.gender,
      birthDate: persons.birthDate,
      phone: persons.phone,
      education: persons.education,
      employerName: persons.employerName,
      workStartDate: persons.workStartDate,
      photoFileId: persons.photoFileId,
    })
    .from(persons)
    .where(and(eq(persons.id, personId), eq(persons.employerOrgId, actor.organizationId)))
    .limit(1);
  if (!p) throw new AccessDenied();
  return p;
}

export type PersonLookupResult =
  /** Nobody holds this number yet: the form fills gender and birth date in; the person is created on save. */
  | { kind: "new"; gender: "M" | "F" | null; birthDate: string | null }
  /** The enterprise's own employee: everything the employee form shows. */
  | { kind: "employee"; person: EmployeeDetails }
  /**
   * Someone on record whom the submitter may register but not look into: only whether the typed name matches
   * (null when no name was typed yet) and what the number itself says.
   */
  | { kind: "known"; nameMatches: boolean | null; gender: "M" | "F" | null; birthDate: string | null };

function derived(idType: IdType, idNumber: string) {
  if (idType !== "resident") return { gender: null, birthDate: null };
  const p = parseChineseId(idNumber);
  return p.ok ? { gender: p.gender, birthDate: p.birthDate } : { gender: null, birthDate: null };
}

/**
 * 输入证件号码 on the enterprise's or the institution's registration form (call it on blur). Never reveals
 * a stored record to a submitter who may not see it: a training institution, and an enterprise for someone
 * it does not employ, learn only whether the name they typed matches.
 */
export async function lookupPersonByIdNumber(db: DbOrTx, actor: SessionUser, input: IdLookup): Promise<PersonLookupResult> {
  assertOrg(actor);
  const [p] = await db
    .select({
      id: persons.id,
      name: persons.name,
      idType: persons.idType,
      idNumber: persons.idNumber,
      gender: persons.gender,
      birthDate: persons.birthDate,
      phone: persons.phone,
      education: persons.education,
      employerOrgId: persons.employerOrgId,
      employerName: persons.employerName,
      workStartDate: persons.workStartDate,
      photoFileId: persons.photoFileId,
    })
    .from(persons)
    .where(and(eq(persons.idType, input.idType), eq(persons.idNumber, input.idNumber)))
    .limit(1);
  const d = derived(input.idType, input.idNumber);
  if (!p) return { kind: "new", ...d };
  if (actor.role === "enterprise" && p.employerOrgId === actor.organizationId) {
    const { employerOrgId: _omit, ...person } = p;
    void _omit;
    return { kind: "employee", person };
  }
  return { kind: "known", nameMatches: input.name ? sameName(p.name, input.name) : null, ...d };
}

const sameName = (a: string, b: string) => a.replace(/\s+/g, "") === b.replace(/\s+/g, "");

/**
 * Who is registered: an employee by id (enterprise), or whoever holds the typed ID number when the typed name
 * matches; a number nobody holds creates the person (employer: the enterprise itself, or as typed). Creating
 * twice at once finds the row the other request created.
 */
export async function resolveRegistrant(db: DbOrTx, actor: SessionUser, values: Pick<OrgRegistrationValues, "personId" | "person" | "employerName">): Promise<PersonRow> {
  assertOrg(actor);
  if (values.personId && !values.person) {
    if (actor.role !== "enterprise") throw new AccessDenied("无权为该人员报名");
    const [p] = await db
      .select(PERSON_ROW_COLUMNS)
      .from(persons)
      .where(and(eq(persons.id, values.personId), eq(persons.employerOrgId, actor.organizationId!)))
      .limit(1);
    if (!p) throw new AccessDenied("无权为该人员报名");
    return p;
  }
  const who = values.person;
  if (!who) throw new ActionError("请输入报名人员的证件号码和姓名", { "person.idNumber": ["请输入证件号码"] });
  return findOrCreatePerson(db, actor, who, values.employerName);
}

export async function findOrCreatePerson(db: DbOrTx, actor: OrgActor, who: Registrant, employerName: string): Promise<PersonRow> {
  const find = () =>
    db
      .select({ ...PERSON_ROW_COLUMNS, rawName: persons.name })
      .from(persons)
      .where(and(eq(persons.idType, who.idType), eq(persons.idNumber, who.idNumber)))
      .limit(1);
  let [p] = await find();
  if (!p) {
    const d = derived(who.idType, who.idNumber);
    const gender = d.gender ?? (who.gender || null);
    if (!gender) throw new ActionError("请选择性别", { "person.gender": ["请选择性别"] });
    const birthDate = d.birthDate ?? (who.birthDate || null);
    if (birthDate && birthDate > beijingDate()) throw new ActionError("出生日期不能晚于今天", { "person.birthDate": ["出生日期不能晚于今天"] });
    await db
      .insert(persons)
      .values({
        idType: who.idType,
        idNumber: who.idNumber,
        name: who.name,
        gender,
        birthDate,
        phone: who.phone || null,
        education: who.education || null,
        employerOrgId: actor.role === "enterprise" ? actor.organizationId : null,
        employerName,
      })
      .onConflictDoNothing();
    [p] = await find();
    if (!p) throw new Error("person vanished after insert");
    if (p.rawName === who.name) {
      await writeAudit(db, {
        actor,
        action: "person.created",
        entityType: "person",
        entityId: p.id,
        summary: `${actor.displayName} 报名时新建了人员 ${who.name}（${maskIdNumber(who.idNumber)}）`,
      });
    }
  }
  if (!sameName(p.rawName, who.name)) throw new ActionError(NAME_MISMATCH, { "person.name": [NAME_MISMATCH] });
  const { rawName: _n, ...row } = p;
  void _n;
  return row;
}

/**
 * 保存 on the enterprise's or the institution's form: finds or creates the person, then the same rules and
 * numbering as the person's own registration. Answers 报名成功 with the registration number.
 */
export async function submitOrgRegistration(db: Db, actor: SessionUser, input: OrgRegistrationValues, ctx: { ip?: string | null; now?: Date } = {}) {
  assertOrg(actor);
  const plan = await getPlan(db, input.planId);
  if (!plan) throw new ActionError("考试计划不存在或未发布");
  const person = await resolveRegistrant(db, actor, input);
  return registerPerson(db, actor, person, { ...input, personId: person.id }, ctx);
}

// ---------------------------------------------------------------------------------------------------------
// 此人目前处于…阶段

export type RegistrationStage = {
  /** Short name of the stage, e.g. 报名（待审核）, 持证, 考试 */
  stage: string | null;
  mayRegister: boolean;
  /** The sentence the form shows, in the manual's words. */
  message: string;
};

/**
 * The check the form runs before 保存 (on blur of the ID number, once a plan is chosen): whether the person
 * already has a registration for the plan, holds a valid certificate of its trade, or is registered for
 * another plan of the same trade, and whether they may register. Someone else's registration is named only
 * as such: its number and status stay with its submitter.
 */
export async function registrationStage(db: DbOrTx, actor: SessionUser, input: { planId: number } & IdLookup): Promise<RegistrationStage> {
  assertOrg(actor);
  const plan = await getPlan(db, input.planId);
  if (!plan) throw new ActionError("考试计划不存在或未发布");
  const [p] = await db
    .select({ id: persons.id, name: persons.name })
    .from(persons)
    .where(and(eq(persons.idType, input.idType), eq(persons.idNumber, input.idNumber)))
    .limit(1);
  if (!p) return { stage: null, mayRegister: true, message: "此人尚未报名过考试，可以报名" };
  if (input.name && !sameName(p.name, input.name)) return { stage: null, mayRegister: false, message: NAME_MISMATCH };

  const [existing] = await db
    .select({
      registrationNo: registrations.registrationNo,
      status: registrations.status,
      submitterKind: registrations.submitterKind,
      submitterOrgId: registrations.submitterOrgId,
      personId: registrations.personId,
    })
    .from(registrations)
    .where(and(eq(registrations.planId, plan.id), eq(registrations.personId, p.id)))
    .limit(1);
  if (existing) {
    if (!isSubmitter(actor, existing)) {
      return { stage: "报名", mayRegister: false, message: "此人目前处于报名阶段（已由其他单位或本人报名该考试计划），不能重复报名" };
    }
    const label = REGISTRATION_STATUS_LABELS[existing.status];
    if (canResubmit(existing.status)) {
      return { stage: `报名（${label}）`, mayRegister: true, message: `此人目前处于报名（${label}）阶段，可以重新报名` };
    }
    return { stage: `报名（${label}）`, mayRegister: false, message: `此人目前处于报名（${label}）阶段，报名号 ${existing.registrationNo}，不能重复报名` };
  }
  const cert = await validCertificateOfTrade(db, p.id, plan.tradeId, beijingDate());
  if (cert) return { stage: "持证", mayRegister: false, message: `此人目前处于持证阶段（已持有${plan.tradeName}有效证书），不需要再报名` };

  const [other] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from registrations r join exam_plans ep on ep.id = r.plan_id
    where r.person_id = ${p.id} and ep.trade_id = ${plan.tradeId} and r.plan_id <> ${plan.id}
      and r.status not in ('withdrawn', 'rejected') and ep.status not in ('results_published', 'archived')`);
  if (other && other.n > 0) {
    return { stage: "考试", mayRegister: true, message: `此人目前处于考试阶段（已报名${plan.tradeName}的其他考试计划），仍可报名本计划` };
  }
  return { stage: null, mayRegister: true, message: "此人可以报名" };
}
