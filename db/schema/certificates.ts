import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { files, organizations, persons, users } from "./accounts";
import { createdAt, oneOf, updatedAt } from "./common";
import { registrations, SUBMITTER_KINDS, trades } from "./exams";

export const CERTIFICATE_STATUSES = ["valid", "superseded", "revoked"] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** Why a certificate was revoked: 吊销 (a penalty) or 注销 (cancelled for a reason that is no fault). */
export const REVOKE_REASON_CLASSES = ["violation", "fraud", "holder_request", "deceased", "other"] as const;
export type RevokeReasonClass = (typeof REVOKE_REASON_CLASSES)[number];

/**
 * 证书. "expiring" and "expired" are derived from validUntil in Beijing time, not stored.
 * A change (变更) writes a new version and marks the old one superseded.
 */
export const certificates = pgTable(
  "certificates",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    certificateNo: text().notNull(),
    personId: integer()
      .notNull()
      .references(() => persons.id, { onDelete: "restrict" }),
    tradeId: integer()
      .notNull()
      .references(() => trades.id, { onDelete: "restrict" }),
    registrationId: integer().references(() => registrations.id, { onDelete: "restrict" }),
    /**
     * The photo printed on the certificate: the one approved with its registration, copied at issue. The
     * holder's later uploads change their person record and new registrations, never an issued certificate.
     */
    photoFileId: uuid().references(() => files.id, { onDelete: "restrict" }),
    source: text({ enum: ["exam", "transfer_in"] }).notNull(),
    holderName: text().notNull(),
    employerName: text(),
    issueDate: date({ mode: "string" }).notNull(),
    validUntil: date({ mode: "string" }).notNull(),
    issuer: text().notNull(),
    status: text({ enum: CERTIFICATE_STATUSES }).notNull().default("valid"),
    version: integer().notNull().default(1),
    previousId: integer().references((): AnyPgColumn => certificates.id, { onDelete: "restrict" }),
    revokedAt: timestamp({ withTimezone: true }),
    revokeReason: text(),
    revokeReasonClass: text({ enum: REVOKE_REASON_CLASSES }),
    /** 证书进京: the other province's number, authority and issue date, kept on record. */
    originCertificateNo: text(),
    originIssuer: text(),
    originIssueDate: date({ mode: "string" }),
    /** The 进京 application a transferred certificate came from, carried to every later version. */
    transferApplicationId: integer().references((): AnyPgColumn => certificateApplications.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("certificates_no_version_key").on(t.certificateNo, t.version),
    // At most one current (valid or revoked) version of a certificate number.
    uniqueIndex("certificates_no_current_key").on(t.certificateNo).where(sql`${t.status} <> 'superseded'`),
    // Issuing twice for one registration issues nothing twice.
    uniqueIndex("certificates_registration_key").on(t.registrationId).where(sql`${t.version} = 1`),
    oneOf("certificates_status_check", t.status, CERTIFICATE_STATUSES),
    oneOf("certificates_source_check", t.source, ["exam", "transfer_in"]),
    check("certificates_validity_check", sql`${t.issueDate} < ${t.validUntil}`),
    index("certificates_person_idx").on(t.personId),
    // 企业人员获证信息: an enterprise's employees' current certificates by validity (已过期, expiring within N days).
    index("certificates_person_valid_until_idx").on(t.personId, t.validUntil).where(sql`${t.status} <> 'superseded'`),
    // The photo permission check finds a photo's certificates by file.
    index("certificates_photo_idx").on(t.photoFileId),
    index("certificates_trade_idx").on(t.tradeId, t.validUntil),
    index("certificates_status_valid_until_idx").on(t.status, t.validUntil),
    // 证书到期提醒: the current certificates expiring in the reminder windows, read from the index alone (no heap
    // visit for the ~90,000 in the windows, of which a daily run sends ~3,600; drizzle has no INCLUDE, so the
    // carried columns are trailing keys); see runExpiryReminders.
    index("certificates_expiry_reminder_idx")
      .on(t.validUntil, t.id, t.personId, t.tradeId, t.certificateNo, t.holderName)
      .where(sql`${t.status} = 'valid'`),
    index("certificates_previous_idx").on(t.previousId),
    // A certificate of another province is registered in Beijing once.
    uniqueIndex("certificates_origin_no_key").on(t.originCertificateNo).where(sql`${t.status} <> 'superseded' and ${t.originCertificateNo} is not null`),
    index("certificates_transfer_application_idx").on(t.transferApplicationId),
    oneOf("certificates_revoke_class_check", t.revokeReasonClass, REVOKE_REASON_CLASSES),
    check("certificates_revoked_check", sql`(${t.status} = 'revoked') = (${t.revokedAt} is not null and ${t.revokeReasonClass} is not null)`),
  ],
);

export const APPLICATION_KINDS = ["renewal", "change", "transfer_in"] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];
export const APPLICATION_STATUSES = ["applied", "approved", "rejected"] as const;

/** 申请批号: one per submission of one or more applications. */
export const applicationBatches = pgTable(
  "application_batches",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    batchNo: text().notNull(),
    kind: text({ enum: APPLICATION_KINDS }).notNull(),
    submitterKind: text({ enum: SUBMITTER_KINDS }).notNull(),
    submitterOrgId: integer().references(() => organizations.id, { onDelete: "restrict" }),
    submittedByUserId: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("application_batches_no_key").on(t.batchNo),
    oneOf("application_batches_kind_check", t.kind, APPLICATION_KINDS),
    index("application_batches_org_idx").on(t.submitterOrgId, t.createdAt),
  ],
);

/** 续期 / 变更 / 进京 applications. */
export const certificateApplications = pgTable(
  "certificate_applications",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    batchId: integer()
      .notNull()
      .references(() => applicationBatches.id, { onDelete: "restrict" }),
    kind: text({ enum: APPLICATION_KINDS }).notNull(),
    certificateId: integer().references(() => certificates.id, { onDelete: "restrict" }),
    personId: integer()
      .notNull()
      .references(() => persons.id, { onDelete: "restrict" }),
    /** The certificate's trade (or, for 进京, the trade applied for): the review queue filters by it. */
    tradeId: integer()
      .notNull()
      .references(() => trades.id, { onDelete: "restrict" }),
    /** 进京: the other province's certificate number, so it can be applied for only once at a time. */
    originCertificateNo: text(),
    status: text({ enum: APPLICATION_STATUSES }).notNull().default("applied"),
    /** change: { before, after }; transfer_in: the other province's certificate. */
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    rejectReason: text(),
    reviewedByUserId: integer().references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp({ withTimezone: true }),
    resultCertificateId: integer().references(() => certificates.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    oneOf("certificate_applications_kind_check", t.kind, APPLICATION_KINDS),
    oneOf("certificate_applications_status_check", t.status, APPLICATION_STATUSES),
    check(
      "certificate_applications_certificate_check",
      sql`(${t.kind} = 'transfer_in') or ${t.certificateId} is not null`,
    ),
    check("certificate_applications_reject_check", sql`${t.status} <> 'rejected' or ${t.rejectReason} is not null`),
    // One open application of a kind per certificate at a time.
    uniqueIndex("certificate_applications_open_key")
      .on(t.certificateId, t.kind)
      .where(sql`${t.status} = 'applied' and ${t.certificateId} is not null`),
    index("certificate_applications_batch_idx").on(t.batchId),
    index("certificate_applications_status_idx").on(t.status, t.kind, t.createdAt),
    index("certificate_applications_person_idx").on(t.personId),
    index("certificate_applications_trade_idx").on(t.tradeId, t.status),
    index("certificate_applications_result_idx").on(t.resultCertificateId),
    uniqueIndex("certificate_applications_origin_no_key")
      .on(t.originCertificateNo)
      .where(sql`${t.kind} = 'transfer_in' and ${t.status} = 'applied'`),
  ],
);

/** Supporting scans of an application (PDF or image), stored in files. */
export const certificateApplicationFiles = pgTable(
  "certificate_application_files",
  {
    applicationId: integer()
      .notNull()
      .references(() => certificateApplications.id, { onDelete: "cascade" }),
    fileId: uuid()
      .notNull()
      .references(() => files.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.fileId] }), index("certificate_application_files_file_idx").on(t.fileId)],
);

export const REMINDER_STAGES = ["d90", "d30", "d7", "d0"] as const;
export type ReminderStage = (typeof REMINDER_STAGES)[number];

/** Expiry reminders already sent: the unique key makes the daily job send each one once. */
export const certificateReminders = pgTable(
  "certificate_reminders",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    // No foreign key, on purpose: rows are written only by the reminder job from certificates it has just read, and
    // certificates are never deleted (a change or renewal adds a version). A foreign key check locks the referenced
    // certificate row (FOR KEY SHARE) once per reminder: on the first run 88,000 row locks on the busiest table, 6 of
    // its 22 s (docs/benchmarks.md).
    certificateId: integer().notNull(),
    stage: text({ enum: REMINDER_STAGES }).notNull(),
    validUntil: date({ mode: "string" }).notNull(),
    emailedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    // Keyed by the expiry date too: a renewed certificate is reminded again before its new expiry.
    uniqueIndex("certificate_reminders_key").on(t.certificateId, t.stage, t.validUntil),
    oneOf("certificate_reminders_stage_check", t.stage, REMINDER_STAGES),
  ],
);

export type Certificate = typeof certificates.$inferSelect;
export type CertificateApplication = typeof certificateApplications.$inferSelect;
export type ApplicationBatch = typeof applicationBatches.$inferSelect;
export type CertificateReminder = typeof certificateReminders.$inferSelect;
