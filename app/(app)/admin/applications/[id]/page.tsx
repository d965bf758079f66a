import Link from "next/link";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/data-table";
import { PageHeader } from "@/components/page-header";
import { StatusBadge } from "@/components/status-badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { APPLICATION_STATUS, CERTIFICATE_STATE, SUBMITTER_KIND_LABELS } from "@/lib/domain/statuses";
import { ID_TYPE_LABELS, type IdType } from "@/lib/identity/chinese-id";
import { recordHistory } from "@/lib/queries/admin/certificate-search";
import { CHANGE_FIELD_LABELS, type ChangeFields } from "@/lib/services/certificate-applications/change";
import { getApplicationDetail } from "@/lib/services/certificate-applications/review";
import type { TransferPayload } from "@/lib/services/certificate-applications/transfer-in";
import { certificateState } from "@/lib/services/certificates";
import { formatDateTime } from "@/lib/time";
import { Facts } from "../../_components/facts";
import { ReviewActions } from "../_components/review-actions";

export const metadata = { title: "证书业务申请详细" };

function shown(field: keyof ChangeFields, v: string | undefined) {
  if (v === undefined || v === "") return "—";
  return field === "idType" ? (ID_TYPE_LABELS[v as IdType] ?? v) : v;
}

export default async function ApplicationDetailPage(props: { params: Promise<{ id: string }> }) {
  const user = await requireRole("admin");
  const a = await getApplicationDetail(db, user, Number((await props.params).id));
  if (!a) notFound();
  const history = await recordHistory(db, "certificate_application", [a.id]);
  const change = a.kind === "change" ? (a.payload as { before?: ChangeFields; after?: ChangeFields }) : null;
  const transfer = a.kind === "transfer_in" ? (a.payload as TransferPayload) : null;
  const open = a.status === "applied";
  return (
    <>
      <PageHeader
        title={`${a.kindLabel}申请：${a.personName}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge of={APPLICATION_STATUS} status={a.status} />
            <span>申请批号 <span className="font-mono">{a.batchNo}</span></span>
          </span>
        }
        actions={
          <Link href="/admin/applications" className="text-sm text-primary underline underline-offset-4">
            返回审核列表
          </Link>
        }
      />
      <Card className="mb-6">
        <CardHeader>
          <CardTitle>审核</CardTitle>
        </CardHeader>
        <CardContent className="grid [&>*]:min-w-0 gap-3">
          {open ? null : (
            <p className="text-sm text-muted-foreground">
              该申请已于 {formatDateTime(a.reviewedAt)} {APPLICATION_STATUS[a.status].label}
              {a.rejectReason ? `，原因：${a.rejectReason}` : ""}。
            </p>
          )}
          {/* Always mounted, so the result stays on screen after the buttons go. */}
          <ReviewActions ids={[a.id]} what={`${a.kindLabel}申请`} buttons={open} />
        </CardContent>
      </Card>
      <div className="grid [&>*]:min-w-0 gap-6 xl:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>申请人与申请</CardTitle>
          </CardHeader>
          <CardContent>
            <Facts
              items={[
                ["姓名", a.personName],
                ["证件", `${ID_TYPE_LABELS[a.idType as IdType] ?? a.idType} ${a.idNumber}`],
                ["性别", a.gender === "M" ? "男" : "女"],
                ["出生日期", a.birthDate],
                ["岗位工种", a.tradeName],
                ["业务类型", a.kindLabel],
                ["提交方", `${SUBMITTER_KIND_LABELS[a.submitterKind]}${a.submitterName ? `：${a.submitterName}` : ""}`],
                ["申请时间", formatDateTime(a.createdAt)],
              ]}
            />
          </CardContent>
        </Card>
        {transfer ? (
          <Card>
            <CardHeader>
              <CardTitle>外省证书</CardTitle>
            </CardHeader>
            <CardContent>
              <Facts
                items={[
                  ["证书编号", <span key="n" className="font-mono">{transfer.certificateNo}</span>],
                  ["持证人", transfer.holderName],
                  ["发证机关", transfer.issuer],
                  ["发证日期", transfer.issueDate],
                  ["有效期至", transfer.validUntil],
                ]}
              />
            </CardContent>
          </Card>
        ) : (
          <Card>
            <CardHeader>
              <CardTitle>证书当前信息</CardTitle>
            </CardHeader>
            <CardContent>
              <Facts
                items={[
                  ["证书编号", <span key="n" className="font-mono">{a.certificateNo}</span>],
                  ["版本", a.version ? `第 ${a.version} 版` : "—"],
                  ["持证人", a.holderName],
                  ["工作单位", a.employerName],
                  ["发证日期", a.issueDate],
                  ["有效期至", a.validUntil],
                  [
                    "证书状态",
                    a.certificateStatus && a.validUntil ? (
                      <StatusBadge key="s" of={CERTIFICATE_STATE} status={certificateState(a.certificateStatus as "valid", a.validUntil)} />
                    ) : (
                      "—"
                    ),
                  ],
                ]}
              />
            </CardContent>
          </Card>
        )}
      </div>
      {change ? (
        <Card className="mt-6">
          <CardHeader>
            <CardTitle>变更内容（原信息与新信息对照）</CardTitle>
          </CardHeader>
          <CardContent>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>项目</TableHead>
                  <TableHead>原信息</TableHead>
                  <TableHead>新信息</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {(Object.keys(change.after ?? {}) as (keyof ChangeFields)[]).map((k) => (
                  <TableRow key={k}>
                    <TableCell className="font-medium">{CHANGE_FIELD_LABELS[k]}</TableCell>
                    <TableCell className="whitespace-normal">{shown(k, change.before?.[k])}</TableCell>
                    <TableCell className="whitespace-normal font-medium text-primary">{shown(k, change.after?.[k])}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      ) : null}
      <div className="mt-6 grid [&>*]:min-w-0 gap-6 xl:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>证明材料</CardTitle>
          </CardHeader>
          <CardContent>
            {a.scans.length === 0 ? (
              <p className="text-sm text-muted-foreground">没有上传证明材料</p>
            ) : (
              <ul className="grid [&>*]:min-w-0 gap-1 text-sm">
                {a.scans.map((f) => (
                  <li key={f.id}>
                    <a href={`/api/certificate-applications/${a.id}/files/${f.id}`} target="_blank" rel="noreferrer" className="text-primary underline underline-offset-4">
                      {f.originalName ?? "证明材料"}
                    </a>{" "}
                    <span className="text-muted-foreground">（{Math.max(1, Math.round(f.sizeBytes / 1024))} KB）</span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>办理记录</CardTitle>
          </CardHeader>
          <CardContent>
            <ol className="grid [&>*]:min-w-0 gap-2 text-sm">
              {/* A change or 进京 has its own submission line in the log (with who submitted); a renewal's is the batch's. */}
              {history.some((h) => h.action.endsWith("_submitted")) ? null : (
                <li>
                  <span className="text-muted-foreground">{formatDateTime(a.createdAt)}</span>
                  <br />
                  {SUBMITTER_KIND_LABELS[a.submitterKind]}提交申请（申请批号 {a.batchNo}）
                </li>
              )}
              {history.map((h) => (
                <li key={h.id}>
                  <span className="text-muted-foreground">{formatDateTime(h.at)}　{h.actorName ?? ""}</span>
                  <br />
                  {h.summary}
                </li>
              ))}
            </ol>
          </CardContent>
        </Card>
      </div>
      <h2 className="mt-8 mb-3 text-lg font-semibold">该人员的其他证书</h2>
      <DataTable
        label="该人员的其他证书"
        rows={a.otherCertificates}
        rowKey={(c) => c.id}
        empty="没有其他证书"
        columns={[
          { header: "证书编号", cell: (c) => <span className="font-mono">{c.certificateNo}</span> },
          { header: "岗位工种", cell: (c) => c.tradeName },
          { header: "有效期至", cell: (c) => c.validUntil },
          { header: "状态", cell: (c) => <StatusBadge of={CERTIFICATE_STATE} status={certificateState(c.status as "valid", c.validUntil)} /> },
        ]}
        actions={(c) => (
          <Link href={`/admin/certificate-search/${c.id}`} className="text-primary underline underline-offset-4" aria-label={`查看证书 ${c.certificateNo} 的详细`}>
            详细
          </Link>
        )}
      />
    </>
  );
}
