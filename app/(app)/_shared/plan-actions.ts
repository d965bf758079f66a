"use server";

import { db } from "@/db";
import { defineAction } from "@/lib/actions";
import { RESULT_PLAN_STATUSES } from "@/lib/domain/rules";
import { searchPlans } from "@/lib/queries/plans";
import { planSearchSchema } from "@/lib/validations/registration";

// Plans are public reference data (the notice board of exams), so every signed-in role may search them.
const ROLES = ["person", "enterprise", "trainer", "admin"] as const;

/** 考试计划选择: the plan picker's search. */
export const searchPlansAction = defineAction({ roles: ROLES, schema: planSearchSchema }, async (input) => searchPlans(db, input));

/** 考试计划选择 on 查看考试结果: only plans whose results are published. */
export const searchResultPlansAction = defineAction({ roles: ROLES, schema: planSearchSchema }, async (input) =>
  searchPlans(db, input, { statusIn: RESULT_PLAN_STATUSES }),
);
