import "server-only";
import { and, eq, or, sql, type SQL } from "drizzle-orm";
import { certificates, persons, registrations } from "@/db/schema";
import type { SessionUser } from "./roles";

/**
 * The scope rule of DOMAIN.md as SQL, so every list and lookup filters in the database:
 * a person sees their own; an enterprise its employees and its submissions; a trainer its submissions;
 * admin everything.
 */
export function registrationScope(user: SessionUser): SQL {
  switch (user.role) {
    case "admin":
      return sql`true`;
    case "person":
      return user.personId ? eq(registrations.personId, user.personId) : sql`false`;
    case "enterprise":
      return user.organizationId
        ? or(eq(registrations.submitterOrgId, user.organizationId), eq(registrations.employerOrgId, user.organizationId))!
        : sql`false`;
    case "trainer":
      return user.organizationId ? and(eq(registrations.submitterKind, "trainer"), eq(registrations.submitterOrgId, user.organizationId))! : sql`false`;
  }
}

/** Which person records a user may read or register: their own, their employees, or (admin) all. */
export function personScope(user: SessionUser): SQL {
  switch (user.role) {
    case "admin":
      return sql`true`;
    case "person":
      return user.personId ? eq(persons.id, user.personId) : sql`false`;
    case "enterprise":
      return user.organizationId ? eq(persons.employerOrgId, user.organizationId) : sql`false`;
    case "trainer":
      // A training institution may register anyone who comes to it; it sees people through its submissions.
      return user.organizationId
        ? sql`exists (select 1 from registrations r where r.person_id = ${persons.id} and r.submitter_kind = 'trainer' and r.submitter_org_id = ${user.organizationId})`
        : sql`false`;
  }
}

/**
 * Whose own person record (its stored photo, contact data) a user may read: like personScope, except that a
 * training institution never sees the record itself, only what it submitted.
 */
export function personRecordScope(user: SessionUser): SQL {
  return user.role === "trainer" ? sql`false` : personScope(user);
}

/**
 * Certificates follow their holder for the person, the employer and the centre; a training institution sees
 * only the certificates that came out of its own submissions.
 */
export function certificateScope(user: SessionUser): SQL {
  if (user.role !== "trainer") return personScope(user);
  return user.organizationId
    ? sql`exists (select 1 from registrations r where r.id = ${certificates.registrationId} and r.submitter_kind = 'trainer' and r.submitter_org_id = ${user.organizationId})`
    : sql`false`;
}
