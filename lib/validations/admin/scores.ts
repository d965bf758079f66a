import { z } from "zod";
import { idField } from "./common";

/** "85", "85.5", "缺考" (absent) or empty (clear the entry). */
export const scoreText = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    if (v === "" || v === "缺考") return;
    const problem = !/^\d+(\.\d+)?$/.test(v)
      ? "成绩应为数字，缺考填“缺考”"
      : Number(v) > 100
        ? "成绩应在 0 到 100 之间"
        : !/^\d+(\.\d)?$/.test(v)
          ? "成绩最多保留一位小数"
          : null;
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const recordScoreSchema = z.object({ registrationId: idField, score: scoreText });

/** Reads a score cell: a number, "缺考", or text holding a number. */
export function parseScoreCell(v: unknown): { ok: true; score: number | null; absent: boolean } | { ok: false; error: string } {
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return { ok: false, error: "成绩为空" };
  if (typeof v === "string" && v.trim() === "缺考") return { ok: true, score: null, absent: true };
  const n = typeof v === "number" ? v : /^\s*\d{1,3}(\.\d+)?\s*$/.test(String(v)) ? Number(String(v).trim()) : NaN;
  if (!Number.isFinite(n) || n < 0 || n > 100) return { ok: false, error: "成绩应为 0 到 100 的数，缺考填“缺考”" };
  const rounded = Math.round(n * 10) / 10;
  if (Math.abs(rounded - n) > 1e-9) return { ok: false, error: "成绩最多保留一位小数" };
  return { ok: true, score: rounded, absent: false };
}
