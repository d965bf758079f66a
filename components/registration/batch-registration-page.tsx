import Link from "next/link";
import { DownloadIcon, PrinterIcon } from "lucide-react";
import { ActionButton } from "@/components/action-button";
import { DataTable } from "@/components/data-table";
import { PageHeader } from "@/components/page-header";
import { StatusBadge } from "@/components/status-badge";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { db } from "@/db";
import type { SessionUser } from "@/lib/auth/roles";
import { AccessDenied } from "@/lib/errors";
import { REGISTRATION_STATUS } from "@/lib/domain/statuses";
import { getPlan } from "@/lib/queries/plans";
import { listRegistrations } from "@/lib/queries/registrations";
import { DELETABLE_STATUSES, getRegistrationBatch, listBatchRegistrations, type BatchSummary } from "@/lib/services/batch-registrations";
import { registrationWindowProblem } from "@/lib/services/registrations";
import { formatDateTime } from "@/lib/time";
import { BatchImport, type BatchImportActions, type BatchView } from "./batch-import";
import { PlanNotes } from "./plan-notes";

type Result = { ok: true; message?: string } | { ok: false; error: string };
export type BatchPageActions = BatchImportActions & { deleteAll: (fd: FormData) => Promise<Result>; deleteOne: (fd: FormData) => Promise<Result> };

async function batchInView(user: SessionUser, batchId: number, planId: number): Promise<BatchSummary | null> {
  if (!Number.isSafeInteger(batchId) || batchId <= 0) return null;
  try {
    const b = await getRegistrationBatch(db, user, batchId);
    return b.planId === planId ? b : null;
  } catch (e) {
    if (e instanceof AccessDenied) return null;
    throw e;
  }
}

/**
 * 批量报名 for one plan: 报名表导入模版, upload and check, photos, 确认导入; below, what this organisation
 * registered for the plan (the batch's rows once it is saved) with 打印报名表, 删除所有报名信息 and 删除.
 */
export async function BatchRegistrationPage({
  user,
  basePath,
  planId,
  batchId,
  page,
  actions,
}: {
  user: SessionUser;
  basePath: string;
  planId: number;
  batchId: number;
  page: number;
  actions: BatchPageActions;
}) {
  const home = `${basePath}/registrations`;
  const plan = Number.isSafeInteger(planId) && planId > 0 ? await getPlan(db, planId) : null;
  if (!plan) {
    return (
      <>
        <PageHeader title="批量报名" />
        <Alert variant="destructive" className="mb-4">
          <AlertTitle>该考试计划未开放报名</AlertTitle>
          <AlertDescription>所选考试计划不存在或尚未发布，请在考试报名列表中选择正在报名的考试。</AlertDescription>
        </Alert>
        <Button asChild variant="outline">
          <Link href={home}>返回考试报名</Link>
        </Button>
      </>
    );
  }
  const closed = registrationWindowProblem(plan, new Date());
  const batch = await batchInView(user, batchId, plan.id);
  const submitterKind = user.role === "enterprise" ? "enterprise" : "trainer";
  const list =
    batch?.status === "applied"
      ? { title: "本批次报名信息", ...(await listBatchRegistrations(db, user, batch.id, { page, pageSize: 20 })) }
      : await listRegistrations(db, user, { planId: plan.id, submitterKind, page, pageSize: 20 }).then((r) => ({
          title: "本计划报名信息",
          total: r.total,
          rows: r.rows.map((x) => ({ id: x.id, registrationNo: x.registrationNo, status: x.status, name: x.personName, idNumber: x.idNumber, submittedAt: x.submittedAt })),
        }));
  const view: BatchView | null = batch ? { ...batch, errors: batch.errors ?? [] } : null;

  return (
    <>
      <PageHeader
        title="批量报名"
        description={`${plan.name}（${plan.tradeName}）：下载报名表导入模版，填好后上传；系统逐行检查，改正错误、上传照片后确认导入。`}
        actions={
          <Button asChild variant="outline">
            <a href={`/api/registration-batches/template?planId=${plan.id}`} download>
              <DownloadIcon aria-hidden="true" />
              报名表导入模版
            </a>
          </Button>
        }
      />
      <PlanNotes notes={plan.notes} />
      {closed ? (
        <Alert variant="destructive" className="mb-6">
          <AlertTitle>{plan.name}</AlertTitle>
          <AlertDescription>{closed}</AlertDescription>
        </Alert>
      ) : (
        <BatchImport key={batch?.id ?? 0} planId={plan.id} basePath={basePath} initial={view} actions={actions} />
      )}

      <section aria-labelledby="batch-list-title" className="mt-10">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 id="batch-list-title" className="text-lg font-semibold">
            {list.title}
          </h2>
          <div className="flex flex-wrap gap-2">
            {batch?.status === "applied" ? (
              <Button asChild variant="outline">
                <a href={`/api/registration-batches/${batch.id}/forms`} target="_blank" rel="noopener">
                  <PrinterIcon aria-hidden="true" />
                  打印报名表
                </a>
              </Button>
            ) : null}
            <ActionButton
              label="删除所有报名信息"
              variant="destructive"
              action={actions.deleteAll}
              fields={{ planId: String(plan.id) }}
              confirm={{
                title: "确认删除所有报名信息？",
                description: `将删除本单位为“${plan.name}”提交的、尚未审核的全部报名信息；已审核或已缴费的报名不会删除。`,
                confirmLabel: "删除",
              }}
            />
          </div>
        </div>
        <DataTable
          label={list.title}
          rows={list.rows}
          rowKey={(r) => r.id}
          empty="还没有报名信息"
          columns={[
            { header: "姓名", cell: (r) => r.name },
            { header: "证件号码", cell: (r) => r.idNumber, className: "font-mono" },
            { header: "报名号", cell: (r) => r.registrationNo, className: "font-mono", wideOnly: "lg" },
            { header: "提交时间", cell: (r) => formatDateTime(r.submittedAt), wideOnly: "lg" },
            { header: "状态", cell: (r) => <StatusBadge of={REGISTRATION_STATUS} status={r.status} /> },
          ]}
          actions={(r) => (
            <span className="flex flex-wrap gap-2">
              <Button asChild size="sm" variant="outline">
                <Link href={`${home}/${r.id}`} aria-label={`详细：${r.name}`}>
                  详细
                </Link>
              </Button>
              {(DELETABLE_STATUSES as readonly string[]).includes(r.status) ? (
                <ActionButton
                  label="删除"
                  size="sm"
                  variant="outline"
                  action={actions.deleteOne}
                  fields={{ registrationId: String(r.id) }}
                  confirm={{ title: `确认删除 ${r.name} 的报名信息？`, confirmLabel: "删除" }}
                />
              ) : null}
            </span>
          )}
          pagination={{ page, pageSize: 20, total: list.total, basePath: `${home}/batch`, searchParams: { planId: String(plan.id), batchId: batch ? String(batch.id) : undefined } }}
        />
      </section>
    </>
  );
}
