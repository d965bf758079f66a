import "server-only";
import { and, eq, or, sql, type SQL } from "drizzle-orm";
import { persons, registrations } from "@/db/schema";
import type { SessionUser } from "./roles";

/**
 * Who may see which registration, as SQL, so every list and lookup filters in the database:
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
 * Which certificates a user may see and apply for: a person their own; an enterprise those of persons it employs;
 * a trainer only certificates that came from its own submissions (an exam registration it submitted, or a 进京
 * application it filed); admin all. Written over the unaliased `certificates` table.
 */
export function certificateScope(user: SessionUser): SQL {
  switch (user.role) {
    case "admin":
      return sql`true`;
    case "person":
      return user.personId ? sql`certificates.person_id = ${user.personId}` : sql`false`;
    case "enterprise":
      return user.organizationId
        ? sql`certificates.person_id in (select p.id from persons p where p.employer_org_id = ${user.organizationId})`
        : sql`false`;
    case "trainer":
      return user.organizationId
        ? sql`(exists (select 1 from registrations r where r.id = certificates.registration_id and r.submitter_kind = 'trainer' and r.submitter_org_id = ${user.organizationId})
            or exists (select 1 from certificate_applications ta join application_batches tb on tb.id = ta.batch_id
                       where ta.id = certificates.transfer_application_id and tb.submitter_kind = 'trainer' and tb.submitter_org_id = ${user.organizationId}))`
        : sql`false`;
  }
}

/**
 * Which 续期/变更/进京 applications a user may see: a person those about themself; an enterprise those about its
 * employees or submitted by it; a trainer those it submitted; admin all. Over `certificate_applications` joined
 * with its batch as `application_batches`.
 */
export function applicationScope(user: SessionUser): SQL {
  switch (user.role) {
    case "admin":
      return sql`true`;
    case "person":
      return user.personId ? sql`certificate_applications.person_id = ${user.personId}` : sql`false`;
    case "enterprise":
      return user.organizationId
        ? sql`(application_batches.submitter_org_id = ${user.organizationId}
            or certificate_applications.person_id in (select p.id from persons p where p.employer_org_id = ${user.organizationId}))`
        : sql`false`;
    case "trainer":
      return user.organizationId
        ? sql`(application_batches.submitter_kind = 'trainer' and application_batches.submitter_org_id = ${user.organizationId})`
        : sql`false`;
  }
}
