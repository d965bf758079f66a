import { z } from "zod";
import { parseBeijingDateTime } from "@/lib/time";
import { optionalText, requiredText } from "../common";
import { beijingDateTime, beijingDay, choiceField, clockTime, codeField, idField, idList, intField } from "./common";

const money = z
  .string()
  .trim()
  .min(1, "请填写报名费")
  .regex(/^\d{1,6}(\.\d{1,2})?$/, "报名费应为金额，如 180 或 180.50");

const passMark = z
  .string()
  .trim()
  .min(1, "请填写合格分数线")
  .regex(/^\d{1,3}(\.\d)?$/, "合格分数线应为 0 到 100 的数，最多一位小数")
  .refine((v) => Number(v) >= 0 && Number(v) <= 100, "合格分数线应为 0 到 100 的数，最多一位小数");

const at = (v: string) => parseBeijingDateTime(v)?.getTime() ?? NaN;

/**
 * 考试计划. Times are typed and shown in Beijing time (datetime-local without a zone); the service turns them
 * into instants with lib/time. Numbers stay strings in the form and are checked here.
 */
export const planSchema = z
  .object({
    code: codeField("计划编号", 20),
    name: requiredText("考试名称", 60),
    tradeId: choiceField("岗位工种"),
    registrationStartAt: beijingDateTime("报名开始时间"),
    registrationEndAt: beijingDateTime("报名结束时间"),
    ticketStartAt: beijingDateTime("准考证打印开始时间"),
    ticketEndAt: beijingDateTime("准考证打印结束时间"),
    examDate: beijingDay("考试日期"),
    examStartTime: clockTime("考试开始时间"),
    examEndTime: clockTime("考试结束时间"),
    venueIds: idList(20, "请至少选择一个考点"),
    fee: money,
    minWorkYears: intField("最低工作年限", 0, 50),
    capacity: intField("计划人数", 1, 100_000),
    passMark,
    notes: optionalText("报名须知", 2000),
    candidateNotes: optionalText("考生须知", 2000),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (at(v.registrationStartAt) >= at(v.registrationEndAt)) issue("registrationEndAt", "报名结束时间应晚于报名开始时间");
    if (at(v.ticketStartAt) >= at(v.ticketEndAt)) issue("ticketEndAt", "准考证打印结束时间应晚于开始时间");
    if (at(v.registrationEndAt) > at(v.ticketStartAt)) issue("ticketStartAt", "准考证打印应在报名结束之后开始");
    const examStart = at(`${v.examDate}T${v.examStartTime}`);
    const examEnd = at(`${v.examDate}T${v.examEndTime}`);
    if (examStart >= examEnd) issue("examEndTime", "考试结束时间应晚于开始时间");
    if (at(v.ticketEndAt) > examEnd) issue("ticketEndAt", "准考证打印应在考试结束前截止");
    if (at(v.ticketStartAt) >= examStart) issue("ticketStartAt", "准考证打印应在考试开始前开放");
  });

export type PlanInput = z.input<typeof planSchema>;
export type PlanValues = z.output<typeof planSchema>;

export const updatePlanSchema = z.object({ id: idField, values: planSchema });
export const planIdSchema = z.object({ id: idField });
export const planTransitionSchema = z.object({
  id: idField,
  transition: z.enum(["publish", "close", "hold", "publish_results", "archive"], { error: "参数错误" }),
});

export const passMarkSchema = z.object({ planId: idField, passMark });
