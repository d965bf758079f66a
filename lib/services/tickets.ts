import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { examPlans, persons, registrations, rooms, trades, venues } from "@/db/schema";
import type { TicketData } from "@/lib/documents/types";
import { writeAudit } from "@/lib/audit";
import { registrationScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/roles";
import { ID_TYPE_LABELS, maskIdNumber } from "@/lib/identity/chinese-id";
import { getRegistration, type RegistrationDetail } from "@/lib/queries/registrations";
import { readFile } from "@/lib/storage/files";
import { beijingDate, formatDate, formatDateTime, formatTime } from "@/lib/time";
import { verifyUrl } from "@/lib/verify";

/** Printed at the foot of tickets and as the author of their files. */
export const TICKET_ISSUER = "北京市建设行业从业人员注册中心";

type TicketGate = Pick<RegistrationDetail, "status" | "ticketNo" | "ticketStartAt" | "ticketEndAt">;

/**
 * A ticket exists only for a seated registration, and only inside the plan's printing window (instants compared
 * as instants; the window is shown in Beijing time).
 */
export function ticketAvailability(r: TicketGate, now: Date): { ok: true } | { ok: false; reason: string } {
  if (r.status !== "seated" || !r.ticketNo) {
    return { ok: false, reason: "尚未编排考场，暂无准考证（审核通过并缴费后由注册中心编排考场）" };
  }
  const window = `${formatDateTime(r.ticketStartAt)} 至 ${formatDateTime(r.ticketEndAt)}`;
  if (now < r.ticketStartAt) return { ok: false, reason: `准考证打印时间为 ${window}，尚未开始` };
  if (now > r.ticketEndAt) return { ok: false, reason: `准考证打印时间（${window}）已结束` };
  return { ok: true };
}

export function ticketData(r: RegistrationDetail, photoJpeg: Buffer | null): TicketData {
  return {
    ticketNo: r.ticketNo ?? "",
    name: r.personName,
    gender: r.gender === "M" ? "男" : "女",
    idType: ID_TYPE_LABELS[r.idType],
    idNumber: r.idNumber,
    tradeName: r.tradeName,
    planName: r.planName,
    examDate: formatDate(r.examStartAt),
    examTime: `${formatTime(r.examStartAt)}-${formatTime(r.examEndAt)}`,
    venueName: r.venueName ?? "",
    venueAddress: r.venueAddress ?? "",
    roomName: r.roomName ?? "",
    seatNo: r.seatNo == null ? "" : String(r.seatNo).padStart(2, "0"),
    notes: r.candidateNotes,
    photoJpeg,
    verifyUrl: verifyUrl("ticket", r.id),
    issuer: TICKET_ISSUER,
  };
}

export type TicketLoad =
  | { ok: true; registration: RegistrationDetail; data: TicketData }
  | { ok: false; notFound: true }
  | { ok: false; notFound: false; reason: string; registration: RegistrationDetail };

/** The ticket of a registration the user may see, with its photo; refusals say why. */
export async function loadTicket(db: DbOrTx, user: SessionUser, registrationId: number, now = new Date()): Promise<TicketLoad> {
  const r = await getRegistration(db, user, registrationId);
  if (!r) return { ok: false, notFound: true };
  const gate = ticketAvailability(r, now);
  if (!gate.ok) return { ok: false, notFound: false, reason: gate.reason, registration: r };
  const photo = r.photoFileId ? await readFile(db, r.photoFileId) : null;
  return { ok: true, registration: r, data: ticketData(r, photo?.data ?? null) };
}

/** Notes the first download of a ticket (registrations.ticket_printed_at); later downloads change nothing. */
export async function markTicketPrinted(db: Db, user: SessionUser, registrationId: number, format: "pdf" | "docx", ip: string | null = null) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(registrations)
      .set({ ticketPrintedAt: new Date() })
      .where(and(eq(registrations.id, registrationId), isNull(registrations.ticketPrintedAt), registrationScope(user)))
      .returning({ ticketNo: registrations.ticketNo });
    if (!row) return;
    await writeAudit(tx, {
      actor: user,
      ip,
      action: "ticket.printed",
      entityType: "registration",
      entityId: registrationId,
      summary: `${user.displayName} 首次下载准考证 ${row.ticketNo}（${format === "pdf" ? "PDF" : "Word"}）`,
    });
  });
}

/** What the public ticket check shows: enough to match the paper to a seat, nothing more. */
export async function ticketForVerification(db: DbOrTx, registrationId: number) {
  const [r] = await db
    .select({
      status: registrations.status,
      ticketNo: registrations.ticketNo,
      seatNo: registrations.seatNo,
      name: persons.name,
      idNumber: persons.idNumber,
      planName: examPlans.name,
      tradeName: trades.name,
      examStartAt: examPlans.examStartAt,
      examEndAt: examPlans.examEndAt,
      roomName: rooms.name,
      venueName: venues.name,
    })
    .from(registrations)
    .innerJoin(persons, eq(persons.id, registrations.personId))
    .innerJoin(examPlans, eq(examPlans.id, registrations.planId))
    .innerJoin(trades, eq(trades.id, examPlans.tradeId))
    .leftJoin(rooms, eq(rooms.id, registrations.roomId))
    .leftJoin(venues, eq(venues.id, rooms.venueId))
    .where(eq(registrations.id, registrationId))
    .limit(1);
  if (!r) return null;
  return {
    // A ticket admits to one exam: after the exam day (Beijing) its QR code no longer verifies.
    valid: r.status === "seated" && Boolean(r.ticketNo) && beijingDate() <= beijingDate(r.examStartAt),
    ticketNo: r.ticketNo,
    name: r.name,
    maskedId: maskIdNumber(r.idNumber),
    planName: r.planName,
    tradeName: r.tradeName,
    examDate: formatDate(r.examStartAt),
    examTime: `${formatTime(r.examStartAt)}-${formatTime(r.examEndAt)}`,
    venueName: r.venueName,
    roomName: r.roomName,
    seatNo: r.seatNo == null ? null : String(r.seatNo).padStart(2, "0"),
  };
}
