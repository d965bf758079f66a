import "server-only";
import { ROLE_HOME, type Role } from "@/lib/auth/roles";

/**
 * Links for in-app messages about a registration, a plan's results or a certificate. One message goes to the
 * person and to the organisation that submitted for them (notifyMany), so the link names the record, not a
 * role's page; the /open routes send each reader to their own role's page for it.
 */
export const notificationLinkPattern = {
  registration: "/api/registrations/%s/open",
  ticket: "/api/registrations/%s/open?to=ticket",
  results: "/api/results/open?planId=%s",
  certificate: "/api/certificates/%s/open",
} as const;

/** The same links for one record; messages written by one INSERT … SELECT use the patterns with SQL format(). */
export const notificationLink = {
  registration: (registrationId: number) => notificationLinkPattern.registration.replace("%s", String(registrationId)),
  ticket: (registrationId: number) => notificationLinkPattern.ticket.replace("%s", String(registrationId)),
  results: (planId: number) => notificationLinkPattern.results.replace("%s", String(planId)),
  certificate: (certificateId: number) => notificationLinkPattern.certificate.replace("%s", String(certificateId)),
};

export type LinkTarget =
  | { kind: "registration"; id: number }
  | { kind: "ticket"; id: number }
  | { kind: "results"; planId: number }
  | { kind: "certificate"; id: number };

/**
 * Where a reader of this role sees the record: the practitioner's own pages; a certificate's page for an enterprise
 * and the centre; otherwise the reader's area home.
 */
export function notificationTarget(role: Role, t: LinkTarget): string {
  if (role === "person") {
    switch (t.kind) {
      case "registration":
        return `/person/registrations/${t.id}`;
      case "ticket":
        return `/person/tickets/${t.id}`;
      case "results":
        return `/person/results?planId=${t.planId}`;
      case "certificate":
        return `/person/certificates/${t.id}`;
    }
  }
  // A certificate's message (a renewal, change or 进京 decision) reaches the submitting enterprise too: its page of
  // its employee's certificate. The training institution has no certificate pages.
  if (t.kind === "certificate" && role === "enterprise") return `/enterprise/certificates/${t.id}`;
  if (t.kind === "certificate" && role === "admin") return `/admin/certificate-search/${t.id}`;
  return ROLE_HOME[role];
}
