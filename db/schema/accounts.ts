import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  bigint,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { createdAt, oneOf, updatedAt } from "./common";

export const ROLES = ["person", "enterprise", "trainer", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ID_TYPES = ["resident", "passport", "hk_macao", "taiwan"] as const;
export const ORG_KINDS = ["enterprise", "trainer"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** 企业 and 培训机构. Codes are stored normalised (upper case, no hyphen). */
export const organizations = pgTable(
  "organizations",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    kind: text({ enum: ORG_KINDS }).notNull(),
    name: text().notNull(),
    uscc: text(),
    orgCode: text(),
    contactName: text(),
    contactPhone: text(),
    address: text(),
    status: text({ enum: ["active", "disabled"] }).notNull().default("active"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    oneOf("organizations_kind_check", t.kind, ORG_KINDS),
    oneOf("organizations_status_check", t.status, ["active", "disabled"]),
    uniqueIndex("organizations_uscc_key").on(t.uscc),
    uniqueIndex("organizations_org_code_key").on(t.orgCode),
    index("organizations_kind_name_idx").on(t.kind, t.name),
  ],
);

/** 从业人员: one row per real person, whoever registered them. */
export const persons = pgTable(
  "persons",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    idType: text({ enum: ID_TYPES }).notNull().default("resident"),
    idNumber: text().notNull(),
    name: text().notNull(),
    gender: text({ enum: ["M", "F"] }).notNull(),
    birthDate: date({ mode: "string" }),
    phone: text(),
    email: text(),
    education: text(),
    address: text(),
    employerOrgId: integer().references(() => organizations.id, { onDelete: "set null" }),
    employerName: text(),
    workStartDate: date({ mode: "string" }),
    photoFileId: uuid().references((): AnyPgColumn => files.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    oneOf("persons_id_type_check", t.idType, ID_TYPES),
    oneOf("persons_gender_check", t.gender, ["M", "F"]),
    uniqueIndex("persons_id_type_number_key").on(t.idType, t.idNumber),
    index("persons_name_idx").on(t.name),
    // 姓名开头为 searches: LIKE 'x%' walks it whatever the database's collation (text_pattern_ops), and the id
    // beside the name makes it an index-only scan (a common surname matches ~2.5% of all persons; fetching
    // each from the table was most of the review queue's time).
    index("persons_name_prefix_idx").using("btree", sql`${t.name} text_pattern_ops`, t.id),
    // 包含 searches on names (review queue, employee lists).
    index("persons_name_trgm_idx").using("gin", sql`${t.name} gin_trgm_ops`),
    index("persons_id_number_idx").using("btree", sql`${t.idNumber} text_pattern_ops`),
    index("persons_employer_idx").on(t.employerOrgId, t.name),
    index("persons_photo_idx").on(t.photoFileId),
  ],
);

export const users = pgTable(
  "users",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    username: text().notNull(),
    passwordHash: text(),
    role: text({ enum: ROLES }).notNull(),
    displayName: text().notNull(),
    personId: integer().references(() => persons.id, { onDelete: "restrict" }),
    organizationId: integer().references(() => organizations.id, { onDelete: "restrict" }),
    status: text({ enum: ["active", "disabled"] }).notNull().default("active"),
    /** Bumped when the password changes or the account is disabled: older sessions stop working. */
    sessionVersion: integer().notNull().default(1),
    /**
     * SHA-256 of a single-use value the server hands to the session that just changed its password, so that
     * session (and only it) may adopt the new sessionVersion. Never sent to the browser.
     */
    sessionRenewal: text(),
    failedLoginCount: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    oidcSubject: text(),
    lastLoginAt: timestamp({ withTimezone: true }),
    passwordChangedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    oneOf("users_role_check", t.role, ROLES),
    oneOf("users_status_check", t.status, ["active", "disabled"]),
    uniqueIndex("users_username_key").on(sql`lower(${t.username})`),
    uniqueIndex("users_oidc_subject_key").on(t.oidcSubject),
    uniqueIndex("users_person_key").on(t.personId),
    index("users_organization_idx").on(t.organizationId),
    check(
      "users_role_owner_check",
      sql`(${t.role} = 'person' and ${t.personId} is not null and ${t.organizationId} is null)
        or (${t.role} in ('enterprise', 'trainer') and ${t.organizationId} is not null and ${t.personId} is null)
        or (${t.role} = 'admin' and ${t.personId} is null and ${t.organizationId} is null)`,
    ),
  ],
);

/** Image captchas live in the database so any app instance can check them. */
export const captchas = pgTable(
  "captchas",
  {
    id: uuid().primaryKey().defaultRandom(),
    answer: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("captchas_expires_idx").on(t.expiresAt)],
);

/** Fixed-window counters shared by all instances (sign-in attempts per IP, …). */
export const rateLimits = pgTable("rate_limits", {
  key: text().primaryKey(),
  windowStart: timestamp({ withTimezone: true }).notNull(),
  count: integer().notNull(),
});

/** Uploaded files; the bytes live in the storage module, this row says whose they are. */
export const files = pgTable(
  "files",
  {
    id: uuid().primaryKey().defaultRandom(),
    storageKey: text().notNull(),
    kind: text({ enum: ["photo", "import", "attachment"] }).notNull(),
    contentType: text().notNull(),
    sizeBytes: bigint({ mode: "number" }).notNull(),
    sha256: text().notNull(),
    originalName: text(),
    ownerPersonId: integer().references(() => persons.id, { onDelete: "set null" }),
    uploadedByUserId: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    oneOf("files_kind_check", t.kind, ["photo", "import", "attachment"]),
    uniqueIndex("files_storage_key_key").on(t.storageKey),
    index("files_owner_person_idx").on(t.ownerPersonId),
  ],
);

export type Organization = typeof organizations.$inferSelect;
export type Person = typeof persons.$inferSelect;
export type NewPerson = typeof persons.$inferInsert;
export type User = typeof users.$inferSelect;
export type StoredFile = typeof files.$inferSelect;
