import { REGISTRATION_STATUSES, SUBMITTER_KINDS, type RegistrationStatus } from "@/db/schema";
import { flatParams, intParam, oneOf, param, type SearchParams } from "@/lib/queries/admin/params";
import type { RegistrationListFilter } from "@/lib/queries/registrations";
import { sealParam, unsealParam } from "@/lib/url-seal";

/**
 * The queue's filters from the URL; `status` defaults to the queue's own (待审核 or 待缴费).
 * An ID number never stays in the URL: the filter form sends it as `idNumber`, and the page redirects to
 * `sealedQuery`, where it travels sealed as `idq` (see lib/url-seal.ts).
 */
export function readQueueFilters(sp: SearchParams, defaultStatus: RegistrationStatus) {
  const typedId = param(sp, "idNumber", 18).toUpperCase();
  const sealedId = param(sp, "idq", 200);
  let sealedQuery: string | undefined;
  if (typedId) {
    const { idNumber: _typed, page: _page, ...rest } = flatParams(sp);
    void _typed; void _page;
    const query = new URLSearchParams(Object.entries({ ...rest, idq: sealParam(typedId) }).filter((e): e is [string, string] => Boolean(e[1])));
    sealedQuery = query.toString();
  }
  const statusParam = param(sp, "status", 20);
  const status = statusParam === "all" ? undefined : (oneOf(sp, "status", REGISTRATION_STATUSES) ?? defaultStatus);
  const filters = {
    planId: intParam(sp, "planId"),
    statuses: status ? [status] : undefined,
    orgId: intParam(sp, "orgId"),
    submitterKind: oneOf(sp, "kind", SUBMITTER_KINDS),
    name: param(sp, "name", 30) || undefined,
    nameMode: param(sp, "nameMode") === "contains" ? ("contains" as const) : ("prefix" as const),
    idNumber: typedId || (sealedId ? unsealParam(sealedId)?.slice(0, 18) : undefined) || undefined,
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
  return { filters, values, sealedQuery };
}
