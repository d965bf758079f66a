/**
 * The one vocabulary of statuses: how every stored status (and the certificate states derived from them) is
 * worded in the UI, after the old system's manual, and which tone its badge takes. The word carries the
 * meaning; the tone only supports it. Pages, services, exports and messages all read these tables, and
 * lib/domain/statuses.test.ts fails when a status in the schema lacks an entry here.
 */
import type { APPLICATION_STATUSES, ApplicationKind, CertificateStatus, RevokeReasonClass } from "@/db/schema/certificates";
import { resultsVisible } from "@/lib/domain/rules";
import type { DOCUMENT_JOB_STATUSES, ImportBatchStatus, PlanStatus, RegistrationStatus, SubmitterKind } from "@/db/schema/exams";

type DocumentJobStatus = (typeof DOCUMENT_JOB_STATUSES)[number];

export type StatusTone = "neutral" | "info" | "success" | "warning" | "danger";
export type Vocabulary<K extends string> = Record<K, { label: string; tone: StatusTone }>;

export const PLAN_STATUS: Vocabulary<PlanStatus> = {
  draft: { label: "草稿", tone: "neutral" },
  published: { label: "报名中", tone: "info" },
  closed: { label: "报名结束", tone: "warning" },
  seated: { label: "已编排", tone: "info" },
  held: { label: "已考试", tone: "warning" },
  results_published: { label: "成绩已发布", tone: "success" },
  archived: { label: "已归档", tone: "neutral" },
};

/** 报名状态: the same word for the person, the employer and the centre. */
export const REGISTRATION_STATUS: Vocabulary<RegistrationStatus> = {
  submitted: { label: "待审核", tone: "info" },
  approved: { label: "审核通过/待缴费", tone: "warning" },
  rejected: { label: "未通过", tone: "danger" },
  withdrawn: { label: "已撤回", tone: "neutral" },
  paid: { label: "已缴费", tone: "success" },
  seated: { label: "已编排", tone: "success" },
};

/**
 * What a registration shows its holder and submitter: its status, until the plan's results are published;
 * from then on a seated registration's outcome (合格 / 不合格), since 已编排 no longer says anything useful.
 */
export type RegistrationStage = RegistrationStatus | "passed" | "failed";

export const REGISTRATION_STAGE: Vocabulary<RegistrationStage> = {
  ...REGISTRATION_STATUS,
  passed: { label: "合格", tone: "success" },
  failed: { label: "不合格", tone: "danger" },
};

export function registrationStage(r: { status: RegistrationStatus; planStatus: PlanStatus; passed: boolean | null }): RegistrationStage {
  if (r.status !== "seated" || !resultsVisible(r.planStatus) || r.passed === null) return r.status;
  return r.passed ? "passed" : "failed";
}

/**
 * What a certificate holder sees: the stored 注销/变更 first, then 有效 / 即将到期 / 已过期 derived from its
 * validity against today's date (lib/services/certificates.ts `certificateState`).
 */
export type CertificateState = CertificateStatus | "expiring" | "expired";

export const CERTIFICATE_STATE: Vocabulary<CertificateState> = {
  valid: { label: "有效", tone: "success" },
  expiring: { label: "即将到期", tone: "warning" },
  expired: { label: "已过期", tone: "danger" },
  revoked: { label: "已注销", tone: "danger" },
  superseded: { label: "已变更", tone: "neutral" },
};

export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The manual's words: the 证书进京 list shows “已申请” until the centre decides. */
export const APPLICATION_STATUS: Vocabulary<ApplicationStatus> = {
  applied: { label: "已申请", tone: "info" },
  approved: { label: "审核通过", tone: "success" },
  rejected: { label: "审核不通过", tone: "danger" },
};

export const APPLICATION_KIND_LABELS: Record<ApplicationKind, string> = {
  renewal: "证书续期",
  change: "证书变更",
  transfer_in: "证书进京",
};

/** 吊销 (a penalty) and 注销 (no fault): the class shown on the verification page. */
export const REVOKE_REASON_LABELS: Record<RevokeReasonClass, string> = {
  violation: "违法违规吊销",
  fraud: "以欺骗等不正当手段取得，予以吊销",
  holder_request: "本人申请注销",
  deceased: "持证人死亡注销",
  other: "其他原因注销",
};

/** 提交方: who submitted a registration or an application. */
export const SUBMITTER_KIND_LABELS: Record<SubmitterKind, string> = {
  person: "本人",
  enterprise: "企业",
  trainer: "培训机构",
};

/** Accounts and organisations: 正常, or 已停用 (cannot sign in, cannot be chosen). */
export const ACCOUNT_STATUS: Vocabulary<"active" | "disabled"> = {
  active: { label: "正常", tone: "success" },
  disabled: { label: "已停用", tone: "neutral" },
};

/** Trades and venues: retired ones stay for history but are no longer offered. */
export const CATALOGUE_STATUS: Vocabulary<"active" | "retired"> = {
  active: { label: "使用中", tone: "success" },
  retired: { label: "已停用", tone: "neutral" },
};

/**
 * A spreadsheet import. Scores and payments are applied or refused at once; a batch registration is first
 * checked row by row (校验中 → 已校验, waiting for the user's 确认), then saved (导入中 → 已导入).
 */
export const IMPORT_STATUS: Vocabulary<ImportBatchStatus> = {
  checking: { label: "校验中", tone: "info" },
  checked: { label: "已校验，待确认", tone: "warning" },
  applying: { label: "导入中", tone: "info" },
  applied: { label: "已导入", tone: "success" },
  rejected: { label: "未导入", tone: "danger" },
  failed: { label: "处理失败", tone: "danger" },
};

/** A background document job (批量打印准考证 and the like). */
export const DOCUMENT_JOB_STATUS: Vocabulary<DocumentJobStatus> = {
  queued: { label: "排队中", tone: "neutral" },
  running: { label: "生成中", tone: "info" },
  done: { label: "已完成", tone: "success" },
  failed: { label: "生成失败", tone: "danger" },
};


function labelsOf<K extends string>(v: Vocabulary<K>): Record<K, string> {
  return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, (e as { label: string }).label])) as Record<K, string>;
}

export const PLAN_STATUS_LABELS = labelsOf(PLAN_STATUS);
export const REGISTRATION_STATUS_LABELS = labelsOf(REGISTRATION_STATUS);
export const CERTIFICATE_STATE_LABELS = labelsOf(CERTIFICATE_STATE);
export const APPLICATION_STATUS_LABELS = labelsOf(APPLICATION_STATUS);
