import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { ID_TYPE_LABELS } from "@/lib/identity/chinese-id";
import { getRegistration } from "@/lib/queries/registrations";
import { formatYuan } from "@/lib/format";
import { planAllows } from "@/lib/services/admin/plan-status";
import { formatDateTime } from "@/lib/time";
import { ResultBadge } from "../../_components/badges";
import { ReviewButtons } from "../_components/review-buttons";
import { formatOrgIdentifier } from "@/lib/identity/org-code";
import { REGISTRATION_STATUS, SUBMITTER_KIND_LABELS } from "@/lib/domain/statuses";
import { StatusBadge } from "@/components/status-badge";

export const metadata = { title: "报名详细" };

function Facts({ items }: { items: [string, React.ReactNode][] }) {
  return (
    <dl className="grid [&>*]:min-w-0 gap-x-6 gap-y-2 text-sm sm:grid-cols-[9rem_1fr]">
      {items.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-muted-foreground">{k}</dt>
          <dd className="break-words">{v ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function RegistrationPage(props: { params: Promise<{ id: string }> }) {
  const user = await requireRole("admin");
  const r = await getRegistration(db, user, Number((await props.params).id));
  if (!r) notFound();
  const canReview = r.status === "submitted" && planAllows(r.planStatus, "review");
  const canPay = r.status === "approved" && planAllows(r.planStatus, "pay");
  const short = r.yearsOfWork < r.minWorkYears;
  return (
    <>
      <PageHeader
        title={`报名详细：${r.personName}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge of={REGISTRATION_STATUS} status={r.status} />
            <span>报名号 {r.registrationNo}</span>
          </span>
        }
        actions={
          <Link href="/admin/registrations" className="text-sm text-primary underline underline-offset-4">
            返回审核列表
          </Link>
        }
      />
      <Card className="mb-6">
        <CardHeader>
          <CardTitle>{canReview ? "审核" : canPay ? "缴费" : "办理"}</CardTitle>
        </CardHeader>
        <CardContent className="grid [&>*]:min-w-0 gap-3">
          {canReview && !r.photoFileId ? (
            <Alert variant="destructive">
              <AlertDescription>该报名没有一寸照片：审核通过后，准考证和证书上将没有照片。请退回并说明原因，或联系报名人补传。</AlertDescription>
            </Alert>
          ) : null}
          {canReview && short ? (
            <Alert variant="destructive">
              <AlertDescription>从事工作年限 {r.yearsOfWork} 年，少于本考试要求的 {r.minWorkYears} 年。</AlertDescription>
            </Alert>
          ) : null}
          {canReview || canPay ? null : <p className="text-sm text-muted-foreground">该报名当前无需审核或登记缴费。</p>}
          {/* Always mounted, so the result of the last step stays on screen after the buttons go. */}
          <ReviewButtons ids={[r.id]} modes={canReview ? ["approve", "reject"] : canPay ? ["pay"] : []} />
        </CardContent>
      </Card>
      <div className="grid [&>*]:min-w-0 gap-6 lg:grid-cols-[1fr_auto]">
        <div className="grid [&>*]:min-w-0 gap-6">
          <Card>
            <CardHeader>
              <CardTitle>报考人员</CardTitle>
            </CardHeader>
            <CardContent>
              <Facts
                items={[
                  ["姓名", r.personName],
                  ["证件", `${ID_TYPE_LABELS[r.idType]} ${r.idNumber}`],
                  ["性别", r.gender === "M" ? "男" : "女"],
                  ["出生日期", r.birthDate],
                  ["手机号码", r.phone],
                  ["学历", r.education],
                ]}
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>报名表</CardTitle>
            </CardHeader>
            <CardContent className="grid [&>*]:min-w-0 gap-4">
              <Facts
                items={[
                  ["考试计划", <Link key="p" href={`/admin/plans/${r.planId}`} className="text-primary underline underline-offset-4">{`${r.planName}（${r.planCode}）`}</Link>],
                  ["岗位工种", r.tradeName],
                  ["工作单位", `${r.employerName}${r.employerCode ? `（${formatOrgIdentifier(r.employerCode)}）` : ""}`],
                  ["参加工作时间", r.workStartDate],
                  ["从事工作年限", `${r.yearsOfWork} 年${r.minWorkYears ? `（要求不少于 ${r.minWorkYears} 年）` : ""}`],
                  ["聘用单位意见", r.employerOpinion || "—"],
                  ["提交方", `${SUBMITTER_KIND_LABELS[r.submitterKind]}${r.submitterName ? `：${r.submitterName}` : ""}${r.submittedBy ? `（${r.submittedBy}）` : ""}`],
                  ["提交时间", formatDateTime(r.submittedAt)],
                ]}
              />
              <div>
                <h3 className="mb-2 text-sm font-medium">个人简历</h3>
                {r.resume.length === 0 ? (
                  <p className="text-sm text-muted-foreground">未填写</p>
                ) : (
                  <ul className="grid [&>*]:min-w-0 gap-1 text-sm">
                    {r.resume.map((e, i) => (
                      <li key={i}>
                        {e.period}　{e.employer}　{e.post}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>办理记录</CardTitle>
            </CardHeader>
            <CardContent>
              <Facts
                items={[
                  ["审核", r.reviewedAt ? `${formatDateTime(r.reviewedAt)}　${r.reviewedBy ?? ""}` : "未审核"],
                  ...(r.rejectReason ? ([["不通过原因", r.rejectReason]] as [string, React.ReactNode][]) : []),
                  ["缴费", r.paidAt ? `${formatDateTime(r.paidAt)}　${formatYuan(r.paidAmountCents)}${r.paymentRef ? `　凭证 ${r.paymentRef}` : ""}` : `未缴费（报名费 ${formatYuan(r.feeCents)}）`],
                  ["考场", r.ticketNo ? `${r.venueName} ${r.roomName} 第 ${r.seatNo} 座，准考证号 ${r.ticketNo}${r.ticketPrintedAt ? `（已打印 ${formatDateTime(r.ticketPrintedAt)}）` : ""}` : "未编排"],
                  ["成绩", <span key="s" className="flex items-center gap-2">{r.score ?? ""}<ResultBadge passed={r.passed} recorded={r.resultRecordedAt !== null} absent={r.resultRecordedAt !== null && r.score === null} /></span>],
                  ["证书", r.certificateNo ?? "未发证"],
                ]}
              />
            </CardContent>
          </Card>
        </div>
        <Card className="h-fit lg:w-56">
          <CardHeader>
            <CardTitle>一寸照片</CardTitle>
          </CardHeader>
          <CardContent>
            {r.photoFileId ? (
              // eslint-disable-next-line @next/next/no-img-element -- a private, session-checked image: next/image would cache it publicly
              <img src={`/api/photos/${r.photoFileId}`} alt={`${r.personName}的一寸照片`} width={148} height={207} className="rounded border" />
            ) : (
              <p className="text-sm text-muted-foreground">未上传照片</p>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
