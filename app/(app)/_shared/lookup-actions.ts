"use server";

import { z } from "zod";
import { db } from "@/db";
import { defineAction } from "@/lib/actions";
import { findOrgByCode } from "@/lib/queries/organizations";

/** Looks an employer up by 组织机构代码 / 统一社会信用代码 so the form can fill its name in. */
export const lookupOrganizationAction = defineAction(
  { roles: ["person", "enterprise", "trainer", "admin"], schema: z.object({ code: z.string().trim().max(20) }) },
  async ({ code }) => {
    const org = await findOrgByCode(db, code);
    // Only the name goes back: enough to fill the employer field in.
    return org ? { name: org.name } : null;
  },
);
