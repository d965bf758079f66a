import "server-only";
import Link from "next/link";
import { DataTable, type DataColumn } from "@/components/data-table";
import { StatusBadge } from "@/components/status-badge";
import { Button } from "@/components/ui/button";
import { db } from "@/db";
import type { ApplicationKind } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/roles";
import { APPLICATION_STATUS } from "@/lib/domain/statuses";
import { changeDiffs } from "@/lib/services/certificate-applications/change-targets";
import { listApplications } from "@/lib/services/certificate-applications/review";
import { formatDateTime } from "@/lib/time";
import { ChangeDiffText } from "./change-diff";

export const APPLICATIONS_PAGE_SIZE = 20;

/**
 * The user's own applications of one kind (申请批号, status, 详细), newest first, paged in SQL; a 变更 row also
 * shows what it changes (原值 → 新值).
 */
export async function ApplicationsList({
  user,
  kind,
  basePath,
  page,
  pageParam,
  keep,
  label,
  empty,
}: {
  user: SessionUser;
  kind: ApplicationKind;
  basePath: string;
  page: number;
  /** Set when the list shares its page with the certificate search (which pages under `page`). */
  pageParam?: string;
  /** The page's other query values, carried over by the page links. */
  keep: Record<string, string | undefined>;
  label: string;
  empty: string;
}) {
  const { rows, total } = await listApplications(db, user, { kind, page, pageSize: APPLICATIONS_PAGE_SIZE });
  const diffs = kind === "change" ? await changeDiffs(db, user, rows.map((r) => r.id)) : null;
  type Row = (typeof rows)[number];
  const columns: DataColumn<Row>[] = [
    { header: "申请批号", cell: (r) => r.batchNo, className: "font-mono" },
    { header: "姓名", cell: (r) => r.personName },
    { header: "岗位工种", cell: (r) => r.tradeName, wideOnly: "lg" },
    { header: kind === "transfer_in" ? "原证书编号" : "证书编号", cell: (r) => r.certificateNo ?? "", className: "font-mono", wideOnly: kind === "change" ? "xl" : undefined },
  ];
  if (diffs) columns.push({ header: "变更内容", cell: (r) => <ChangeDiffText diff={diffs.get(r.id)} />, wrap: true, className: "md:min-w-56" });
  columns.push(
    { header: "申请时间", cell: (r) => formatDateTime(r.createdAt), wideOnly: "lg" },
    {
      header: "状态",
      wrap: true,
      cell: (r) => (
        <span>
          <StatusBadge of={APPLICATION_STATUS} status={r.status} />
          {r.status === "rejected" && r.rejectReason ? <span className="mt-1 block max-w-64 text-sm text-destructive">原因：{r.rejectReason}</span> : null}
        </span>
      ),
    },
  );
  return (
    <DataTable
      label={label}
      rows={rows}
      rowKey={(r) => r.id}
      empty={empty}
      columns={columns}
      actions={(r) => (
        <Button asChild size="sm" variant="outline">
          <Link href={`${basePath}/${r.id}`} aria-label={`详细：${r.batchNo} ${r.personName}`}>
            详细
          </Link>
        </Button>
      )}
      pagination={{ page, pageSize: APPLICATIONS_PAGE_SIZE, total, basePath, searchParams: keep, pageParam }}
    />
  );
}
