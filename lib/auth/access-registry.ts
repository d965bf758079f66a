import type { Role } from "./roles";

/**
 * Who may call each server action and route handler: one entry per `'use server'` export and per HTTP method of
 * every route.ts. tests/integration/access-matrix.test.ts finds them all in the source and fails when one has no
 * entry here (or no sample call in tests/support/access-samples.ts); it then calls each as signed-out, as every
 * role not listed, and, where `owner` is "record", as a listed role on someone else's record: all must be
 * refused, write nothing and answer with none of that record's data.
 *
 * Adding an action: add it here with its roles and owner rule, and a sample call in access-samples.ts.
 */
export type AccessRule = {
  /** The roles allowed; "anyone" only for the sign-in machinery itself (say why in `note`). */
  roles: readonly Role[] | "anyone";
  /**
   * "record": the input names a record that must be the caller's (person: own; enterprise: its employees and
   *   its submissions; trainer: its submissions; admin: all), answered like "not found" when it is not;
   * "self": acts only on the caller's own account or data, there is no record to name;
   * "none": no personal record involved (reference data, admin-wide work).
   */
  owner: "record" | "self" | "none";
  note?: string;
};

const ALL_ROLES = ["person", "enterprise", "trainer", "admin"] as const;
const ORG_ROLES = ["enterprise", "trainer"] as const;
const admin = { roles: ["admin"], owner: "none" } as const satisfies AccessRule;

export const ACCESS_REGISTRY: Record<string, Record<string, AccessRule>> = {
  // Sign-in itself.
  "app/(auth)/login/actions.ts": {
    login: { roles: "anyone", owner: "none", note: "the sign-in form" },
    loginWithHall: { roles: "anyone", owner: "none", note: "starts the service-hall sign-in" },
  },
  "app/api/auth/[...nextauth]/route.ts": {
    GET: { roles: "anyone", owner: "none", note: "Auth.js endpoints (session, csrf, OIDC callback)" },
    POST: { roles: "anyone", owner: "none", note: "Auth.js endpoints (sign-in, sign-out, session update)" },
  },
  "app/api/captcha/route.ts": {
    GET: { roles: "anyone", owner: "none", note: "the sign-in form's captcha, throttled per IP" },
  },
  "app/api/captcha/audio/route.ts": {
    GET: { roles: "anyone", owner: "none", note: "the same captcha read aloud (听语音验证码), throttled with the image; never the answer as text" },
  },

  // Every signed-in role.
  "app/(app)/_shared/account-actions.ts": { changePasswordAction: { roles: ALL_ROLES, owner: "self" } },
  "app/(app)/_shared/plan-actions.ts": {
    searchPlansAction: { roles: ALL_ROLES, owner: "none", note: "plans are public reference data" },
    searchResultPlansAction: { roles: ALL_ROLES, owner: "none", note: "plans are public reference data" },
  },
  "app/(app)/_shared/lookup-actions.ts": { lookupOrganizationAction: { roles: ALL_ROLES, owner: "none", note: "answers an organisation's public name only" } },
  // 申请证书续期 / 申请证书变更 / 证书进京 (person, enterprise, trainer; the service scopes each certificate).
  "app/(app)/_shared/renewal-actions.ts": { applyForRenewalAction: { roles: ["person", "enterprise", "trainer"], owner: "record" } },
  "app/(app)/_shared/change-actions.ts": { applyForChangeAction: { roles: ["person", "enterprise", "trainer"], owner: "record" } },
  "app/(app)/_shared/transfer-actions.ts": {
    lookupTransferPersonAction: { roles: ["person", "trainer"], owner: "none", note: "a name only for a person in the caller's scope; otherwise what the ID number itself says" },
    applyForTransferInAction: { roles: ["person", "trainer"], owner: "self", note: "a person for themself only; a trainer files for whoever comes to it" },
    deleteTransferInAction: { roles: ["person", "trainer"], owner: "record" },
  },
  "app/api/certificates/[id]/open/route.ts": { GET: { roles: ALL_ROLES, owner: "none", note: "redirects to the reader's own page" } },
  "app/api/registrations/[id]/open/route.ts": { GET: { roles: ALL_ROLES, owner: "none", note: "redirects to the reader's own page" } },
  "app/api/results/open/route.ts": { GET: { roles: ALL_ROLES, owner: "none", note: "redirects to the reader's own page" } },
  "app/api/registrations/[id]/pdf/route.ts": { GET: { roles: ALL_ROLES, owner: "record" } },
  "app/api/registrations/[id]/export/route.ts": { GET: { roles: ALL_ROLES, owner: "record" } },
  "app/api/tickets/[id]/route.ts": { GET: { roles: ALL_ROLES, owner: "record" }, POST: { roles: ALL_ROLES, owner: "record" } },
  "app/api/certificates/[id]/pdf/route.ts": { GET: { roles: ALL_ROLES, owner: "record" } },
  "app/api/certificate-applications/[id]/pdf/route.ts": { GET: { roles: ALL_ROLES, owner: "record" } },
  "app/api/certificate-applications/[id]/files/[fileId]/route.ts": { GET: { roles: ALL_ROLES, owner: "record" } },
  "app/api/photos/[fileId]/route.ts": { GET: { roles: ALL_ROLES, owner: "record" } },
  "app/api/results/export/route.ts": { GET: { roles: ALL_ROLES, owner: "self", note: "the pass list within the caller's scope" } },
  "app/api/photos/route.ts": { POST: { roles: ALL_ROLES, owner: "self", note: "stores a new photo owned by the uploader" } },
  "app/api/registrations/route.ts": { POST: { roles: ["person", "enterprise", "trainer"], owner: "self" } },
  "app/api/bench/session/route.ts": {
    GET: { roles: ALL_ROLES, owner: "self", note: "the submission benchmark's floor: 404 unless the server runs with BENCH_AUTH_FLOOR=1, then 204 for a session, 401 without" },
  },

  // 从业人员.
  "app/(app)/person/profile/actions.ts": { saveProfileAction: { roles: ["person"], owner: "self" } },
  "app/(app)/person/registrations/actions.ts": {
    submitRegistrationAction: { roles: ["person"], owner: "self" },
    updateRegistrationAction: { roles: ["person"], owner: "record" },
    withdrawRegistrationAction: { roles: ["person"], owner: "record" },
  },

  // 企业 and 培训机构: 考试报名 and 批量报名.
  "app/(app)/_shared/org-registration-actions.ts": {
    searchEmployeesAction: { roles: ["enterprise"], owner: "self", note: "its own employees only" },
    employeeDetailsAction: { roles: ["enterprise"], owner: "record" },
    lookupPersonAction: { roles: ORG_ROLES, owner: "self", note: "a stored record only for the enterprise employing the person; otherwise whether the typed name matches" },
    registrationStageAction: { roles: ORG_ROLES, owner: "self", note: "names no other submitter's registration number or status" },
    submitOrgRegistrationAction: {
      roles: ORG_ROLES,
      owner: "self",
      note: "a personId must be the enterprise's own employee, else the person is found by ID number and matching name (service tests prove the refusals)",
    },
    updateOrgRegistrationAction: { roles: ORG_ROLES, owner: "record" },
    withdrawOrgRegistrationAction: { roles: ORG_ROLES, owner: "record" },
    uploadBatchAction: { roles: ORG_ROLES, owner: "self", note: "creates a batch of the caller's organisation" },
    batchProgressAction: { roles: ORG_ROLES, owner: "record" },
    uploadBatchPhotosAction: { roles: ORG_ROLES, owner: "record" },
    removeBatchPhotoAction: { roles: ORG_ROLES, owner: "record" },
    confirmBatchAction: { roles: ORG_ROLES, owner: "record" },
    deleteAllRegistrationsAction: { roles: ORG_ROLES, owner: "self", note: "deletes only what the caller's organisation submitted" },
    deleteRegistrationAction: { roles: ORG_ROLES, owner: "record" },
  },
  "app/api/registration-batches/template/route.ts": { GET: { roles: ORG_ROLES, owner: "none", note: "a plan's blank template" } },
  "app/api/registration-batches/[id]/errors/route.ts": { GET: { roles: ORG_ROLES, owner: "record" } },
  "app/api/registration-batches/[id]/forms/route.ts": { GET: { roles: ORG_ROLES, owner: "record" } },
  // 企业 and 培训机构.
  "app/(app)/_shared/bulk-ticket-actions.ts": {
    startBulkTicketsAction: { roles: ["enterprise", "trainer"], owner: "self", note: "prints only the organisation's own submissions" },
    bulkTicketsStatusAction: { roles: ["enterprise", "trainer"], owner: "record" },
  },
  "app/api/document-jobs/[id]/route.ts": { GET: { roles: ["enterprise", "trainer"], owner: "record" } },
  "app/(app)/enterprise/employees/actions.ts": {
    createEmployeeAction: { roles: ["enterprise"], owner: "self", note: "creates a person employed by the caller" },
    updateEmployeeAction: { roles: ["enterprise"], owner: "record" },
  },
  "app/(app)/enterprise/employees/export/route.ts": { GET: { roles: ["enterprise"], owner: "self", note: "the caller's own employees" } },
  "app/(app)/enterprise/certificates/export/route.ts": { GET: { roles: ["enterprise"], owner: "self", note: "the caller's employees' certificates" } },

  // 注册中心.
  "app/(app)/admin/accounts/actions.ts": { resetPasswordAction: admin, accountStatusAction: admin },
  "app/(app)/admin/applications/actions.ts": { approveApplicationsAction: admin, approveBatchAction: admin, rejectApplicationsAction: admin, rejectBatchAction: admin },
  "app/(app)/admin/certificate-search/actions.ts": { revokeCertificateAction: admin, reinstateCertificateAction: admin },
  "app/(app)/admin/certificates/actions.ts": { issueAction: admin },
  "app/(app)/admin/organizations/actions.ts": {
    createOrganizationAction: admin,
    updateOrganizationAction: admin,
    organizationStatusAction: admin,
    createAccountAction: admin,
  },
  "app/(app)/admin/payments/actions.ts": { importPaymentsAction: admin },
  "app/(app)/admin/payments/template/route.ts": { GET: admin },
  "app/(app)/admin/plans/actions.ts": { createPlanAction: admin, updatePlanAction: admin, deletePlanAction: admin, planTransitionAction: admin },
  "app/(app)/admin/registrations/actions.ts": { approveAction: admin, rejectAction: admin, markPaidAction: admin },
  "app/(app)/admin/scores/actions.ts": { recordScoreAction: admin, importScoresAction: admin, passMarkAction: admin },
  "app/(app)/admin/scores/[planId]/template/route.ts": { GET: admin },
  "app/(app)/admin/seating/actions.ts": { arrangeAction: admin },
  "app/(app)/admin/seating/[planId]/sign-in-sheets/route.ts": { GET: admin },
  "app/(app)/admin/trades/actions.ts": { createTradeAction: admin, updateTradeAction: admin, retireTradeAction: admin, restoreTradeAction: admin },
  "app/(app)/admin/venues/actions.ts": {
    createVenueAction: admin,
    updateVenueAction: admin,
    retireVenueAction: admin,
    restoreVenueAction: admin,
    createRoomAction: admin,
    updateRoomAction: admin,
    deleteRoomAction: admin,
  },
};
