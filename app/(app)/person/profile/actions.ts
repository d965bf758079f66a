"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { defineAction } from "@/lib/actions";
import { clientIp } from "@/lib/request-context";
import { updateOwnProfile } from "@/lib/services/persons";
import { personProfileSchema } from "@/lib/validations/person";

export const saveProfileAction = defineAction({ roles: ["person"], schema: personProfileSchema }, async (input, user) => {
  await updateOwnProfile(db, user, input, await clientIp());
  revalidatePath("/person/profile");
  return { data: null, message: "修改保存成功" };
});
