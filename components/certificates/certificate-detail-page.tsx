import "server-only";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DownloadIcon } from "lucide-react";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { db } from "@/db";
import type { SessionUser } from "@/lib/auth/roles";
import { qrPngDataUrl } from "@/lib/documents/qr";
import { ID_TYPE_LABELS, maskIdNumber } from "@/lib/identity/chinese-id";
import { currentVersion, getCertificate } from "@/lib/queries/certificates";
import { certificateDownloadable } from "@/lib/domain/rules";
import { REVOKE_REASON_LABELS } from "@/lib/domain/statuses";
import { certificateState } from "@/lib/services/certificates";
import { formatDateTime } from "@/lib/time";
import { verifyUrl } from "@/lib/verify";
import { StatusBadge } from "@/components/status-badge";
import { CERTIFICATE_STATE } from "@/lib/domain/statuses";

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="mt-0.5 break-words">{children || "—"}</dd>
    </div>
  );
}

/**
 * 证书详细 of one certificate in the user's scope (404 otherwise): the holder's own page, or an enterprise's view
 * of its employee's certificate (ID number masked there, as on the PDF it downloads). A superseded version (reached
 * from an old message or bookmark) or a revoked certificate offers no download — the PDF route refuses both — and
 * says why; a superseded one links to the version in use.
 */
export async function CertificateDetailPage({ user, basePath, id }: { user: SessionUser; basePath: string; id: number }) {
  const c = await getCertificate(db, user, id);
  if (!c) notFound();
  const state = certificateState(c.status, c.validUntil);
  const url = verifyUrl("certificate", c.id);
  const qr = await qrPngDataUrl(url);
  const current = c.status === "superseded" ? await currentVersion(db, user, c.certificateNo) : null;
  const downloadable = certificateDownloadable(c.status);
  return (
    <>
      <PageHeader
        title="证书详细"
        description={`证书编号 ${c.certificateNo}`}
        actions={
          <>
            {downloadable ? (
              <Button asChild>
                <a href={`/api/certificates/${c.id}/pdf`} download>
                  <DownloadIcon aria-hidden="true" />
                  下载证书（PDF）
                </a>
              </Button>
            ) : null}
            <Button asChild variant="outline">
              <Link href={basePath}>返回</Link>
            </Button>
          </>
        }
      />
      {c.status === "superseded" ? (
        <p role="note" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          该证书已变更，此版本（第 {c.version} 版）已作废，不能下载。
          {current ? (
            <Link href={`${basePath}/${current.id}`} className="text-primary underline underline-offset-4">
              查看当前版本
            </Link>
          ) : null}
        </p>
      ) : c.status === "revoked" ? (
        <p role="note" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          该证书已注销{c.revokeReasonClass ? `（${REVOKE_REASON_LABELS[c.revokeReasonClass]}）` : ""}，不能下载。
        </p>
      ) : null}
      <section aria-labelledby="cert-title" className="rounded-lg border bg-card p-4">
        <div className="mb-4 flex flex-wrap items-center gap-3">
          <h2 id="cert-title" className="font-semibold">
            {c.tradeName}
          </h2>
          <StatusBadge of={CERTIFICATE_STATE} status={state} />
        </div>
        <div className="flex flex-col gap-6 sm:flex-row sm:items-start">
          <dl className="grid flex-1 gap-4 sm:grid-cols-2">
            <Item label="证书编号">
              <span className="font-mono">{c.certificateNo}</span>
              <span className="ml-2 text-sm text-muted-foreground">第 {c.version} 版</span>
            </Item>
            <Item label="持证人">{c.holderName}</Item>
            <Item label={ID_TYPE_LABELS[c.idType]}>
              <span className="font-mono">{user.role === "person" ? c.idNumber : maskIdNumber(c.idNumber)}</span>
            </Item>
            <Item label="岗位工种">{c.tradeName}</Item>
            <Item label="工作单位">{c.employerName}</Item>
            <Item label="发证机关">{c.issuer}</Item>
            <Item label="发证日期">{c.issueDate}</Item>
            <Item label="有效期至">{c.validUntil}</Item>
            <Item label="证书来源">{c.source === "exam" ? "考试取得" : "证书进京"}</Item>
            {c.status === "revoked" ? (
              <Item label="注销">
                {formatDateTime(c.revokedAt)} {c.revokeReason}
              </Item>
            ) : null}
          </dl>
          {c.photoFileId ? (
            // The photo approved with the registration the certificate came from, as printed on it.
            // eslint-disable-next-line @next/next/no-img-element -- private photo served by the app
            <img src={`/api/photos/${c.photoFileId}`} alt={`${c.holderName}的证书照片`} width={104} height={146} className="rounded border" />
          ) : null}
          <figure className="flex flex-col items-center">
            {/* eslint-disable-next-line @next/next/no-img-element -- generated data URL */}
            <img src={qr} alt="证书核验二维码" width={128} height={128} />
            <figcaption className="text-center text-xs text-muted-foreground">
              扫码验证证书真伪
              <br />
              <a href={url} className="text-primary underline underline-offset-4" target="_blank" rel="noopener">
                打开核验页面
              </a>
            </figcaption>
          </figure>
        </div>
      </section>
    </>
  );
}
