import "server-only";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/action-button";
import { FormMessage } from "@/components/form-message";
import { PageHeader } from "@/components/page-header";
import { StatusBadge } from "@/components/status-badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { db } from "@/db";
import type { SessionUser } from "@/lib/auth/roles";
import { APPLICATION_KIND_LABELS, APPLICATION_STATUS } from "@/lib/domain/statuses";
import { ID_TYPE_LABELS, type IdType } from "@/lib/identity/chinese-id";
import { getCertificate } from "@/lib/queries/certificates";
import { getApplicationDetail } from "@/lib/services/certificate-applications/review";
import { notificationTarget } from "@/lib/services/notification-links";
import { formatDateTime } from "@/lib/time";
import { CHANGE_ROWS, changeValue } from "./change-diff";

type DeleteAction = (fd: FormData) => Promise<{ ok: true; message?: string } | { ok: false; error: string }>;

function Facts({ items }: { items: [string, React.ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
      {items.map(([k, v]) => (
        <div key={k} className="min-w-0">
          <dt className="text-muted-foreground">{k}</dt>
          <dd className="mt-0.5 break-words font-medium">{v || "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * 详细 of one application: batch and status, the person, then per kind the certificate (续期), 原值 beside 新值
 * (变更) or the other province's certificate (进京); the scans; 打印, 删除 (进京 while 已申请, its submitter) and 返回.
 */
export async function ApplicationDetail({ user, id, basePath, created, deleteAction }: { user: SessionUser; id: number; basePath: string; created?: boolean; deleteAction?: DeleteAction }) {
  const a = await getApplicationDetail(db, user, id);
  if (!a) notFound();
  const p = a.payload as Record<string, unknown>;
  const mine = a.submitterKind === "person" ? a.submittedByUserId === user.id : a.submitterOrgId != null && a.submitterOrgId === user.organizationId;
  const printable = a.kind !== "renewal";
  // Once approved: the certificate it produced (the renewed or changed version, or the Beijing certificate), when in scope.
  const result = a.status === "approved" && a.resultCertificateId ? await getCertificate(db, user, a.resultCertificateId) : null;
  const resultHref = result && (user.role === "person" || user.role === "enterprise") ? notificationTarget(user.role, { kind: "certificate", id: result.id }) : null;
  const title = a.kind === "transfer_in" ? "证书进京申请表" : a.kind === "change" ? "证书变更申请表" : "证书续期申请";
  return (
    <>
      <PageHeader
        title={title}
        description={
          <>
            申请批号 <span className="font-mono">{a.batchNo}</span>，{APPLICATION_KIND_LABELS[a.kind]}，提交于 {formatDateTime(a.createdAt)}
          </>
        }
        actions={
          <>
            {deleteAction && a.kind === "transfer_in" && a.status === "applied" && mine ? (
              <ActionButton
                action={deleteAction}
                fields={{ applicationId: String(a.id) }}
                label="删除"
                variant="destructive"
                successHref={basePath}
                confirm={{ title: "确认删除", description: `确定删除申请批号 ${a.batchNo} 的证书进京申请吗？删除后不能恢复。`, confirmLabel: "删除" }}
              />
            ) : null}
            {printable ? (
              <Button asChild variant="outline">
                <a href={`/api/certificate-applications/${a.id}/pdf`} target="_blank" rel="noopener">
                  打印
                </a>
              </Button>
            ) : null}
            <Button asChild variant="outline">
              <Link href={basePath}>返回</Link>
            </Button>
          </>
        }
      />
      {created ? <FormMessage className="mb-4" message={a.kind === "change" ? "证书变更申请成功" : "申请成功"} tone="success" /> : null}
      <div className="grid gap-4">
        <Card>
          <CardHeader>
            <CardTitle className="flex flex-wrap items-center gap-2 text-base">
              申请人 <StatusBadge of={APPLICATION_STATUS} status={a.status} />
            </CardTitle>
          </CardHeader>
          <CardContent className="space-y-3">
            <Facts
              items={[
                ["姓名", a.personName],
                ["证件类型", ID_TYPE_LABELS[a.idType as IdType] ?? a.idType],
                ["证件号码", <span key="id" className="font-mono">{a.idNumber}</span>],
                ["性别", a.gender === "M" ? "男" : "女"],
                ["出生日期", a.birthDate],
                ["岗位工种", a.tradeName],
                ["提交方", a.submitterName ?? "本人"],
                ...(a.reviewedAt ? ([["审核时间", formatDateTime(a.reviewedAt)]] as [string, React.ReactNode][]) : []),
              ]}
            />
            {a.status === "rejected" && a.rejectReason ? <p className="text-sm text-destructive">审核不通过原因：{a.rejectReason}</p> : null}
            {result ? (
              <p className="text-sm">
                审核通过：证书编号 <span className="font-mono">{result.certificateNo}</span>（第 {result.version} 版），有效期至 {result.validUntil}
                {resultHref ? (
                  <>
                    {" "}
                    <Link href={resultHref} className="text-primary underline underline-offset-4">
                      查看证书
                    </Link>
                  </>
                ) : null}
              </p>
            ) : null}
          </CardContent>
        </Card>

        {a.kind === "transfer_in" ? (
          <Card>
            <CardHeader>
              <CardTitle className="text-base">外省市证书</CardTitle>
            </CardHeader>
            <CardContent>
              <Facts
                items={[
                  ["证书编号", <span key="no" className="font-mono">{String(p.certificateNo ?? "")}</span>],
                  ["发证机关", String(p.issuer ?? "")],
                  ["发证日期", String(p.issueDate ?? "")],
                  ["有效期至", String(p.validUntil ?? "")],
                ]}
              />
            </CardContent>
          </Card>
        ) : (
          <Card>
            <CardHeader>
              <CardTitle className="text-base">证书</CardTitle>
            </CardHeader>
            <CardContent className="space-y-4">
              <Facts
                items={[
                  ["证书编号", <span key="no" className="font-mono">{a.certificateNo}</span>],
                  ["持证人", a.holderName],
                  ["工作单位", a.employerName],
                  ["发证日期", a.issueDate],
                  ["有效期至", a.kind === "renewal" && p.validUntil && p.validUntil !== a.validUntil ? `${a.validUntil}（申请时 ${String(p.validUntil)}）` : a.validUntil],
                ]}
              />
              {a.kind === "change" ? <ChangeTable before={(p.before ?? {}) as Record<string, unknown>} after={(p.after ?? {}) as Record<string, unknown>} /> : null}
            </CardContent>
          </Card>
        )}

        {a.scans.length ? (
          <Card>
            <CardHeader>
              <CardTitle className="text-base">扫描件</CardTitle>
            </CardHeader>
            <CardContent>
              <ul className="list-disc space-y-1 pl-5 text-sm">
                {a.scans.map((s) => (
                  <li key={s.id}>
                    <a className="text-primary underline underline-offset-4" href={`/api/certificate-applications/${a.id}/files/${s.id}`} target="_blank" rel="noopener">
                      {s.originalName ?? "扫描件"}
                    </a>{" "}
                    <span className="text-muted-foreground">（{Math.max(1, Math.round(s.sizeBytes / 1024))} KB）</span>
                  </li>
                ))}
              </ul>
            </CardContent>
          </Card>
        ) : null}
      </div>
    </>
  );
}

/** 变更项目 | 变更前 | 变更后: only the fields the application changes. */
export function ChangeTable({ before, after }: { before: Record<string, unknown>; after: Record<string, unknown> }) {
  const rows = CHANGE_ROWS.filter(([k]) => k in after);
  return (
    <table className="w-full table-fixed border-collapse text-sm" aria-label="变更前后对比">
      <thead>
        <tr className="border-b text-left text-muted-foreground">
          <th className="w-28 py-2 font-medium sm:w-40">变更项目</th>
          <th className="py-2 font-medium">变更前</th>
          <th className="py-2 font-medium">变更后</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([k, label]) => (
          <tr key={k} className="border-b align-top">
            <th scope="row" className="py-2 pr-2 text-left font-normal">
              {label}
            </th>
            <td className="py-2 pr-2 break-words">{changeValue(k, before[k])}</td>
            <td className="py-2 break-words font-medium">{changeValue(k, after[k])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
