import "server-only";
import { and, asc, count, eq, ilike, like, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { organizations, persons } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/roles";
import { AccessDenied, ActionError } from "@/lib/errors";
import { maskIdNumber } from "@/lib/identity/chinese-id";
import { likeEscape, likePattern } from "@/lib/queries/like";
import type { NewEmployee, UpdateEmployee } from "@/lib/validations/employee";
import { isNameLocked, NAME_LOCKED_MESSAGE, PROFILE_COLUMNS } from "./persons";

/** 企业人员信息 is the enterprise's own list: every function here is for an enterprise, on its employees only. */
function orgOf(user: SessionUser): number {
  if (user.role !== "enterprise" || !user.organizationId) throw new AccessDenied();
  return user.organizationId;
}

/** Name contains `q`, or the ID number starts with it (persons_name_trgm_idx / persons_id_number_idx). */
function employeeWhere(orgId: number, q: string): SQL {
  const upper = q.toUpperCase();
  return and(
    eq(persons.employerOrgId, orgId),
    q ? (/^[0-9A-Z]{4,}$/.test(upper) ? like(persons.idNumber, `${likeEscape(upper)}%`) : ilike(persons.name, likePattern(q))) : undefined,
  )!;
}

const LIST_COLUMNS = {
  id: persons.id,
  name: persons.name,
  idType: persons.idType,
  idNumber: persons.idNumber,
  gender: persons.gender,
  birthDate: persons.birthDate,
  education: persons.education,
  workStartDate: persons.workStartDate,
};

const masked = <T extends { idNumber: string }>(r: T) => ({ ...r, idNumber: maskIdNumber(r.idNumber) });

/** The searchable, paginated list (persons_employer_idx), ID numbers masked. */
export async function listEmployees(db: DbOrTx, user: SessionUser, f: { q?: string; page?: number; pageSize?: number } = {}) {
  const where = employeeWhere(orgOf(user), f.q ?? "");
  const page = Math.max(1, f.page ?? 1);
  const pageSize = f.pageSize ?? 20;
  const [rows, [{ total }]] = await Promise.all([
    db.select(LIST_COLUMNS).from(persons).where(where).orderBy(asc(persons.name), asc(persons.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ total: count() }).from(persons).where(where),
  ]);
  return { rows: rows.map(masked), total, page, pageSize };
}

export const EMPLOYEE_EXPORT_MAX_ROWS = 50_000;

/** The .xlsx export of the same query: masked ID numbers, as the list shows them. */
export async function employeesForExport(db: DbOrTx, user: SessionUser, q = "") {
  const rows = await db.select(LIST_COLUMNS).from(persons).where(employeeWhere(orgOf(user), q)).orderBy(asc(persons.name), asc(persons.id)).limit(EMPLOYEE_EXPORT_MAX_ROWS);
  return rows.map(masked);
}

/** One employee's full record for 修改, or null when the person is not this enterprise's employee. */
export async function getEmployee(db: DbOrTx, user: SessionUser, id: number) {
  const orgId = orgOf(user);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const [row] = await db.select(PROFILE_COLUMNS).from(persons).where(and(eq(persons.id, id), eq(persons.employerOrgId, orgId))).limit(1);
  return row ?? null;
}

async function orgName(db: DbOrTx, orgId: number) {
  const [o] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId)).limit(1);
  if (!o) throw new AccessDenied();
  return o.name;
}

const ID_TAKEN = "该证件号码已有人员登记，不能重复新增；如是本企业人员，请联系注册中心调整工作单位";

/**
 * 新增: creates the person as the enterprise's employee. A number already on record is refused without saying
 * whose it is: an enterprise cannot claim someone else's record by typing their number.
 */
export async function createEmployee(db: Db, user: SessionUser, input: NewEmployee, ip: string | null = null) {
  const orgId = orgOf(user);
  const employerName = await orgName(db, orgId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(persons)
      .values({
        idType: input.idType,
        idNumber: input.idNumber,
        name: input.name,
        gender: input.gender,
        birthDate: input.birthDate,
        phone: input.phone,
        email: input.email || null,
        education: input.education,
        address: input.address || null,
        employerOrgId: orgId,
        employerName,
        workStartDate: input.workStartDate,
      })
      .onConflictDoNothing()
      .returning({ id: persons.id });
    if (!row) throw new ActionError(ID_TAKEN, { idNumber: [ID_TAKEN] });
    await writeAudit(tx, {
      actor: user,
      ip,
      action: "employee.created",
      entityType: "person",
      entityId: row.id,
      summary: `${user.displayName} 新增企业人员 ${input.name}`,
    });
    return { id: row.id };
  });
}

/** 修改: the same rules as 个人信息维护 (a reviewed name stays); the ID number and the employer stay as they are. */
export async function updateEmployee(db: Db, user: SessionUser, input: UpdateEmployee, ip: string | null = null) {
  const before = await getEmployee(db, user, input.id);
  if (!before) throw new AccessDenied();
  if (input.name !== before.name && (await isNameLocked(db, before.id))) {
    throw new ActionError(NAME_LOCKED_MESSAGE, { name: [NAME_LOCKED_MESSAGE] });
  }
  const values = {
    name: input.name,
    phone: input.phone,
    email: input.email || null,
    education: input.education,
    address: input.address || null,
    workStartDate: input.workStartDate,
  };
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(persons)
      .set(values)
      .where(and(eq(persons.id, before.id), eq(persons.employerOrgId, orgOf(user))))
      .returning({ id: persons.id });
    if (!row) throw new AccessDenied();
    await writeAudit(tx, {
      actor: user,
      ip,
      action: "employee.updated",
      entityType: "person",
      entityId: before.id,
      summary: `${user.displayName} 修改了企业人员 ${before.name} 的信息`,
      before: { name: before.name, phone: before.phone, email: before.email, education: before.education, address: before.address, workStartDate: before.workStartDate },
      after: values,
    });
  });
}

/** The enterprise's registered name, shown as every employee's 工作单位. */
export async function enterpriseName(db: DbOrTx, user: SessionUser) {
  return orgName(db, orgOf(user));
}
