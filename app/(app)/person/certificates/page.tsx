import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { DataTable } from "@/components/data-table";
import { Button } from "@/components/ui/button";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { listCertificates } from "@/lib/queries/certificates";
import { certificateState } from "@/lib/services/certificates";
import { beijingDate } from "@/lib/time";
import { StatusBadge } from "@/components/status-badge";
import { CERTIFICATE_STATE } from "@/lib/domain/statuses";

export const metadata = { title: "个人证书信息" };

export default async function CertificatesPage(props: { searchParams: Promise<{ page?: string }> }) {
  const user = await requireRole("person");
  const page = Math.max(1, Number((await props.searchParams).page) || 1);
  const { rows, total } = await listCertificates(db, user, { page });
  const today = beijingDate();
  return (
    <>
      <PageHeader title="个人证书信息" description="本人考取的全部证书；点击【详细】查看证书信息并下载证书。" />
      <DataTable
        label="个人证书列表"
        rows={rows}
        rowKey={(c) => c.id}
        empty={<EmptyState title="暂无证书" description="考试合格并由注册中心发证后，证书会显示在这里。" />}
        columns={[
          { header: "证书编号", cell: (c) => c.certificateNo, className: "font-mono" },
          { header: "岗位工种", cell: (c) => c.tradeName, wrap: true },
          { header: "发证日期", cell: (c) => c.issueDate },
          { header: "有效期至", cell: (c) => c.validUntil },
          { header: "状态", cell: (c) => <StatusBadge of={CERTIFICATE_STATE} status={certificateState(c.status, c.validUntil, today)} /> },
        ]}
        actions={(c) => (
          <Button asChild size="sm" variant="outline">
            <Link href={`/person/certificates/${c.id}`} aria-label={`详细：${c.certificateNo}`}>
              详细
            </Link>
          </Button>
        )}
        pagination={{ page, pageSize: 20, total, basePath: "/person/certificates", searchParams: {} }}
      />
    </>
  );
}
