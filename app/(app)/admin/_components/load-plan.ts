import "server-only";
import { notFound } from "next/navigation";
import { db } from "@/db";
import { getPlan } from "@/lib/queries/admin/plans";

/** The plan of a work page from its [planId] segment, or 404. */
export async function loadPlan(params: Promise<{ planId: string }>) {
  const id = Number((await params).planId);
  const plan = Number.isInteger(id) && id > 0 ? await getPlan(db, id) : null;
  if (!plan) notFound();
  return plan;
}
