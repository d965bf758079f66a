import "server-only";
import { and, eq, ne, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { perClient, preparedQuery } from "@/db/prepared";
import { examPlans, persons, registrations, type Registration } from "@/db/schema";
import { AccessDenied, ActionError, isUniqueViolation } from "@/lib/errors";
import { writeAudit } from "@/lib/audit";
import { personScope, registrationScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/roles";
import type { RegistrationFormData } from "@/lib/documents/types";
import { ID_TYPE_LABELS, validateIdByType } from "@/lib/identity/chinese-id";
import { getPlan } from "@/lib/queries/plans";
import { findOrgByCode } from "@/lib/queries/organizations";
import { getRegistration } from "@/lib/queries/registrations";
import { pad } from "@/lib/serials";
import { readFile } from "@/lib/storage/files";
import { beijingDate, formatDateTime, yearsSince } from "@/lib/time";
import { type RegistrationValues, type UpdateRegistrationValues } from "@/lib/validations/registration";
import { claimPhoto } from "./photos";
import { formatOrgIdentifier } from "@/lib/identity/org-code";
import { canResubmit, isEditableStatus, isSubmitter } from "@/lib/domain/rules";
import { REGISTRATION_STATUS_LABELS, SUBMITTER_KIND_LABELS } from "@/lib/domain/statuses";

type Plan = NonNullable<Awaited<ReturnType<typeof getPlan>>>;
type Ctx = { ip?: string | null; now?: Date };

const PERSON_COLUMNS = {
  id: persons.id,
  name: persons.name,
  idType: persons.idType,
  idNumber: persons.idNumber,
  employerOrgId: persons.employerOrgId,
  employerName: persons.employerName,
  photoFileId: persons.photoFileId,
};
export type PersonRow = { id: number; name: string; idType: "resident" | "passport" | "hk_macao" | "taiwan"; idNumber: string; employerOrgId: number | null; employerName: string | null; photoFileId: string | null };

export type EligibilityProblem = { message: string; field?: string };

/** Whether the plan takes registrations at this instant; the reason in the words a user understands. */
export function registrationWindowProblem(plan: Pick<Plan, "status" | "registrationStartAt" | "registrationEndAt">, now: Date): string | null {
  const window = `报名时间为 ${formatDateTime(plan.registrationStartAt)} 至 ${formatDateTime(plan.registrationEndAt)}`;
  if (plan.status !== "published") return "该考试计划当前不接受报名";
  if (now < plan.registrationStartAt) return `报名尚未开始（${window}）`;
  if (now > plan.registrationEndAt) return `报名已截止（${window}）`;
  return null;
}

/**
 * The server's eligibility rules, in order, first failure wins: the plan's window (Beijing time is only for
 * display; instants compare as instants), a valid ID, enough years in this work, and a photo.
 */
export function checkEligibility(a: {
  plan: Pick<Plan, "status" | "registrationStartAt" | "registrationEndAt" | "minWorkYears">;
  person: Pick<PersonRow, "idType" | "idNumber">;
  yearsOfWork: number;
  workStartDate: string;
  photoFileId: string | null;
  now: Date;
  checkWindow?: boolean;
}): EligibilityProblem | null {
  if (a.checkWindow !== false) {
    const w = registrationWindowProblem(a.plan, a.now);
    if (w) return { message: w };
  }
  if (!a.person.idNumber || !validateIdByType(a.person.idType, a.person.idNumber).ok) {
    return { message: "证件号码缺失或有误，暂不能报名，请联系注册中心核实证件信息" };
  }
  const sinceStart = yearsSince(a.workStartDate, beijingDate(a.now));
  if (a.yearsOfWork > Math.max(0, sinceStart)) {
    return { field: "yearsOfWork", message: `从事工作年限不能超过参加工作以来的年数（${Math.max(0, sinceStart)} 年）` };
  }
  if (a.yearsOfWork < a.plan.minWorkYears) {
    return {
      field: "yearsOfWork",
      message: `从事工作年限不足：该考试要求至少 ${a.plan.minWorkYears} 年，填写的为 ${a.yearsOfWork} 年`,
    };
  }
  if (!a.photoFileId) return { field: "photoFileId", message: "请上传一寸彩色照片" };
  return null;
}

function refuse(p: EligibilityProblem): never {
  throw new ActionError(p.message, p.field ? { [p.field]: [p.message] } : undefined);
}

/**
 * 报名号: BM + Beijing date (yyyymmdd) + a 6-digit serial of that day (docs/numbers.md).
 *
 * Reserved in its own short transaction that does not wait for the WAL flush: the day's counter row is locked
 * only for the moment of the increment instead of until the registration's own commit, which would let one
 * submission through per disk flush. The number is never reused: any later registration that commits flushes
 * the counter's change first. A submission that fails after this leaves a gap, which is harmless.
 */
export async function nextRegistrationNo(db: Db, now: Date) {
  const day = beijingDate(now).replaceAll("-", "");
  // One statement in its own (implicit) transaction, the same increment as reserveSerials: set_config(…, true)
  // turns synchronous_commit off until that transaction's end, so it still holds at the commit and never
  // outlives the statement on the pooled connection. (It used to be BEGIN, SET LOCAL, the increment and COMMIT:
  // four round trips.)
  // Prepared (db/prepared.ts): one round trip on a connection that has run it before.
  const [{ last }] = await preparedQuery<{ last: string }>(
    db,
    `insert into serials (scope, last)
     select $1, 1 from (select set_config('synchronous_commit', 'off', true)) as no_flush
     on conflict (scope) do update set last = serials.last + 1, updated_at = now()
     returning last`,
    [`registration:${day}`],
  );
  return `BM${day}${pad(Number(last), 6)}`;
}

/**
 * What registerPerson checks before it writes, in one query: the plan (not a draft), whether the person holds a
 * valid certificate of its trade (validCertificateOfTrade), whether they are registered for it already, and the
 * owner and uploader of the photo to be used (see claimPhoto). Prepared once (db/prepared.ts): every submission
 * runs it.
 */
/**
 * The facts about a person and exam_plans' plan that both prepared queries below read: their valid certificate of
 * the plan's trade (the "today" placeholder), whether they are registered for it, and the owner and uploader of
 * the photo `photo` names. Spelled out with table names: drizzle writes a column inside sql`` without its table,
 * which in these subqueries would name the subquery's own table.
 */
function factColumns(personId: SQL, photo: SQL) {
  return {
    certificateValidUntil: sql<string | null>`(
        select c.valid_until::text from certificates c
        where c.person_id = ${personId} and c.trade_id = exam_plans.trade_id and c.status = 'valid' and c.valid_until >= ${sql.placeholder("today")}::date
        order by c.valid_until desc limit 1)`,
    registered: sql<boolean>`exists (select 1 from registrations r where r.plan_id = exam_plans.id and r.person_id = ${personId})`,
    photoOwner: sql<number | null>`(select f.owner_person_id from files f where f.id = ${photo} and f.kind = 'photo')`,
    photoUploader: sql<number | null>`(select f.uploaded_by_user_id from files f where f.id = ${photo} and f.kind = 'photo')`,
  };
}

const registrationFactsQuery = perClient((db) => {
  const personId = sql`${sql.placeholder("personId")}`;
  return db
    .select({
      id: examPlans.id,
      name: examPlans.name,
      status: examPlans.status,
      tradeId: examPlans.tradeId,
      registrationStartAt: examPlans.registrationStartAt,
      registrationEndAt: examPlans.registrationEndAt,
      minWorkYears: examPlans.minWorkYears,
      ...factColumns(personId, sql`${sql.placeholder("photo")}::uuid`),
    })
    .from(examPlans)
    .where(and(eq(examPlans.id, sql.placeholder("planId")), ne(examPlans.status, "draft")))
    .limit(1)
    .prepare("registration_facts");
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function registrationFacts(db: Db, planId: number, personId: number, today: string, photoFileId: string | null) {
  // Anything but a UUID is no photo here (the cast would fail); claimPhoto then refuses it as before.
  const photo = photoFileId && UUID.test(photoFileId) ? photoFileId : null;
  const [row] = await registrationFactsQuery(db).execute({ planId, personId, today, photo });
  return row ?? null;
}

type Facts = NonNullable<Awaited<ReturnType<typeof registrationFacts>>>;

/**
 * A practitioner's own submission: their record and the registration facts in one prepared query (one round
 * trip instead of two). The plan columns are null when there is no such plan; the photo is the one chosen, else
 * the one on record (as registerPerson picks it for a person).
 */
const ownRegistrationFactsQuery = perClient((db) => {
  const photo = sql`coalesce(${sql.placeholder("photo")}::uuid, persons.photo_file_id)`;
  return db
    .select({
      ...PERSON_COLUMNS,
      planId: examPlans.id,
      planName: examPlans.name,
      planStatus: examPlans.status,
      tradeId: examPlans.tradeId,
      registrationStartAt: examPlans.registrationStartAt,
      registrationEndAt: examPlans.registrationEndAt,
      minWorkYears: examPlans.minWorkYears,
      ...factColumns(sql`persons.id`, photo),
    })
    .from(persons)
    .leftJoin(examPlans, and(eq(examPlans.id, sql.placeholder("planId")), ne(examPlans.status, "draft")))
    .where(eq(persons.id, sql.placeholder("personId")))
    .limit(1)
    .prepare("own_registration_facts");
});

async function ownRegistrationFacts(db: Db, personId: number, planId: number, today: string, photoFileId: string): Promise<{ person: PersonRow; plan: Facts | null } | null> {
  const [r] = await ownRegistrationFactsQuery(db).execute({ personId, planId, today, photo: photoFileId || null });
  if (!r) return null;
  const person: PersonRow = { id: r.id, name: r.name, idType: r.idType, idNumber: r.idNumber, employerOrgId: r.employerOrgId, employerName: r.employerName, photoFileId: r.photoFileId };
  const plan: Facts | null =
    r.planId === null
      ? null
      : {
          id: r.planId,
          name: r.planName!,
          status: r.planStatus!,
          tradeId: r.tradeId!,
          registrationStartAt: r.registrationStartAt!,
          registrationEndAt: r.registrationEndAt!,
          minWorkYears: r.minWorkYears!,
          certificateValidUntil: r.certificateValidUntil,
          registered: r.registered,
          photoOwner: r.photoOwner,
          photoUploader: r.photoUploader,
        };
  return { person, plan };
}

export const PERSON_ROW_COLUMNS = PERSON_COLUMNS;

// A practitioner's own record, read on each of their submissions: prepared once (db/prepared.ts).
const personById = perClient((db) => db.select(PERSON_COLUMNS).from(persons).where(eq(persons.id, sql.placeholder("id"))).limit(1).prepare("registrant"));

/**
 * Who is being registered by numeric id: the person themself, or an employee of the enterprise. A training
 * institution never reaches a person by id (it could guess ids): it types the ID number and matching name
 * (see resolveRegistrant in ./org-registrations).
 */
async function targetPerson(db: Db, actor: SessionUser, personId: number | undefined): Promise<PersonRow> {
  let where: SQL | undefined;
  if (actor.role === "person") {
    if (!actor.personId || (personId && personId !== actor.personId)) throw new AccessDenied();
    const [own] = await personById(db).execute({ id: actor.personId });
    if (!own) throw new AccessDenied("无权为该人员报名");
    return own;
  } else if (actor.role === "enterprise") {
    if (!personId) throw new ActionError("请选择报名人员", { personId: ["请选择报名人员"] });
    where = and(eq(persons.id, personId), personScope(actor));
  } else if (actor.role === "trainer") {
    throw new AccessDenied("无权为该人员报名");
  } else {
    throw new AccessDenied("注册中心不能代为报名");
  }
  const [p] = await db.select(PERSON_COLUMNS).from(persons).where(where).limit(1);
  if (!p) throw new AccessDenied("无权为该人员报名");
  return p;
}

function submitterOf(actor: SessionUser) {
  if (actor.role === "person") return { submitterKind: "person" as const, submitterOrgId: null };
  if (actor.role === "enterprise") return { submitterKind: "enterprise" as const, submitterOrgId: actor.organizationId };
  return { submitterKind: "trainer" as const, submitterOrgId: actor.organizationId };
}

/** The employer as entered; a known 组织机构代码 / 统一社会信用代码 wins and links the organisation. */
async function resolveEmployer(db: DbOrTx, actor: SessionUser, person: PersonRow, input: RegistrationValues) {
  const org = input.employerCode ? await findOrgByCode(db, input.employerCode) : null;
  if (org) return { employerOrgId: org.id, employerName: org.name, employerCode: input.employerCode };
  let employerOrgId: number | null = null;
  if (actor.role === "enterprise" && !input.employerCode) employerOrgId = actor.organizationId;
  else if (!input.employerCode && person.employerOrgId && input.employerName === person.employerName) employerOrgId = person.employerOrgId;
  return { employerOrgId, employerName: input.employerName, employerCode: input.employerCode || null };
}

function describeExisting(r: Pick<Registration, "registrationNo" | "status">, actor: SessionUser) {
  const who = actor.role === "person" ? "您" : "该人员";
  return `${who}已报名该考试计划（报名号 ${r.registrationNo}，当前状态：${REGISTRATION_STATUS_LABELS[r.status]}），不能重复报名`;
}

/** Said when someone else submitted the person's registration: neither its number nor its status is theirs to know. */
export const REGISTERED_BY_OTHERS = "该人员已由其他单位或本人报名该考试计划，不能重复报名";

/** The refusal for an existing registration, worded for what the actor may know of it. */
function refusalForExisting(r: Pick<Registration, "registrationNo" | "status" | "submitterKind" | "submitterOrgId" | "personId">, actor: SessionUser) {
  return isSubmitter(actor, r) || (actor.role === "person" && r.personId === actor.personId) ? describeExisting(r, actor) : REGISTERED_BY_OTHERS;
}

/** Holds a valid (not expired, not revoked, current) certificate of this trade: no need to sit the exam again. */
export async function validCertificateOfTrade(db: DbOrTx, personId: number, tradeId: number, today: string) {
  const [row] = await db.execute<{ validUntil: string }>(sql`
    select valid_until::text as "validUntil" from certificates
    where person_id = ${personId} and trade_id = ${tradeId} and status = 'valid' and valid_until >= ${today}::date
    order by valid_until desc limit 1`);
  return row ?? null;
}

function auditValues(v: Partial<Registration>) {
  const { employerName, employerCode, workStartDate, yearsOfWork, resume, employerOpinion, photoFileId, status, planId, personId } = v;
  return { planId, personId, status, employerName, employerCode, workStartDate, yearsOfWork, resume, employerOpinion, photoFileId };
}

/** What the registrant may fill in and change until review: the employer, work history, resume, opinion, photo. */
function editableValues(employer: Awaited<ReturnType<typeof resolveEmployer>>, input: RegistrationValues, photoFileId: string | null) {
  return {
    ...employer,
    workStartDate: input.workStartDate,
    yearsOfWork: input.yearsOfWork,
    resume: input.resume,
    employerOpinion: input.employerOpinion,
    photoFileId,
  };
}

function registrationValues(actor: SessionUser, employer: Awaited<ReturnType<typeof resolveEmployer>>, input: RegistrationValues, photoFileId: string | null, now: Date) {
  return {
    ...submitterOf(actor),
    submittedByUserId: actor.id,
    ...editableValues(employer, input, photoFileId),
    status: "submitted" as const,
    submittedAt: now,
  };
}

// The registration, the person's photo on record (when $16) and the 操作日志 line, in one statement: atomic as
// the transaction is, without its BEGIN and COMMIT round trips. The same columns and values as registerPerson's
// transaction writes (the audit line as writeAudit would), which tests compare.
const INSERT_FIRST_REGISTRATION = `
  with reg as (
    insert into registrations (registration_no, plan_id, person_id, submitter_kind, submitter_org_id, submitted_by_user_id,
      employer_org_id, employer_name, employer_code, work_start_date, years_of_work, resume, employer_opinion, photo_file_id,
      status, submitted_at)
    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14, 'submitted', $15)
    returning id),
  photo as (
    update persons set photo_file_id = $14 where id = $3 and $16::boolean)
  insert into audit_logs (actor_user_id, actor_name, actor_role, ip, action, entity_type, entity_id, summary, before, after)
  select $6, $17, $18, $19, 'registration.submitted', 'registration', reg.id::text, $20, null, $21::jsonb from reg
  returning entity_id as id`;

/** A first registration whose photo needs no claiming (see registerPerson), as one prepared statement. */
async function insertFirstRegistration(
  db: Db,
  actor: SessionUser,
  person: PersonRow,
  plan: { id: number; name: string },
  input: RegistrationValues,
  photoFileId: string,
  registrationNo: string,
  now: Date,
  ip: string | null,
) {
  const values = registrationValues(actor, await resolveEmployer(db, actor, person, input), input, photoFileId, now);
  const [row] = await preparedQuery<{ id: string }>(db, INSERT_FIRST_REGISTRATION, [
    registrationNo,
    plan.id,
    person.id,
    values.submitterKind,
    values.submitterOrgId,
    actor.id,
    values.employerOrgId,
    values.employerName,
    values.employerCode,
    values.workStartDate,
    values.yearsOfWork,
    JSON.stringify(values.resume),
    values.employerOpinion,
    photoFileId,
    now.toISOString(),
    actor.role === "person" && person.photoFileId !== photoFileId,
    actor.displayName,
    actor.role,
    ip,
    `${actor.displayName} 提交了 ${person.name} 的报名（${plan.name}，报名号 ${registrationNo}）`,
    JSON.stringify(auditValues({ ...values, planId: plan.id, personId: person.id })),
  ]);
  return { id: Number(row.id), registrationNo, resubmitted: false };
}

/**
 * 我要报名 → 保存: checks eligibility on the server and records the registration (报名成功). A withdrawn or
 * rejected registration for the same plan is submitted again in place. Used by every role that registers
 * people; the actor decides whose registration it may be (see targetPerson).
 */
export async function submitRegistration(db: Db, actor: SessionUser, input: RegistrationValues, ctx: Ctx = {}) {
  // The practitioner's own submission reads their record with the facts (what targetPerson would find and
  // refuse the same way); anything else, including a photo id that is not a UUID, goes the general way.
  if (actor.role === "person" && actor.personId && (!input.personId || input.personId === actor.personId) && (!input.photoFileId || UUID.test(input.photoFileId))) {
    const now = ctx.now ?? new Date();
    const own = await ownRegistrationFacts(db, actor.personId, input.planId, beijingDate(now), input.photoFileId);
    if (!own) throw new AccessDenied("无权为该人员报名");
    return registerWithFacts(db, actor, own.person, own.plan, input, { ...ctx, now });
  }
  const person = await targetPerson(db, actor, input.personId);
  return registerPerson(db, actor, person, input, ctx);
}

/**
 * The shared body of 保存 for a person the caller has already established the actor may register (their own
 * record, an employee, or a person found by ID number and matching name). Only the person's own submission
 * updates the photo on their record; other submitters never reuse it unless it is theirs to see (enterprise).
 */
export async function registerPerson(db: Db, actor: SessionUser, person: PersonRow, input: RegistrationValues, ctx: Ctx = {}) {
  const now = ctx.now ?? new Date();
  const photoFileId = input.photoFileId || (actor.role === "trainer" ? null : person.photoFileId);
  const plan = await registrationFacts(db, input.planId, person.id, beijingDate(now), photoFileId);
  return registerWithFacts(db, actor, person, plan, input, { ...ctx, now });
}

/** registerPerson once the facts are read (by registrationFacts, or with the person by ownRegistrationFacts). */
async function registerWithFacts(db: Db, actor: SessionUser, person: PersonRow, plan: Facts | null, input: RegistrationValues, ctx: Ctx & { now: Date }) {
  const now = ctx.now;
  const photoFileId = input.photoFileId || (actor.role === "trainer" ? null : person.photoFileId);
  if (!plan) throw new ActionError("考试计划不存在或未发布");
  const problem = checkEligibility({ plan, person, yearsOfWork: input.yearsOfWork, workStartDate: input.workStartDate, photoFileId, now });
  if (problem) refuse(problem);
  if (plan.certificateValidUntil) {
    throw new ActionError(`${actor.role === "person" ? "您" : "该人员"}已持有该工种的有效证书（有效期至 ${plan.certificateValidUntil}），不需要再报名`);
  }

  // Reserved up front, outside the registration's transaction (see nextRegistrationNo); unused on a resubmission.
  const exists = plan.registered;
  const reserved = exists ? null : await nextRegistrationNo(db, now);

  try {
    // The usual case, a first registration with a photo that is the person's own already (claimPhoto would only
    // say yes), is one statement; the others (a resubmission, a photo to claim or check) take the transaction.
    if (reserved && plan.photoOwner === person.id && (actor.role === "person" || plan.photoUploader === actor.id)) {
      return await insertFirstRegistration(db, actor, person, plan, input, photoFileId!, reserved, now, ctx.ip ?? null);
    }
    return await db.transaction(async (tx) => {
      // A registration seen a moment ago is locked and re-read here. When there was none, there is nothing to
      // lock: one made since by a concurrent submission makes the insert below fail on
      // registrations_plan_person_key, answered in the catch with the same refusal as finding it here.
      const [existing] = exists
        ? await tx
            .select()
            .from(registrations)
            .where(and(eq(registrations.planId, plan.id), eq(registrations.personId, person.id)))
            .for("update")
            .limit(1)
        : [];
      if (existing && (!isSubmitter(actor, existing) || !canResubmit(existing.status))) {
        // Never taken over from another submitter, even when withdrawn or rejected.
        throw new ActionError(refusalForExisting(existing, actor));
      }
      if (!(await claimPhoto(tx, actor, photoFileId!, person.id))) {
        throw new ActionError("照片无效，请重新上传", { photoFileId: ["照片无效，请重新上传"] });
      }
      const values = registrationValues(actor, await resolveEmployer(tx, actor, person, input), input, photoFileId, now);
      if (actor.role === "person" && person.photoFileId !== photoFileId) {
        // The newest photo becomes the person's photo on record, offered again on their next registration.
        await tx.update(persons).set({ photoFileId }).where(eq(persons.id, person.id));
      }
      let row: { id: number; registrationNo: string };
      if (existing) {
        [row] = await tx
          .update(registrations)
          .set({ ...values, rejectReason: null, reviewedAt: null, reviewedByUserId: null })
          .where(eq(registrations.id, existing.id))
          .returning({ id: registrations.id, registrationNo: registrations.registrationNo });
      } else {
        const registrationNo = reserved ?? (await nextRegistrationNo(db, now));
        [row] = await tx
          .insert(registrations)
          .values({ ...values, registrationNo, planId: plan.id, personId: person.id })
          .returning({ id: registrations.id, registrationNo: registrations.registrationNo });
      }
      await writeAudit(tx, {
        actor,
        ip: ctx.ip,
        action: existing ? "registration.resubmitted" : "registration.submitted",
        entityType: "registration",
        entityId: row.id,
        summary: `${actor.displayName} ${existing ? "重新提交" : "提交"}了 ${person.name} 的报名（${plan.name}，报名号 ${row.registrationNo}）`,
        before: existing ? auditValues(existing) : undefined,
        after: auditValues({ ...values, planId: plan.id, personId: person.id }),
      });
      return { id: row.id, registrationNo: row.registrationNo, resubmitted: Boolean(existing) };
    });
  } catch (e) {
    // Two submissions for the same person and plan at the same moment: the second one loses here.
    if (isUniqueViolation(e, "registrations_plan_person_key")) {
      const [r] = await db
        .select({
          registrationNo: registrations.registrationNo,
          status: registrations.status,
          submitterKind: registrations.submitterKind,
          submitterOrgId: registrations.submitterOrgId,
          personId: registrations.personId,
        })
        .from(registrations)
        .where(and(eq(registrations.planId, plan.id), eq(registrations.personId, person.id)));
      throw new ActionError(r ? refusalForExisting(r, actor) : "已报名该考试计划，不能重复报名");
    }
    throw e;
  }
}

/**
 * The registration locked for a change by its submitter (only the submitter edits or withdraws it, and only
 * until it is reviewed). AccessDenied when the actor may not even see it; a clear refusal when someone else submitted it.
 */
async function lockOwn(tx: DbOrTx, actor: SessionUser, id: number) {
  if (actor.role === "admin") throw new AccessDenied();
  const [r] = await tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.id, id), registrationScope(actor)))
    .for("update")
    .limit(1);
  if (!r) throw new AccessDenied();
  if (!isSubmitter(actor, r)) {
    throw new ActionError(`该报名由${SUBMITTER_KIND_LABELS[r.submitterKind]}提交，只能由提交方修改或撤回`);
  }
  return r;
}

function notEditable(r: Registration, verb: string): never {
  if (r.status === "withdrawn") throw new ActionError(`报名已撤回，不能${verb}；如需参加考试请重新报名`);
  if (r.status === "rejected") throw new ActionError(`报名未通过审核，不能${verb}；请按退回原因修改后重新报名`);
  throw new ActionError(`报名已审核（${REGISTRATION_STATUS_LABELS[r.status]}），不能再${verb}`);
}

/** 修改 a registration that still waits for review. The plan cannot change; eligibility is checked again. */
export async function updateRegistration(db: Db, actor: SessionUser, input: UpdateRegistrationValues, ctx: Ctx = {}) {
  const now = ctx.now ?? new Date();
  return db.transaction(async (tx) => {
    const r = await lockOwn(tx, actor, input.registrationId);
    if (!isEditableStatus(r.status)) notEditable(r, "修改");
    if (input.planId !== r.planId) throw new ActionError("不能更改报名的考试计划；请撤回后报名其他考试");
    const [person] = await tx.select(PERSON_COLUMNS).from(persons).where(eq(persons.id, r.personId));
    const plan = await getPlan(tx, r.planId);
    if (!plan) throw new ActionError("考试计划不存在或未发布");
    const photoFileId = input.photoFileId || r.photoFileId;
    const problem = checkEligibility({ plan, person, yearsOfWork: input.yearsOfWork, workStartDate: input.workStartDate, photoFileId, now, checkWindow: false });
    if (problem) refuse(problem);
    if (photoFileId !== r.photoFileId && !(await claimPhoto(tx, actor, photoFileId!, person.id))) {
      throw new ActionError("照片无效，请重新上传", { photoFileId: ["照片无效，请重新上传"] });
    }
    const employer = await resolveEmployer(tx, actor, person, input);
    const values = editableValues(employer, input, photoFileId);
    await tx.update(registrations).set(values).where(eq(registrations.id, r.id));
    if (actor.role === "person" && photoFileId !== person.photoFileId) await tx.update(persons).set({ photoFileId }).where(eq(persons.id, person.id));
    await writeAudit(tx, {
      actor,
      ip: ctx.ip,
      action: "registration.updated",
      entityType: "registration",
      entityId: r.id,
      summary: `${actor.displayName} 修改了 ${person.name} 的报名（报名号 ${r.registrationNo}）`,
      before: auditValues(r),
      after: auditValues({ ...r, ...values }),
    });
    return { id: r.id, registrationNo: r.registrationNo };
  });
}

/** 撤回: only while waiting for review; the row stays (status 已撤回) and can be submitted again. */
export async function withdrawRegistration(db: Db, actor: SessionUser, registrationId: number, ctx: Ctx = {}) {
  return db.transaction(async (tx) => {
    const r = await lockOwn(tx, actor, registrationId);
    if (!isEditableStatus(r.status)) notEditable(r, "撤回");
    await tx.update(registrations).set({ status: "withdrawn" }).where(eq(registrations.id, r.id));
    await writeAudit(tx, {
      actor,
      ip: ctx.ip,
      action: "registration.withdrawn",
      entityType: "registration",
      entityId: r.id,
      summary: `${actor.displayName} 撤回了报名（报名号 ${r.registrationNo}）`,
      before: { status: r.status },
      after: { status: "withdrawn" },
    });
    return { id: r.id, registrationNo: r.registrationNo };
  });
}

/**
 * The 报名表 of a registration the user may see, for the PDF (打印) and the export (导出); null when it is not
 * theirs or does not exist.
 */
export async function loadRegistrationForm(db: DbOrTx, user: SessionUser, registrationId: number): Promise<RegistrationFormData | null> {
  const r = await getRegistration(db, user, registrationId);
  if (!r) return null;
  const photo = r.photoFileId ? await readFile(db, r.photoFileId) : null;
  return {
    registrationNo: r.registrationNo,
    planName: r.planName,
    tradeName: r.tradeName,
    name: r.personName,
    gender: r.gender === "M" ? "男" : "女",
    idType: ID_TYPE_LABELS[r.idType],
    idNumber: r.idNumber,
    birthDate: r.birthDate ?? "",
    phone: r.phone ?? "",
    education: r.education ?? "",
    employerName: r.employerName,
    employerCode: formatOrgIdentifier(r.employerCode),
    workStartDate: r.workStartDate,
    yearsOfWork: r.yearsOfWork,
    resume: r.resume,
    employerOpinion: r.employerOpinion,
    statusLabel: REGISTRATION_STATUS_LABELS[r.status],
    submittedAt: formatDateTime(r.submittedAt),
    photoJpeg: photo?.data ?? null,
  };
}
