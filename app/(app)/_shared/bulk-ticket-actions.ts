"use server";

import { db } from "@/db";
import { ActionError, defineAction } from "@/lib/actions";
import { enqueueBulkTickets } from "@/lib/jobs";
import { seatedSubmissions } from "@/lib/queries/document-jobs";
import { getDocumentJob } from "@/lib/services/batch-documents";
import { bulkTicketsSchema, documentJobSchema } from "@/lib/validations/document-jobs";

const ORG_ROLES = ["enterprise", "trainer"] as const;

/** 下载全部准考证: queues one PDF of every printable ticket of the plan this organisation submitted. */
export const startBulkTicketsAction = defineAction({ roles: ORG_ROLES, schema: bulkTicketsSchema }, async ({ planId }, user) => {
  if ((await seatedSubmissions(db, user, planId)) === 0) throw new ActionError("该考试计划没有本单位报名的已编排考生，暂无准考证可下载");
  const job = await enqueueBulkTickets(user, planId);
  return { data: { jobId: job.id }, message: "已开始生成准考证，请稍候" };
});

/** The progress bar's poll: status and done / total of the organisation's own job only. */
export const bulkTicketsStatusAction = defineAction({ roles: ORG_ROLES, schema: documentJobSchema }, async ({ jobId }, user) => getDocumentJob(db, user, jobId));
