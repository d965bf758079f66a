"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { defineAction } from "@/lib/actions";
import { clientIp } from "@/lib/request-context";
import { createPlan, deletePlan, transitionPlan, updatePlan } from "@/lib/services/admin/plans";
import { publishResults } from "@/lib/services/admin/scores";
import { planIdSchema, planSchema, planTransitionSchema, updatePlanSchema } from "@/lib/validations/admin/plan";

function refresh(id?: number) {
  revalidatePath("/admin/plans");
  revalidatePath("/admin");
  if (id) revalidatePath(`/admin/plans/${id}`);
}

export const createPlanAction = defineAction({ roles: ["admin"], schema: planSchema }, async (input, user) => {
  const id = await createPlan(db, user, input, await clientIp());
  refresh();
  return { data: { id }, message: "考试计划已保存（草稿）" };
});

export const updatePlanAction = defineAction({ roles: ["admin"], schema: updatePlanSchema }, async ({ id, values }, user) => {
  await updatePlan(db, user, id, values, await clientIp());
  refresh(id);
  return { data: { id }, message: "修改保存成功" };
});

export const deletePlanAction = defineAction({ roles: ["admin"], schema: planIdSchema }, async ({ id }, user) => {
  await deletePlan(db, user, id, await clientIp());
  refresh();
  return { data: null, message: "考试计划已删除" };
});

const MESSAGES = { publish: "考试计划已发布，开始接受报名", close: "已结束报名", hold: "已确认考试结束，可以录入成绩", archive: "考试计划已归档", publish_results: "成绩已发布" } as const;

const transition = defineAction({ roles: ["admin"], schema: planTransitionSchema }, async ({ id, transition: t }, user) => {
  const ip = await clientIp();
  if (t === "publish_results") await publishResults(db, user, id, ip);
  else await transitionPlan(db, user, id, t, ip);
  refresh(id);
  revalidatePath(`/admin/scores/${id}`);
  return { data: null, message: MESSAGES[t] };
});

/** 发布 / 结束报名 / 确认考试结束 / 发布成绩 / 归档. */
export async function planTransitionAction(input: { id: number; transition: string } | FormData) {
  return transition(input as Parameters<typeof transition>[0]);
}
