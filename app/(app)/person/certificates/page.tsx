import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { ResponsiveTable } from "@/components/responsive-table";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
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
      {rows.length === 0 ? (
        <EmptyState title="暂无证书" description="考试合格并由注册中心发证后，证书会显示在这里。" />
      ) : (
        <ResponsiveTable label="证书列表">
          <Table>
            <TableCaption className="sr-only">个人证书列表</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>证书编号</TableHead>
                <TableHead>岗位工种</TableHead>
                <TableHead className="hidden md:table-cell">发证日期</TableHead>
                <TableHead className="hidden sm:table-cell">有效期至</TableHead>
                <TableHead>状态</TableHead>
                <TableHead>操作</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((c) => (
                <TableRow key={c.id}>
                  <TableCell className="font-mono">{c.certificateNo}</TableCell>
                  <TableCell className="whitespace-normal">{c.tradeName}</TableCell>
                  <TableCell className="hidden md:table-cell">{c.issueDate}</TableCell>
                  <TableCell className="hidden sm:table-cell">{c.validUntil}</TableCell>
                  <TableCell>
                    <StatusBadge of={CERTIFICATE_STATE} status={certificateState(c.status, c.validUntil, today)} />
                  </TableCell>
                  <TableCell>
                    <Button asChild size="sm" variant="outline">
                      <Link href={`/person/certificates/${c.id}`} aria-label={`详细：${c.certificateNo}`}>
                        详细
                      </Link>
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ResponsiveTable>
      )}
      <Pagination page={page} pageSize={20} total={total} basePath="/person/certificates" searchParams={{}} />
    </>
  );
}
