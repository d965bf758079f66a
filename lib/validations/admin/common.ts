import { z } from "zod";
import { parseBeijingDateTime } from "@/lib/time";

/** A positive integer id, from a form field (string) or a call (number). */
export const idField = z.coerce.number({ error: "参数错误" }).int("参数错误").positive("参数错误");

/** A choice from a list (a select of records), named in its message: "请选择岗位工种". */
export const choiceField = (label: string) =>
  z.coerce.number({ error: `请选择${label}` }).int(`请选择${label}`).positive(`请选择${label}`);

/**
 * One or many ticked ids: FormData gives a single value when only one box was ticked. `empty` says what to
 * tick, e.g. "请至少选择一个考点".
 */
export const idList = (max = 1000, empty = "请至少勾选一条记录") =>
  z.preprocess(
    (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(idField).min(1, empty).max(max, `一次最多处理${max}条`),
  );

/** "2026-12-01T09:00" read as Beijing time; stays a string so the same value round-trips client and server. */
export const beijingDateTime = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `请选择${label}`)
    .refine((v) => parseBeijingDateTime(v) !== null, `${label}格式不正确`);

export const beijingDay = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `请选择${label}`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 年-月-日`)
    .refine((v) => parseBeijingDateTime(v) !== null, `${label}不是有效日期`);

export const clockTime = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `请选择${label}`)
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label}格式应为 时:分`);

/** A whole number typed in a form. */
export const intField = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `请填写${label}` })
    .refine((n) => Number.isFinite(n), `请填写${label}`)
    .refine((n) => Number.isInteger(n), `${label}须为整数`)
    .refine((n) => n >= min && n <= max, `${label}应在 ${min} 到 ${max} 之间`);

/** Latin letters, digits and hyphens, stored upper-case (plan and trade codes). */
export const codeField = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过${max}个字符`)
    .transform((v) => v.toUpperCase())
    .refine((v) => /^[A-Z0-9][A-Z0-9-]*$/.test(v), `${label}只能包含字母、数字和连字符`);
