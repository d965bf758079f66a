import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { files, ID_TYPES, organizations, persons, users } from "./accounts";
import { createdAt, oneOf, updatedAt } from "./common";

/** 岗位工种. */
export const trades = pgTable(
  "trades",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull(),
    name: text().notNull(),
    category: text().notNull(),
    validityYears: integer().notNull(),
    /** 续期 may be applied for this many months before expiry … */
    renewalWindowMonths: integer().notNull().default(6),
    /** … and until this many days after it (宽限期). */
    renewalGraceDays: integer().notNull().default(90),
    status: text({ enum: ["active", "retired"] }).notNull().default("active"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("trades_code_key").on(t.code),
    uniqueIndex("trades_name_key").on(t.name),
    oneOf("trades_status_check", t.status, ["active", "retired"]),
    check("trades_validity_check", sql`${t.validityYears} between 1 and 20`),
    check("trades_renewal_window_check", sql`${t.renewalWindowMonths} between 1 and 24 and ${t.renewalGraceDays} between 0 and 366`),
  ],
);

export const venues = pgTable(
  "venues",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    address: text().notNull(),
    status: text({ enum: ["active", "retired"] }).notNull().default("active"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("venues_name_key").on(t.name),
    oneOf("venues_status_check", t.status, ["active", "retired"]),
  ],
);

export const rooms = pgTable(
  "rooms",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    venueId: integer()
      .notNull()
      .references(() => venues.id, { onDelete: "restrict" }),
    name: text().notNull(),
    capacity: integer().notNull(),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [
    uniqueIndex("rooms_venue_name_key").on(t.venueId, t.name),
    check("rooms_capacity_check", sql`${t.capacity} between 1 and 500`),
  ],
);

export const PLAN_STATUSES = [
  "draft", // 草稿
  "published", // 报名中
  "closed", // 报名结束
  "seated", // 已编排
  "held", // 已考试
  "results_published", // 成绩已发布
  "archived", // 已归档
] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** 考试计划. All instants are timestamptz; the rules compare them in Beijing time. */
export const examPlans = pgTable(
  "exam_plans",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull(),
    name: text().notNull(),
    tradeId: integer()
      .notNull()
      .references(() => trades.id, { onDelete: "restrict" }),
    status: text({ enum: PLAN_STATUSES }).notNull().default("draft"),
    registrationStartAt: timestamp({ withTimezone: true }).notNull(),
    registrationEndAt: timestamp({ withTimezone: true }).notNull(),
    ticketStartAt: timestamp({ withTimezone: true }).notNull(),
    ticketEndAt: timestamp({ withTimezone: true }).notNull(),
    examStartAt: timestamp({ withTimezone: true }).notNull(),
    examEndAt: timestamp({ withTimezone: true }).notNull(),
    feeCents: integer().notNull().default(0),
    minWorkYears: integer().notNull().default(0),
    capacity: integer().notNull(),
    passMark: numeric({ precision: 5, scale: 1, mode: "number" }).notNull().default(60),
    notes: text().notNull().default(""),
    candidateNotes: text().notNull().default(""),
    createdByUserId: integer().references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamp({ withTimezone: true }),
    resultsPublishedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("exam_plans_code_key").on(t.code),
    oneOf("exam_plans_status_check", t.status, PLAN_STATUSES),
    check("exam_plans_registration_window_check", sql`${t.registrationStartAt} < ${t.registrationEndAt}`),
    check("exam_plans_ticket_window_check", sql`${t.ticketStartAt} < ${t.ticketEndAt}`),
    check("exam_plans_exam_time_check", sql`${t.examStartAt} < ${t.examEndAt}`),
    check("exam_plans_numbers_check", sql`${t.feeCents} >= 0 and ${t.minWorkYears} >= 0 and ${t.capacity} > 0`),
    check("exam_plans_pass_mark_check", sql`${t.passMark} between 0 and 100`),
    index("exam_plans_status_idx").on(t.status, t.examStartAt),
    index("exam_plans_trade_idx").on(t.tradeId, t.examStartAt),
    index("exam_plans_registration_idx").on(t.registrationStartAt, t.registrationEndAt),
    index("exam_plans_name_trgm_idx").using("gin", sql`${t.name} gin_trgm_ops`),
  ],
);

export const examPlanVenues = pgTable(
  "exam_plan_venues",
  {
    planId: integer()
      .notNull()
      .references(() => examPlans.id, { onDelete: "cascade" }),
    venueId: integer()
      .notNull()
      .references(() => venues.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.planId, t.venueId] })],
);

export const SUBMITTER_KINDS = ["person", "enterprise", "trainer"] as const;
export type SubmitterKind = (typeof SUBMITTER_KINDS)[number];

export const REGISTRATION_STATUSES = [
  "submitted", // 待审核
  "approved", // 审核通过/待缴费
  "rejected", // 未通过
  "withdrawn", // 已撤回
  "paid", // 已缴费
  "seated", // 已编排
] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export type ResumeEntry = { period: string; employer: string; post: string };

/** 报名. One per person per plan; a withdrawn or rejected one is resubmitted in place. */
export const registrations = pgTable(
  "registrations",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    registrationNo: text().notNull(),
    planId: integer()
      .notNull()
      .references(() => examPlans.id, { onDelete: "restrict" }),
    personId: integer()
      .notNull()
      .references(() => persons.id, { onDelete: "restrict" }),
    submitterKind: text({ enum: SUBMITTER_KINDS }).notNull(),
    submitterOrgId: integer().references(() => organizations.id, { onDelete: "restrict" }),
    submittedByUserId: integer().references(() => users.id, { onDelete: "set null" }),
    employerOrgId: integer().references(() => organizations.id, { onDelete: "set null" }),
    employerName: text().notNull(),
    employerCode: text(),
    workStartDate: date({ mode: "string" }).notNull(),
    yearsOfWork: integer().notNull(),
    resume: jsonb().$type<ResumeEntry[]>().notNull().default([]),
    employerOpinion: text().notNull().default(""),
    photoFileId: uuid().references(() => files.id, { onDelete: "restrict" }),
    status: text({ enum: REGISTRATION_STATUSES }).notNull().default("submitted"),
    rejectReason: text(),
    reviewedByUserId: integer().references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp({ withTimezone: true }),
    paidAt: timestamp({ withTimezone: true }),
    paidAmountCents: integer(),
    paymentRef: text(),
    roomId: integer().references(() => rooms.id, { onDelete: "restrict" }),
    seatNo: integer(),
    ticketNo: text(),
    ticketPrintedAt: timestamp({ withTimezone: true }),
    score: numeric({ precision: 5, scale: 1, mode: "number" }),
    passed: boolean(),
    resultRecordedAt: timestamp({ withTimezone: true }),
    /** The batch import (批量报名) that saved this registration, so a batch's registrations can be listed and deleted. */
    importBatchId: integer().references((): AnyPgColumn => importBatches.id, { onDelete: "set null" }),
    submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("registrations_no_key").on(t.registrationNo),
    uniqueIndex("registrations_plan_person_key").on(t.planId, t.personId),
    uniqueIndex("registrations_ticket_no_key").on(t.ticketNo),
    // A seat is one candidate's within a plan; other plans use the same rooms on other days.
    uniqueIndex("registrations_plan_room_seat_key").on(t.planId, t.roomId, t.seatNo),
    oneOf("registrations_status_check", t.status, REGISTRATION_STATUSES),
    oneOf("registrations_submitter_kind_check", t.submitterKind, SUBMITTER_KINDS),
    check(
      "registrations_submitter_org_check",
      sql`(${t.submitterKind} = 'person') = (${t.submitterOrgId} is null)`,
    ),
    check(
      "registrations_paid_check",
      sql`${t.status} not in ('paid', 'seated') or ${t.paidAt} is not null`,
    ),
    check(
      "registrations_seated_check",
      sql`(${t.status} = 'seated') = (${t.roomId} is not null and ${t.seatNo} is not null and ${t.ticketNo} is not null)`,
    ),
    check("registrations_rejected_reason_check", sql`${t.status} <> 'rejected' or ${t.rejectReason} is not null`),
    check("registrations_score_check", sql`${t.score} is null or (${t.score} between 0 and 100)`),
    check("registrations_result_check", sql`${t.score} is null or ${t.status} = 'seated'`),
    check("registrations_years_check", sql`${t.yearsOfWork} between 0 and 70`),
    index("registrations_plan_status_idx").on(t.planId, t.status, t.submittedAt),
    // The queue's order, with the person last so that 报名审核 searched by a name counts its matches from this
    // index alone (a hash join with persons_name_prefix_idx) instead of reading every queued registration's row.
    // A wider key rather than one more index: every submission and status change already writes this one.
    index("registrations_status_idx").on(t.status, t.submittedAt, t.personId),
    index("registrations_person_idx").on(t.personId),
    index("registrations_submitter_org_idx").on(t.submitterOrgId, t.planId),
    index("registrations_employer_org_idx").on(t.employerOrgId),
    index("registrations_submitter_kind_idx").on(t.submitterKind, t.status),
    index("registrations_plan_passed_idx").on(t.planId, t.passed),
    // The photo permission check finds a photo's registrations by file.
    index("registrations_photo_idx").on(t.photoFileId),
    index("registrations_import_batch_idx").on(t.importBatchId),
  ],
);

export const IMPORT_BATCH_STATUSES = [
  "checking", // 正在检查 (a background job reads and checks every row)
  "checked", // 检查完成, waiting for the user to confirm
  "applying", // 正在保存
  "applied", // 已导入
  "rejected", // 未导入 (errors, or the user chose all-or-nothing and some row was bad)
  "failed", // 处理失败 (unreadable file, or the job died: see message)
] as const;
export type ImportBatchStatus = (typeof IMPORT_BATCH_STATUSES)[number];

export type ImportPhoto = { fileId: string; originalName: string };

/**
 * 照片批量上传 of many photos, done by a background job: the uploaded files (kept as import files), who uploaded
 * them, progress (photos normalised of all photos), and the outcome: the match table, or the refusal.
 */
export type ImportPhotoJob = {
  status: "queued" | "running" | "done" | "failed";
  userId: number;
  uploads: { fileId: string; name: string }[];
  done: number;
  total: number;
  result?: unknown;
  error?: string;
};

export const importBatches = pgTable(
  "import_batches",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    kind: text({ enum: ["registrations", "scores", "payments", "photos"] }).notNull(),
    planId: integer().references(() => examPlans.id, { onDelete: "restrict" }),
    organizationId: integer().references(() => organizations.id, { onDelete: "restrict" }),
    uploadedByUserId: integer().references(() => users.id, { onDelete: "set null" }),
    fileId: uuid().references(() => files.id, { onDelete: "set null" }),
    originalName: text(),
    status: text({ enum: IMPORT_BATCH_STATUSES }).notNull(),
    /** sha256 of the uploaded file: the same file uploaded again finds its earlier batch. */
    contentHash: text(),
    /** Rows checked or saved so far, for the progress bar (of totalRows). */
    processedRows: integer().notNull().default(0),
    /** Save nothing unless every row is good. */
    allOrNothing: boolean().notNull().default(false),
    /** The uploaded file with the bad cells marked (fill and comment). */
    errorFileId: uuid().references(() => files.id, { onDelete: "set null" }),
    /** Batch photos by normalised ID number, uploaded before the user confirms. */
    photos: jsonb().$type<Record<string, ImportPhoto>>().notNull().default({}),
    /** The latest 照片批量上传 done in the background, while it runs and after. */
    photoJob: jsonb().$type<ImportPhotoJob>(),
    message: text(),
    finishedAt: timestamp({ withTimezone: true }),
    totalRows: integer().notNull().default(0),
    okRows: integer().notNull().default(0),
    errorRows: integer().notNull().default(0),
    errors: jsonb().$type<{ row: number; column?: string; message: string }[]>().notNull().default([]),
    /**
     * What the file's own rules were checked against (the plan's trade and minimum years, the enterprise's
     * names and codes, the Beijing date): 确认导入 checks the file again only when this has changed.
     */
    checkKey: text(),
    createdAt: createdAt(),
  },
  (t) => [
    oneOf("import_batches_kind_check", t.kind, ["registrations", "scores", "payments", "photos"]),
    oneOf("import_batches_status_check", t.status, IMPORT_BATCH_STATUSES),
    index("import_batches_hash_idx").on(t.organizationId, t.planId, t.contentHash),
    index("import_batches_plan_idx").on(t.planId, t.createdAt),
    index("import_batches_org_idx").on(t.organizationId, t.createdAt),
  ],
);

/**
 * The rows of a checked 批量报名 file that passed the file's own rules, as they will be saved: 确认导入 checks
 * them against the database again and inserts them set-wise, without reading the file again. Removed when the
 * batch is saved or rejected.
 */
export const importBatchRows = pgTable(
  "import_batch_rows",
  {
    batchId: integer()
      .notNull()
      .references(() => importBatches.id, { onDelete: "cascade" }),
    /** 第 N 行 of the uploaded sheet. */
    rowNo: integer().notNull(),
    idType: text({ enum: ID_TYPES }).notNull(),
    idNumber: text().notNull(),
    name: text().notNull(),
    gender: text({ enum: ["M", "F"] }).notNull(),
    birthDate: date({ mode: "string" }),
    education: text().notNull(),
    phone: text().notNull(),
    employerName: text().notNull(),
    employerCode: text(),
    workStartDate: date({ mode: "string" }).notNull(),
    yearsOfWork: integer().notNull(),
    resume: jsonb().$type<ResumeEntry[]>().notNull(),
    employerOpinion: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.rowNo] })],
);

export const DOCUMENT_JOB_STATUSES = ["queued", "running", "done", "failed"] as const;
export const DOCUMENT_JOB_KINDS = ["tickets"] as const;

/** A document produced in the background for a submitter (bulk tickets of a plan), with progress and the file. */
export const documentJobs = pgTable(
  "document_jobs",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    kind: text({ enum: DOCUMENT_JOB_KINDS }).notNull(),
    organizationId: integer()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    requestedByUserId: integer().references(() => users.id, { onDelete: "set null" }),
    planId: integer().references(() => examPlans.id, { onDelete: "cascade" }),
    status: text({ enum: DOCUMENT_JOB_STATUSES }).notNull().default("queued"),
    total: integer().notNull().default(0),
    done: integer().notNull().default(0),
    fileId: uuid().references(() => files.id, { onDelete: "set null" }),
    message: text(),
    createdAt: createdAt(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    oneOf("document_jobs_status_check", t.status, DOCUMENT_JOB_STATUSES),
    oneOf("document_jobs_kind_check", t.kind, DOCUMENT_JOB_KINDS),
    index("document_jobs_org_idx").on(t.organizationId, t.createdAt),
  ],
);

export type Trade = typeof trades.$inferSelect;
export type Venue = typeof venues.$inferSelect;
export type Room = typeof rooms.$inferSelect;
export type ExamPlan = typeof examPlans.$inferSelect;
export type NewExamPlan = typeof examPlans.$inferInsert;
export type Registration = typeof registrations.$inferSelect;
export type ImportBatch = typeof importBatches.$inferSelect;
export type DocumentJob = typeof documentJobs.$inferSelect;
