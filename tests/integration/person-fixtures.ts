/**
 * Shared arrangements for the person-journey integration tests (not a test file itself).
 * The centre's steps go through the admin helper's services, as the registration centre would take them.
 */
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { db } from "@/db";
import { examPlans, persons, registrations, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/roles";
import { issueCertificates } from "@/lib/services/admin/certificates";
import { transitionPlan } from "@/lib/services/admin/plans";
import { markPaid } from "@/lib/services/admin/payments";
import { approveRegistrations } from "@/lib/services/admin/review";
import { publishResults, recordScore } from "@/lib/services/admin/scores";
import { arrangeSeats } from "@/lib/services/admin/seating";
import { uploadPhoto } from "@/lib/services/photos";
import type { RegistrationValues } from "@/lib/validations/registration";
import { actAs } from "../support/users";

// Uploaded files of this test file go to a private temporary folder, not the project's .data.
process.env.FILE_STORAGE_DIR ??= path.join(os.tmpdir(), `kaowu-person-files-${process.pid}`);

const DAY = 86_400_000;

/** A camera-like JPEG (with a gradient so it is not a flat colour). */
export async function makeJpeg(width = 600, height = 800) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#dbe7f5"/><stop offset="1" stop-color="#6a4a35"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width / 2}" cy="${height / 3}" r="${width / 5}" fill="#c89a7a"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

export async function planByCode(code: string) {
  const [p] = await db.select().from(examPlans).where(eq(examPlans.code, code));
  if (!p) throw new Error(`no plan ${code}`);
  return p;
}

/**
 * A person account for the seeded person at `index` (0 is 张三, who already has one). Persons 1–12 hold
 * submitted registrations on KS2026-SG-04; use 20 and up for clean ones.
 */
export async function personAccount(index: number): Promise<SessionUser> {
  const rows = await db.select({ id: persons.id, name: persons.name }).from(persons).orderBy(persons.id).offset(index).limit(1);
  const p = rows[0];
  const [existing] = await db.select({ username: users.username }).from(users).where(eq(users.personId, p.id));
  if (existing) return (await actAs(existing.username))!;
  const username = `person${index}`;
  await db.insert(users).values({ username, role: "person", displayName: p.name, personId: p.id });
  return (await actAs(username))!;
}

export async function uploadJpeg(user: SessionUser) {
  const r = await uploadPhoto(db, user, { data: await makeJpeg(), declaredType: "image/jpeg", originalName: "me.jpg" });
  if (!r.ok) throw new Error(r.error);
  return r.fileId;
}

export function registrationInput(planId: number, photoFileId: string, over: Partial<RegistrationValues> = {}): RegistrationValues {
  return {
    planId,
    employerName: "北京城建建设工程有限公司",
    employerCode: "",
    workStartDate: "2010-07-01",
    yearsOfWork: 10,
    resume: [{ period: "2010.07-至今", employer: "北京城建建设工程有限公司", post: "施工员" }],
    employerOpinion: "同意报名",
    photoFileId,
    ...over,
  };
}

export async function adminUser() {
  return (await actAs("admin"))!;
}

/** The centre approves, records the payment, closes registration and arranges the rooms. */
export async function seat(registrationId: number) {
  const admin = await adminUser();
  const [r] = await db.select({ planId: registrations.planId, status: registrations.status }).from(registrations).where(eq(registrations.id, registrationId));
  if (r.status === "submitted") await approveRegistrations(db, admin, [registrationId], null);
  await markPaid(db, admin, [registrationId], "TEST-REF", null);
  const [plan] = await db.select({ status: examPlans.status }).from(examPlans).where(eq(examPlans.id, r.planId));
  if (plan.status === "published") await transitionPlan(db, admin, r.planId, "close", null);
  await arrangeSeats(db, admin, r.planId, {}, null);
}

/** Moves the plan's ticket printing window around now (days relative to today). */
export async function setTicketWindow(planId: number, fromDays: number, toDays: number) {
  await db
    .update(examPlans)
    .set({ ticketStartAt: new Date(Date.now() + fromDays * DAY), ticketEndAt: new Date(Date.now() + toDays * DAY) })
    .where(eq(examPlans.id, planId));
}

/** Moves the plan's exam to yesterday, so the centre may confirm it held (not before its end time). */
export async function examWasYesterday(planId: number) {
  await db
    .update(examPlans)
    .set({ examStartAt: new Date(Date.now() - DAY - 2 * 3_600_000), examEndAt: new Date(Date.now() - DAY) })
    .where(eq(examPlans.id, planId));
}

/** Exam held (yesterday), score recorded, results published, certificates issued. */
export async function passAndCertify(registrationId: number, score = "86") {
  const admin = await adminUser();
  const [r] = await db.select({ planId: registrations.planId }).from(registrations).where(eq(registrations.id, registrationId));
  await examWasYesterday(r.planId);
  await transitionPlan(db, admin, r.planId, "hold", null);
  await recordScore(db, admin, registrationId, score, null);
  await publishResults(db, admin, r.planId, null);
  await issueCertificates(db, admin, r.planId, null);
}

export async function registrationOf(personId: number, planId: number) {
  const [r] = await db.select().from(registrations).where(and(eq(registrations.personId, personId), eq(registrations.planId, planId)));
  return r;
}

export async function auditCount(action: string, entityId: number | string) {
  const [{ n }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from audit_logs where action = ${action} and entity_id = ${String(entityId)}`);
  return n;
}
