"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { defineAction } from "@/lib/actions";
import { clientIp } from "@/lib/request-context";
import { createEmployee, updateEmployee } from "@/lib/services/employees";
import { newEmployeeSchema, updateEmployeeSchema } from "@/lib/validations/employee";

/** 企业人员信息 新增: a new person employed by the signed-in enterprise. */
export const createEmployeeAction = defineAction({ roles: ["enterprise"], schema: newEmployeeSchema }, async (input, user) => {
  const out = await createEmployee(db, user, input, await clientIp());
  revalidatePath("/enterprise/employees");
  return { data: out, message: "新增人员保存成功" };
});

/** 企业人员信息 修改: one of the enterprise's own employees (anyone else: not found). */
export const updateEmployeeAction = defineAction({ roles: ["enterprise"], schema: updateEmployeeSchema }, async (input, user) => {
  await updateEmployee(db, user, input, await clientIp());
  revalidatePath("/enterprise/employees");
  return { data: null, message: "修改保存成功" };
});
