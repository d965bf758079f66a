import "server-only";
import { and, count, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { documentJobs, registrations } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/roles";

/** The organisation's latest 下载全部准考证 of a plan, so the page shows a running or finished one on return. */
export async function latestTicketJob(db: DbOrTx, user: SessionUser, planId: number) {
  if ((user.role !== "enterprise" && user.role !== "trainer") || !user.organizationId) return null;
  const [job] = await db
    .select({ id: documentJobs.id, status: documentJobs.status, done: documentJobs.done, total: documentJobs.total, message: documentJobs.message, ready: documentJobs.fileId })
    .from(documentJobs)
    .where(and(eq(documentJobs.organizationId, user.organizationId), eq(documentJobs.kind, "tickets"), eq(documentJobs.planId, planId)))
    .orderBy(desc(documentJobs.createdAt), desc(documentJobs.id))
    .limit(1);
  return job ? { ...job, ready: Boolean(job.ready) } : null;
}

/** How many seated candidates of the plan this organisation submitted: what a bulk download would print. */
export async function seatedSubmissions(db: DbOrTx, user: SessionUser, planId: number) {
  if ((user.role !== "enterprise" && user.role !== "trainer") || !user.organizationId) return 0;
  const [{ n }] = await db
    .select({ n: count() })
    .from(registrations)
    .where(
      and(
        eq(registrations.planId, planId),
        eq(registrations.submitterKind, user.role),
        eq(registrations.submitterOrgId, user.organizationId),
        eq(registrations.status, "seated"),
      ),
    );
  return n;
}
