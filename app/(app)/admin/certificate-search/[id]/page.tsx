import Link from "next/link";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/data-table";
import { PageHeader } from "@/components/page-header";
import { StatusBadge } from "@/components/status-badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { db } from "@/db";
import { REVOKE_REASON_CLASSES } from "@/db/schema";
import { requireRole } from "@/lib/auth/guards";
import { CERTIFICATE_STATE } from "@/lib/domain/statuses";
import { ID_TYPE_LABELS, type IdType } from "@/lib/identity/chinese-id";
import { certificateHistory, certificateWithVersions } from "@/lib/queries/admin/certificate-search";
import { REVOKE_REASON_LABELS } from "@/lib/domain/statuses";
import { formatDateTime } from "@/lib/time";
import { verifyUrl } from "@/lib/verify";
import { Facts } from "../../_components/facts";
import { CertificateActions } from "../_components/certificate-actions";

export const metadata = { title: "证书详细" };

export default async function CertificateDetailPage(props: { params: Promise<{ id: string }> }) {
  const user = await requireRole("admin");
  const c = await certificateWithVersions(db, user, Number((await props.params).id));
  if (!c) notFound();
  const cur = c.current;
  const history = await certificateHistory(db, c.versions.map((v) => v.id));
  const link = verifyUrl("certificate", cur.id);
  return (
    <>
      <PageHeader
        title={`证书详细：${c.certificateNo}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge of={CERTIFICATE_STATE} status={cur.state} />
            <span>当前为第 {cur.version} 版</span>
          </span>
        }
        actions={
          <Link href="/admin/certificate-search" className="text-sm text-primary underline underline-offset-4">
            返回证书查询
          </Link>
        }
      />
      <Card className="mb-6">
        <CardHeader>
          <CardTitle>注销与恢复</CardTitle>
        </CardHeader>
        <CardContent className="grid [&>*]:min-w-0 gap-3">
          {cur.status === "revoked" ? (
            <p className="text-sm">
              已于 {formatDateTime(cur.revokedAt)} 注销（{cur.revokeReasonClass ? REVOKE_REASON_LABELS[cur.revokeReasonClass] : "—"}）：{cur.revokeReason}
            </p>
          ) : null}
          <CertificateActions
            certificateId={cur.id}
            certificateNo={c.certificateNo}
            revoked={cur.status === "revoked"}
            reasonClasses={REVOKE_REASON_CLASSES.map((v) => ({ value: v, label: REVOKE_REASON_LABELS[v] }))}
          />
        </CardContent>
      </Card>
      <div className="grid [&>*]:min-w-0 gap-6 xl:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>当前版本</CardTitle>
          </CardHeader>
          <CardContent>
            <Facts
              items={[
                ["证书编号", <span key="n" className="font-mono">{c.certificateNo}</span>],
                ["持证人", cur.holderName],
                ["证件", `${ID_TYPE_LABELS[cur.idType as IdType] ?? cur.idType} ${cur.idNumber}`],
                ["岗位工种", cur.tradeName],
                ["工作单位", cur.employerName],
                ["发证日期", cur.issueDate],
                ["有效期至", cur.validUntil],
                ["发证机关", cur.issuer],
                ...(cur.originCertificateNo ? ([["原证书（外省）", `${cur.originCertificateNo}　${cur.originIssuer ?? ""}`]] as [string, React.ReactNode][]) : []),
                [
                  "核验链接",
                  <a key="v" href={link} target="_blank" rel="noreferrer" className="break-all text-primary underline underline-offset-4">
                    {link}
                  </a>,
                ],
              ]}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>办理记录</CardTitle>
          </CardHeader>
          <CardContent>
            {history.length === 0 ? (
              <p className="text-sm text-muted-foreground">没有办理记录</p>
            ) : (
              <ol className="grid [&>*]:min-w-0 gap-2 text-sm">
                {history.map((h) => (
                  <li key={h.id}>
                    <span className="text-muted-foreground">{formatDateTime(h.at)}　{h.actorName ?? ""}</span>
                    <br />
                    {h.summary}
                  </li>
                ))}
              </ol>
            )}
          </CardContent>
        </Card>
      </div>
      <h2 className="mt-8 mb-3 text-lg font-semibold">证书版本</h2>
      <DataTable
        label="证书各版本"
        rows={[...c.versions].reverse()}
        rowKey={(v) => v.id}
        empty="没有版本记录"
        columns={[
          { header: "版本", cell: (v) => `第 ${v.version} 版${v.id === cur.id ? "（当前）" : ""}` },
          { header: "持证人", cell: (v) => v.holderName },
          { header: "工作单位", cell: (v) => v.employerName ?? "—", wideOnly: "lg" },
          { header: "发证日期", cell: (v) => v.issueDate },
          { header: "有效期至", cell: (v) => v.validUntil },
          { header: "状态", cell: (v) => <StatusBadge of={CERTIFICATE_STATE} status={v.state} /> },
        ]}
        actions={(v) => (
          <a href={verifyUrl("certificate", v.id)} target="_blank" rel="noreferrer" className="text-primary underline underline-offset-4" aria-label={`第 ${v.version} 版的核验页面`}>
            核验页面
          </a>
        )}
      />
    </>
  );
}
