import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { persons } from "@/db/schema";
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

/** 个人信息维护: a practitioner updates their own record. A known organisation code fills the employer in. */
export async function updateOwnProfile(db: Db, user: SessionUser, input: PersonProfile, ip: string | null) {
  const before = await getOwnPerson(db, user);
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
