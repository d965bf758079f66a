import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
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
    // The photo permission check finds a photo's certificates by file.
    index("certificates_photo_idx").on(t.photoFileId),
    index("certificates_trade_idx").on(t.tradeId, t.validUntil),
    index("certificates_status_valid_until_idx").on(t.status, t.validUntil),
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
  ],
);

export type Certificate = typeof certificates.$inferSelect;
export type CertificateApplication = typeof certificateApplications.$inferSelect;
export type ApplicationBatch = typeof applicationBatches.$inferSelect;
