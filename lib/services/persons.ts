import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { persons, registrations } from "@/db/schema";
import { ActionError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit";
import { AccessDenied } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { findOrgByCode } from "@/lib/queries/organizations";
import type { PersonProfile } from "@/lib/validations/person";

export const PROFILE_COLUMNS = {
  id: persons.id,
  idType: persons.idType,
  idNumber: persons.idNumber,
  name: persons.name,
  gender: persons.gender,
  birthDate: persons.birthDate,
  phone: persons.phone,
  email: persons.email,
  education: persons.education,
  address: persons.address,
  employerName: persons.employerName,
  employerOrgId: persons.employerOrgId,
  workStartDate: persons.workStartDate,
  photoFileId: persons.photoFileId,
};

export async function getOwnPerson(db: Db, user: SessionUser) {
  if (user.role !== "person" || !user.personId) throw new AccessDenied();
  const [row] = await db.select(PROFILE_COLUMNS).from(persons).where(eq(persons.id, user.personId)).limit(1);
  if (!row) throw new AccessDenied();
  return row;
}

export const NAME_LOCKED_MESSAGE = "姓名已通过报名审核，不能在此修改；如需更正，请办理证书变更申请或联系注册中心";

/**
 * Once a registration of the person passed review, the name is on record (and flows into tickets and
 * certificates): from then on only the registration centre changes it.
 */
export async function isNameLocked(db: Db, personId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.personId, personId), inArray(registrations.status, ["approved", "paid", "seated"])))
    .limit(1);
  return Boolean(row);
}

/** 个人信息维护: a practitioner updates their own record. A known organisation code fills the employer in. */
export async function updateOwnProfile(db: Db, user: SessionUser, input: PersonProfile, ip: string | null) {
  const before = await getOwnPerson(db, user);
  if (input.name !== before.name && (await isNameLocked(db, before.id))) {
    throw new ActionError(NAME_LOCKED_MESSAGE, { name: [NAME_LOCKED_MESSAGE] });
  }
  const org = input.employerCode ? await findOrgByCode(db, input.employerCode) : null;
  const values = {
    name: input.name,
    phone: input.phone,
    email: input.email || null,
    education: input.education,
    address: input.address || null,
    employerName: org?.name ?? input.employerName,
    employerOrgId: org?.id ?? (input.employerCode ? null : before.employerOrgId),
    workStartDate: input.workStartDate,
  };
  await db.transaction(async (tx) => {
    await tx.update(persons).set(values).where(eq(persons.id, before.id));
    await writeAudit(tx, {
      actor: user,
      ip,
      action: "person.profile_updated",
      entityType: "person",
      entityId: before.id,
      summary: `${user.displayName} 修改了个人信息`,
      before: { name: before.name, phone: before.phone, email: before.email, education: before.education, address: before.address, employerName: before.employerName, workStartDate: before.workStartDate },
      after: values,
    });
  });
}
