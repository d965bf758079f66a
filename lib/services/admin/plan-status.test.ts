import { describe, expect, it } from "vitest";
import { PLAN_STATUSES } from "@/db/schema/exams";
import { availableTransitions, canTransition, PLAN_ALLOWS, PLAN_STATUS_ORDER, PLAN_TRANSITIONS, planAllows, transitionRefusal } from "./plan-status";

describe("考试计划状态机", () => {
  it("依次经过 草稿→报名中→报名结束→已编排→已考试→成绩已发布→已归档，没有回头路", () => {
    expect(PLAN_STATUS_ORDER).toEqual(PLAN_STATUSES);
    for (const t of Object.values(PLAN_TRANSITIONS)) {
      for (const from of t.from) expect(PLAN_STATUS_ORDER.indexOf(t.to)).toBe(PLAN_STATUS_ORDER.indexOf(from) + 1);
    }
  });

  it("每个状态只有按钮可办理的下一步；已归档什么都不能做", () => {
    expect(availableTransitions("draft")).toEqual(["publish"]);
    expect(availableTransitions("closed")).toEqual([]); // seated comes from arranging the rooms
    expect(availableTransitions("held")).toEqual(["publish_results"]);
    expect(availableTransitions("archived")).toEqual([]);
    expect(PLAN_ALLOWS.archived).toEqual([]);
  });

  it("审核、缴费、编排、成绩、发证各有其时", () => {
    expect(PLAN_STATUSES.filter((s) => planAllows(s, "review"))).toEqual(["published", "closed"]);
    expect(PLAN_STATUSES.filter((s) => planAllows(s, "pay"))).toEqual(["published", "closed", "seated"]);
    expect(PLAN_STATUSES.filter((s) => planAllows(s, "arrange"))).toEqual(["closed", "seated"]);
    expect(PLAN_STATUSES.filter((s) => planAllows(s, "score"))).toEqual(["held"]);
    expect(PLAN_STATUSES.filter((s) => planAllows(s, "issue"))).toEqual(["results_published"]);
    expect(PLAN_STATUSES.filter((s) => planAllows(s, "delete"))).toEqual(["draft"]);
  });

  it("拒绝时说明当前状态和允许的状态", () => {
    expect(canTransition("draft", "archive")).toBe(false);
    expect(transitionRefusal("draft", "archive")).toBe("考试计划当前状态为“草稿”，不能归档（只有“成绩已发布”的计划可以）");
  });
});
