"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { defineAction } from "@/lib/actions";
import { clientIp } from "@/lib/request-context";
import { submitRegistration, updateRegistration, withdrawRegistration } from "@/lib/services/registrations";
import {
  personRegistrationSchema,
  registrationIdSchema,
  updatePersonRegistrationSchema,
  type RegistrationInput,
  type UpdateRegistrationInput,
} from "@/lib/validations/registration";

/** 我要报名 → 保存 (also 重新报名 of a withdrawn or rejected registration). */
export const submitRegistrationAction = defineAction({ roles: ["person"], schema: personRegistrationSchema }, async (input, user) => {
  const r = await submitRegistration(db, user, input, { ip: await clientIp() });
  revalidatePath("/person/registrations");
  return { data: { id: r.id, registrationNo: r.registrationNo }, message: `报名成功，报名号为 ${r.registrationNo}` };
});

const update = defineAction({ roles: ["person"], schema: updatePersonRegistrationSchema }, async (input, user) => {
  const r = await updateRegistration(db, user, input, { ip: await clientIp() });
  revalidatePath("/person/registrations");
  return { data: r, message: "报名信息已修改" };
});

/** 撤回, from the confirm dialog's form. */
export const withdrawRegistrationAction = defineAction({ roles: ["person"], schema: registrationIdSchema }, async ({ registrationId }, user) => {
  const r = await withdrawRegistration(db, user, registrationId, { ip: await clientIp() });
  revalidatePath("/person/registrations");
  return { data: r, message: "报名已撤回" };
});

/** 修改 a registration still waiting for review; typed like the create action so one form serves both. */
export async function updateRegistrationAction(input: RegistrationInput & Partial<Pick<UpdateRegistrationInput, "registrationId">>) {
  return update(input as UpdateRegistrationInput);
}
