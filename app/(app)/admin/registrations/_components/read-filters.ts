import { REGISTRATION_STATUSES, SUBMITTER_KINDS, type RegistrationStatus } from "@/db/schema";
import { intParam, oneOf, param, type SearchParams } from "@/lib/queries/admin/params";
import type { RegistrationListFilter } from "@/lib/queries/registrations";

/** The queue's filters from the URL; `status` defaults to the queue's own (待审核 or 待缴费). */
export function readQueueFilters(sp: SearchParams, defaultStatus: RegistrationStatus) {
  const statusParam = param(sp, "status", 20);
  const status = statusParam === "all" ? undefined : (oneOf(sp, "status", REGISTRATION_STATUSES) ?? defaultStatus);
  const filters = {
    planId: intParam(sp, "planId"),
    statuses: status ? [status] : undefined,
    orgId: intParam(sp, "orgId"),
    submitterKind: oneOf(sp, "kind", SUBMITTER_KINDS),
    name: param(sp, "name", 30) || undefined,
    nameMode: param(sp, "nameMode") === "contains" ? ("contains" as const) : ("prefix" as const),
    idNumber: param(sp, "idNumber", 18).toUpperCase() || undefined,
    order: "oldest" as const,
  } satisfies RegistrationListFilter;
  const values = {
    planId: filters.planId,
    status: statusParam === "all" ? "all" : (status ?? defaultStatus),
    orgId: filters.orgId,
    kind: filters.submitterKind,
    name: filters.name,
    nameMode: filters.nameMode,
    idNumber: filters.idNumber,
  };
  return { filters, values };
}
