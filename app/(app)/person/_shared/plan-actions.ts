"use server";

import { db } from "@/db";
import { defineAction } from "@/lib/actions";
import { searchPlans } from "@/lib/queries/plans";
import { planSearchSchema, type PlanSearchInput } from "@/lib/validations/registration";

const run = defineAction({ roles: ["person"], schema: planSearchSchema }, async (input) => searchPlans(db, input));

/** 考试计划选择: the plan picker's search. */
export async function searchPlansAction(input: PlanSearchInput) {
  return run(input);
}
