/**
 * A sample call for every entry of lib/auth/access-registry.ts, aimed at real records of the test database
 * (someone else's where the entry's owner rule is "record"), so that a missing guard would read or write
 * something the matrix test can see.
 */
export type SampleContext = {
  /** A registration that is not zhangsan's, not submitted by or employing chengjian's enterprise, not peixun's. */
  victimRegistrationId: number;
  victimPersonId: number;
  victimPhotoFileId: string;
  victimCertificateId: number;
  /** A 变更 application of the victim's certificate, with a supporting scan. */
  victimApplicationId: number;
  victimApplicationFileId: string;
  /** A 下载全部准考证 job of another enterprise (zhuzong), finished, with a stored PDF. */
  victimDocumentJobId: number;
  planId: number;
  tradeId: number;
  venueId: number;
  roomId: number;
  organizationId: number;
  zhangsanUserId: number;
  /** A batch import of another organisation (zhuzong's), still open for photos and confirming. */
  victimBatchId: number;
  xlsx: File;
};

export type RouteSample = { url: string; init?: RequestInit; params?: Record<string, string> };
type ActionSample = (c: SampleContext) => unknown;
type Sample = ActionSample | ((c: SampleContext) => RouteSample);

const fd = (o: Record<string, string | Blob>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, v);
  return f;
};
const post = (url: string, body: BodyInit, headers: Record<string, string> = {}): RouteSample => ({
  url,
  init: { method: "POST", body, headers: { origin: "http://localhost", ...headers } },
});

const registrationValues = (c: SampleContext) => ({
  planId: c.planId,
  employerName: "北京城建建设工程有限公司",
  employerCode: "",
  workStartDate: "2010-07-01",
  yearsOfWork: 10,
  resume: [{ period: "2010.07-至今", employer: "北京城建建设工程有限公司", post: "施工员" }],
  employerOpinion: "同意报名",
  photoFileId: c.victimPhotoFileId,
});

export const ACCESS_SAMPLES: Record<string, Record<string, Sample>> = {
  "app/(app)/_shared/account-actions.ts": {
    changePasswordAction: () => ({ currentPassword: "Demo@2026", newPassword: "Changed@2026x", confirmPassword: "Changed@2026x" }),
  },
  "app/(app)/_shared/lookup-actions.ts": { lookupOrganizationAction: () => ({ code: "91110105101100019W" }) },
  "app/(app)/_shared/renewal-actions.ts": { applyForRenewalAction: (c) => ({ certificateIds: [c.victimCertificateId] }) },
  "app/(app)/_shared/change-actions.ts": {
    applyForChangeAction: (c) => fd({ items: JSON.stringify([{ certificateId: c.victimCertificateId, employerName: "矩阵测试单位" }]) }),
  },
  "app/(app)/_shared/transfer-actions.ts": {
    lookupTransferPersonAction: () => ({ idType: "resident", idNumber: "110105198803151232" }),
    applyForTransferInAction: () =>
      fd({
        idType: "resident",
        idNumber: "11010519900307123X",
        name: "矩阵",
        tradeId: "1",
        certificateNo: "JX-MATRIX-0001",
        issuer: "江西省住房和城乡建设厅",
        issueDate: "2025-01-01",
        validUntil: "2029-01-01",
        scans: new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31])], "scan.pdf", { type: "application/pdf" }),
      }),
    deleteTransferInAction: (c) => ({ applicationId: c.victimApplicationId }),
  },
  "app/api/certificates/[id]/open/route.ts": { GET: (c) => ({ url: `/api/certificates/${c.victimCertificateId}/open`, params: { id: String(c.victimCertificateId) } }) },
  "app/api/registrations/[id]/open/route.ts": { GET: (c) => ({ url: `/api/registrations/${c.victimRegistrationId}/open`, params: { id: String(c.victimRegistrationId) } }) },
  "app/api/results/open/route.ts": { GET: (c) => ({ url: `/api/results/open?planId=${c.planId}` }) },
  "app/api/registrations/[id]/pdf/route.ts": { GET: (c) => ({ url: `/api/registrations/${c.victimRegistrationId}/pdf`, params: { id: String(c.victimRegistrationId) } }) },
  "app/api/registrations/[id]/export/route.ts": { GET: (c) => ({ url: `/api/registrations/${c.victimRegistrationId}/export`, params: { id: String(c.victimRegistrationId) } }) },
  "app/api/tickets/[id]/route.ts": {
    GET: (c) => ({ url: `/api/tickets/${c.victimRegistrationId}`, params: { id: String(c.victimRegistrationId) } }),
    POST: (c) => ({ ...post(`/api/tickets/${c.victimRegistrationId}`, ""), params: { id: String(c.victimRegistrationId) } }),
  },
  "app/api/certificate-applications/[id]/pdf/route.ts": { GET: (c) => ({ url: `/api/certificate-applications/${c.victimApplicationId}/pdf`, params: { id: String(c.victimApplicationId) } }) },
  "app/api/certificate-applications/[id]/files/[fileId]/route.ts": {
    GET: (c) => ({
      url: `/api/certificate-applications/${c.victimApplicationId}/files/${c.victimApplicationFileId}`,
      params: { id: String(c.victimApplicationId), fileId: c.victimApplicationFileId },
    }),
  },
  "app/api/certificates/[id]/pdf/route.ts": { GET: (c) => ({ url: `/api/certificates/${c.victimCertificateId}/pdf`, params: { id: String(c.victimCertificateId) } }) },
  "app/api/photos/[fileId]/route.ts": { GET: (c) => ({ url: `/api/photos/${c.victimPhotoFileId}`, params: { fileId: c.victimPhotoFileId } }) },
  "app/api/results/export/route.ts": { GET: (c) => ({ url: `/api/results/export?planId=${c.planId}` }) },
  "app/api/photos/route.ts": { POST: (c) => post("/api/photos", fd({ file: new File([c.xlsx], "a.jpg", { type: "image/jpeg" }) })) },
  "app/api/registrations/route.ts": { POST: (c) => post("/api/registrations", JSON.stringify(registrationValues(c)), { "content-type": "application/json" }) },
  "app/api/bench/session/route.ts": { GET: () => ({ url: "/api/bench/session" }) },

  "app/(app)/_shared/plan-actions.ts": { searchPlansAction: () => ({}), searchResultPlansAction: () => ({}) },
  "app/(app)/_shared/bulk-ticket-actions.ts": {
    startBulkTicketsAction: (c) => ({ planId: c.planId }),
    bulkTicketsStatusAction: (c) => ({ jobId: c.victimDocumentJobId }),
  },
  "app/api/document-jobs/[id]/route.ts": { GET: (c) => ({ url: `/api/document-jobs/${c.victimDocumentJobId}`, params: { id: String(c.victimDocumentJobId) } }) },
  "app/(app)/enterprise/employees/actions.ts": {
    createEmployeeAction: () => ({ idType: "resident", idNumber: "110101199003070011", name: "矩阵新员工", phone: "13900000007", email: "", education: "本科", address: "", workStartDate: "2012-07-01" }),
    updateEmployeeAction: (c) => ({ id: c.victimPersonId, name: "改名", phone: "13900000006", email: "", education: "本科", address: "", workStartDate: "2010-01-01" }),
  },
  "app/(app)/enterprise/employees/export/route.ts": { GET: () => ({ url: "/enterprise/employees/export" }) },
  "app/(app)/enterprise/certificates/export/route.ts": { GET: () => ({ url: "/enterprise/certificates/export" }) },
  "app/(app)/person/profile/actions.ts": {
    saveProfileAction: () => ({ name: "改名", phone: "13900000009", email: "", education: "本科", address: "", employerName: "某单位", employerCode: "", workStartDate: "2010-01-01" }),
  },
  "app/(app)/person/registrations/actions.ts": {
    submitRegistrationAction: (c) => registrationValues(c),
    updateRegistrationAction: (c) => ({ ...registrationValues(c), registrationId: c.victimRegistrationId }),
    withdrawRegistrationAction: (c) => ({ registrationId: c.victimRegistrationId }),
  },

  "app/(app)/_shared/org-registration-actions.ts": {
    searchEmployeesAction: () => ({ q: "" }),
    employeeDetailsAction: (c) => ({ personId: c.victimPersonId }),
    lookupPersonAction: () => ({ idType: "resident", idNumber: "110105198803151232", name: "" }),
    registrationStageAction: (c) => ({ planId: c.planId, idType: "resident", idNumber: "110105198803151232", name: "张三" }),
    submitOrgRegistrationAction: (c) => ({ ...registrationValues(c), personId: c.victimPersonId }),
    updateOrgRegistrationAction: (c) => ({ ...registrationValues(c), registrationId: c.victimRegistrationId }),
    withdrawOrgRegistrationAction: (c) => ({ registrationId: c.victimRegistrationId }),
    uploadBatchAction: (c) => fd({ planId: String(c.planId), file: c.xlsx }),
    batchProgressAction: (c) => ({ batchId: c.victimBatchId }),
    uploadBatchPhotosAction: (c) => fd({ batchId: String(c.victimBatchId), files: new File([new Uint8Array([0xff, 0xd8, 0xff])], "110105198803151232.jpg") }),
    removeBatchPhotoAction: (c) => ({ batchId: c.victimBatchId, idNumber: "110105198803151232" }),
    confirmBatchAction: (c) => ({ batchId: c.victimBatchId }),
    deleteAllRegistrationsAction: (c) => ({ planId: c.planId }),
    deleteRegistrationAction: (c) => ({ registrationId: c.victimRegistrationId }),
  },
  "app/api/registration-batches/template/route.ts": { GET: (c) => ({ url: `/api/registration-batches/template?planId=${c.planId}` }) },
  "app/api/registration-batches/[id]/errors/route.ts": { GET: (c) => ({ url: `/api/registration-batches/${c.victimBatchId}/errors`, params: { id: String(c.victimBatchId) } }) },
  "app/api/registration-batches/[id]/forms/route.ts": { GET: (c) => ({ url: `/api/registration-batches/${c.victimBatchId}/forms`, params: { id: String(c.victimBatchId) } }) },

  "app/(app)/admin/accounts/actions.ts": {
    resetPasswordAction: (c) => ({ userId: c.zhangsanUserId, password: "Reset@2026x", confirmPassword: "Reset@2026x" }),
    accountStatusAction: (c) => ({ userId: c.zhangsanUserId, status: "disabled" }),
  },
  "app/(app)/admin/applications/actions.ts": {
    approveApplicationsAction: (c) => ({ ids: [c.victimApplicationId] }),
    // The victim's application sits in this batch (see access-matrix.test.ts).
    approveBatchAction: () => ({ batchNo: "BG20260101999999" }),
    rejectApplicationsAction: (c) => ({ ids: [c.victimApplicationId], reason: "材料不清晰" }),
    rejectBatchAction: () => ({ batchNo: "BG20260101999999", reason: "材料不清晰" }),
  },
  "app/(app)/admin/certificate-search/actions.ts": {
    revokeCertificateAction: (c) => ({ certificateId: c.victimCertificateId, reasonClass: "other", reason: "矩阵测试" }),
    reinstateCertificateAction: (c) => ({ certificateId: c.victimCertificateId, reason: "矩阵测试" }),
  },
  "app/(app)/admin/certificates/actions.ts": { issueAction: (c) => ({ planId: c.planId }) },
  "app/(app)/admin/organizations/actions.ts": {
    createOrganizationAction: () => ({ kind: "enterprise", name: "矩阵测试企业", uscc: "", orgCode: "", contactName: "王五", contactPhone: "13900000008", address: "" }),
    updateOrganizationAction: (c) => ({ id: c.organizationId, values: { kind: "enterprise", name: "改名企业", uscc: "", orgCode: "", contactName: "王五", contactPhone: "13900000008", address: "" } }),
    organizationStatusAction: (c) => ({ id: c.organizationId, status: "disabled" }),
    createAccountAction: (c) => ({ organizationId: c.organizationId, username: "matrix-account", password: "Matrix@2026x", confirmPassword: "Matrix@2026x" }),
  },
  "app/(app)/admin/payments/actions.ts": { importPaymentsAction: (c) => fd({ planId: String(c.planId), file: c.xlsx }) },
  "app/(app)/admin/payments/template/route.ts": { GET: () => ({ url: "/admin/payments/template" }) },
  "app/(app)/admin/plans/actions.ts": {
    createPlanAction: (c) => ({ tradeId: c.tradeId, name: "矩阵测试计划", code: "KS2099-MX-01" }),
    updatePlanAction: (c) => ({ id: c.planId, values: { tradeId: c.tradeId, name: "改名计划" } }),
    deletePlanAction: (c) => ({ id: c.planId }),
    planTransitionAction: (c) => ({ id: c.planId, transition: "close" }),
  },
  "app/(app)/admin/registrations/actions.ts": {
    approveAction: (c) => ({ ids: [c.victimRegistrationId] }),
    rejectAction: (c) => ({ ids: [c.victimRegistrationId], reason: "资料不全" }),
    markPaidAction: (c) => ({ ids: [c.victimRegistrationId], paymentRef: "X1" }),
  },
  "app/(app)/admin/scores/actions.ts": {
    recordScoreAction: (c) => ({ registrationId: c.victimRegistrationId, score: "99" }),
    importScoresAction: (c) => fd({ planId: String(c.planId), file: c.xlsx }),
    passMarkAction: (c) => ({ planId: c.planId, passMark: "10" }),
  },
  "app/(app)/admin/scores/[planId]/template/route.ts": { GET: (c) => ({ url: `/admin/scores/${c.planId}/template`, params: { planId: String(c.planId) } }) },
  "app/(app)/admin/seating/actions.ts": { arrangeAction: (c) => ({ planId: c.planId, includePrinted: true }) },
  "app/(app)/admin/seating/[planId]/sign-in-sheets/route.ts": { GET: (c) => ({ url: `/admin/seating/${c.planId}/sign-in-sheets`, params: { planId: String(c.planId) } }) },
  "app/(app)/admin/trades/actions.ts": {
    createTradeAction: () => ({ code: "MX", name: "矩阵工种", category: "管理人员" }),
    updateTradeAction: (c) => ({ id: c.tradeId, code: "MX", name: "改名工种", category: "管理人员" }),
    retireTradeAction: (c) => ({ id: c.tradeId }),
    restoreTradeAction: (c) => ({ id: c.tradeId }),
  },
  "app/(app)/admin/venues/actions.ts": {
    createVenueAction: () => ({ name: "矩阵考点", address: "某路1号" }),
    updateVenueAction: (c) => ({ id: c.venueId, name: "改名考点", address: "某路2号" }),
    retireVenueAction: (c) => ({ id: c.venueId }),
    restoreVenueAction: (c) => ({ id: c.venueId }),
    createRoomAction: (c) => ({ venueId: c.venueId, name: "矩阵考场", capacity: 30 }),
    updateRoomAction: (c) => ({ id: c.roomId, name: "改名考场", capacity: 31 }),
    deleteRoomAction: (c) => ({ id: c.roomId }),
  },
};
