"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { defineAction } from "@/lib/actions";
import { clientIp } from "@/lib/request-context";
import { approveApplications, approveBatch, rejectApplications, rejectBatch, type ReviewResult } from "@/lib/services/certificate-applications/review";
import { approveBatchSchema, approveSchema, rejectBatchSchema, rejectSchema } from "@/lib/validations/certificate-applications";

function refresh() {
  revalidatePath("/admin/applications", "layout");
  revalidatePath("/admin/certificate-search", "layout");
  revalidatePath("/admin");
}

/** "已审核通过 3 条申请" and, for the ones left alone, why (证书已注销 … 请审核不通过). */
function approvedMessage(r: ReviewResult) {
  const head = `已审核通过 ${r.approved.length} 条申请`;
  if (r.skipped.length === 0) return `${head}，已通知申请人`;
  const why = r.skipped.slice(0, 5).map((s) => `${s.certificateNo ? `证书 ${s.certificateNo}` : `申请 ${s.applicationId}`}：${s.reason}`);
  return `${head}；${r.skipped.length} 条未处理（${why.join("；")}${r.skipped.length > 5 ? "；……" : ""}）`;
}

export const approveApplicationsAction = defineAction({ roles: ["admin"], schema: approveSchema }, async ({ ids }, user) => {
  const r = await approveApplications(db, user, ids, { ip: await clientIp() });
  refresh();
  return { data: { approved: r.approved.length, skipped: r.skipped.length }, message: approvedMessage(r) };
});

export const approveBatchAction = defineAction({ roles: ["admin"], schema: approveBatchSchema }, async ({ batchNo }, user) => {
  const r = await approveBatch(db, user, batchNo, { ip: await clientIp() });
  refresh();
  return { data: { approved: r.approved.length, skipped: r.skipped.length }, message: `申请批号 ${batchNo.toUpperCase()}：${approvedMessage(r)}` };
});

export const rejectApplicationsAction = defineAction({ roles: ["admin"], schema: rejectSchema }, async ({ ids, reason }, user) => {
  const r = await rejectApplications(db, user, ids, reason, { ip: await clientIp() });
  refresh();
  const skipped = r.skipped.length ? `；${r.skipped.length} 条已审核过，未处理` : "";
  return { data: { rejected: r.rejected.length }, message: `已审核不通过 ${r.rejected.length} 条申请，原因已通知申请人${skipped}` };
});

export const rejectBatchAction = defineAction({ roles: ["admin"], schema: rejectBatchSchema }, async ({ batchNo, reason }, user) => {
  const r = await rejectBatch(db, user, batchNo, reason, { ip: await clientIp() });
  refresh();
  return { data: { rejected: r.rejected.length }, message: `申请批号 ${batchNo.toUpperCase()}：已审核不通过 ${r.rejected.length} 条申请，原因已通知申请人` };
});
