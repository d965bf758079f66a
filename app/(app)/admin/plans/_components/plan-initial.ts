import type { ExamPlan } from "@/db/schema";
import { beijingDate, formatTime, toDateTimeLocal } from "@/lib/time";
import type { PlanInput } from "@/lib/validations/admin/plan";

/** A stored plan as the form's strings, in Beijing time. */
export function planToInput(p: ExamPlan, venueIds: number[]): PlanInput {
  return {
    code: p.code,
    name: p.name,
    tradeId: String(p.tradeId),
    registrationStartAt: toDateTimeLocal(p.registrationStartAt),
    registrationEndAt: toDateTimeLocal(p.registrationEndAt),
    ticketStartAt: toDateTimeLocal(p.ticketStartAt),
    ticketEndAt: toDateTimeLocal(p.ticketEndAt),
    examDate: beijingDate(p.examStartAt),
    examStartTime: formatTime(p.examStartAt),
    examEndTime: formatTime(p.examEndAt),
    venueIds: venueIds.map(String),
    fee: (p.feeCents / 100).toFixed(2).replace(/\.00$/, ""),
    minWorkYears: String(p.minWorkYears),
    capacity: String(p.capacity),
    passMark: String(p.passMark),
    notes: p.notes,
    candidateNotes: p.candidateNotes,
  };
}
