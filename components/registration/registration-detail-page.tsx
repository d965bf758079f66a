import Link from "next/link";
import { notFound } from "next/navigation";
import type { SessionUser } from "@/lib/auth/roles";
import { DownloadIcon, PencilIcon, PrinterIcon } from "lucide-react";
import { ActionButton } from "@/components/action-button";
import { PageHeader } from "@/components/page-header";
import { RegistrationDetails } from "@/components/registration/registration-details";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { db } from "@/db";
import { getRegistration } from "@/lib/queries/registrations";
import { registrationWindowProblem } from "@/lib/services/registrations";
import { ticketAvailability } from "@/lib/services/tickets";
import { asSentence } from "@/lib/sentence";
import { formatDateTime } from "@/lib/time";
import { formatYuan } from "@/lib/format";
import { canEdit, canResubmit, resultsVisible } from "@/lib/domain/rules";
import { RegistrationStatusBadge } from "@/components/status-badge";

type WithdrawAction = (fd: FormData) => Promise<{ ok: true; message?: string } | { ok: false; error: string }>;

/**
 * 报名详细 for whoever may see the registration (the person, the submitting enterprise or institution): 修改
 * and 撤回 only for its submitter while it waits for review. `basePath` is the role's area ("/person", …).
 */
export async function RegistrationDetailPage({ user, basePath, id, saved, withdrawAction }: { user: SessionUser; basePath: string; id: number; saved?: string; withdrawAction: WithdrawAction }) {
  const r = await getRegistration(db, user, id);
  if (!r) notFound();
  const now = new Date();
  // Only the submitter may change or withdraw a registration; one made by an employer or trainer is theirs.
  const editable = canEdit(user, r);
  const resubmittable = canResubmit(r.status) && !registrationWindowProblem({ status: r.planStatus, registrationStartAt: r.registrationStartAt, registrationEndAt: r.registrationEndAt }, now);
  const ticket = ticketAvailability(r, now);

  return (
    <>
      <PageHeader
        title="报名详细"
        description={`${r.planName}（报名号 ${r.registrationNo}）`}
        actions={
          <>
            <Button asChild variant="outline">
              <a href={`/api/registrations/${r.id}/pdf`} target="_blank" rel="noopener">
                <PrinterIcon aria-hidden="true" />
                打印
              </a>
            </Button>
            <Button asChild variant="outline">
              <a href={`/api/registrations/${r.id}/export`} download>
                <DownloadIcon aria-hidden="true" />
                导出
              </a>
            </Button>
            {editable ? (
              <>
                <Button asChild>
                  <Link href={`${basePath}/registrations/${r.id}/edit`}>
                    <PencilIcon aria-hidden="true" />
                    修改
                  </Link>
                </Button>
                <ActionButton
                  label="撤回"
                  confirm={{ title: "确认撤回报名？", description: "撤回后本次报名不再审核；报名时间内可以重新报名。" }}
                  action={withdrawAction}
                  fields={{ registrationId: String(r.id) }}
                  variant="destructive"
                />
              </>
            ) : null}
            {resubmittable && user.role === "person" ? (
              <Button asChild>
                <Link href={`${basePath}/registrations/new?planId=${r.planId}`}>重新报名</Link>
              </Button>
            ) : null}
          </>
        }
      />

      {saved === "edit" ? (
        <Alert className="mb-4 border-green-200 bg-green-50 text-green-900" role="status">
          <AlertTitle>修改保存成功</AlertTitle>
          <AlertDescription className="text-green-900">报名信息已修改，仍在等待注册中心审核。</AlertDescription>
        </Alert>
      ) : null}
      {saved === "1" ? (
        <Alert className="mb-4 border-green-200 bg-green-50 text-green-900" role="status">
          <AlertTitle>报名成功</AlertTitle>
          <AlertDescription className="text-green-900">报名号为 {r.registrationNo}，请等待注册中心审核，审核结果会通过消息通知{user.role === "person" ? "您" : "本单位"}。</AlertDescription>
        </Alert>
      ) : null}

      <section aria-labelledby="status-title" className="mb-6 rounded-lg border bg-card p-4">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="status-title" className="font-semibold">
            报名状态
          </h2>
          <RegistrationStatusBadge registration={r} />
        </div>
        <div className="mt-2 grid gap-1 text-sm">
          {r.status === "submitted" ? (
            <p>
              报名信息已于 {formatDateTime(r.submittedAt)} 提交，等待注册中心审核。
              {editable
                ? "审核前可以修改或撤回。"
                : user.role === "person"
                  ? `本报名由${r.submitterKind === "enterprise" ? "工作单位" : "培训机构"}代为提交，如需修改请联系提交方。`
                  : "本报名不是本单位提交的，只能由提交方修改或撤回。"}
            </p>
          ) : null}
          {r.status === "approved" ? <p>审核通过，请按缴费通知缴纳考试费 {formatYuan(r.feeCents)}。缴费确认后由注册中心编排考场。</p> : null}
          {r.status === "rejected" ? (
            <p className="text-destructive">
              未通过原因：{asSentence(r.rejectReason ?? "")}
              {resubmittable ? "请修改后重新报名。" : ""}
            </p>
          ) : null}
          {r.status === "withdrawn" ? <p>本次报名已撤回。{resubmittable ? "报名时间内可以重新报名。" : ""}</p> : null}
          {r.status === "paid" ? <p>已缴费{r.paidAt ? `（${formatDateTime(r.paidAt)}）` : ""}，等待注册中心编排考场。</p> : null}
          {r.status === "seated" ? (
            <p>
              已编排：准考证号 <span className="font-mono">{r.ticketNo}</span>，{r.venueName} {r.roomName} 第 {r.seatNo} 号座位。
              {ticket.ok ? (
                <Link href={`${basePath}/tickets/${r.id}`} className="ml-1 text-primary underline underline-offset-4">
                  打印准考证
                </Link>
              ) : (
                <span className="ml-1 text-muted-foreground">{ticket.reason}</span>
              )}
            </p>
          ) : null}
          {resultsVisible(r.planStatus) && r.score != null ? (
            <p>
              考试成绩：{r.score} 分，{r.passed ? "合格" : "不合格"}。
            </p>
          ) : null}
        </div>
      </section>

      <RegistrationDetails
        registration={{ ...r, photoUrl: r.photoFileId ? `/api/photos/${r.photoFileId}` : null }}
      />

      <div className="mt-6">
        <Button asChild variant="outline">
          <Link href={`${basePath}/registrations`}>返回考试报名</Link>
        </Button>
      </div>
    </>
  );
}
