import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import { formatDateTime } from "@/lib/time";

type Batch = { id: number; originalName: string | null; status: "applied" | "rejected"; totalRows: number; okRows: number; errorRows: number; createdAt: string; uploadedBy: string | null };

/** The last imports of a plan, each with a link to its row-by-row report. */
export function ImportHistory({ batches }: { batches: Batch[] }) {
  if (batches.length === 0) return null;
  return (
    <section aria-labelledby="import-history" className="grid [&>*]:min-w-0 gap-2">
      <h3 id="import-history" className="text-sm font-medium">
        最近导入
      </h3>
      <ul className="grid [&>*]:min-w-0 gap-1 text-sm">
        {batches.map((b) => (
          <li key={b.id} className="flex flex-wrap items-center gap-2">
            <StatusBadge tone={b.status === "applied" ? "success" : "danger"}>{b.status === "applied" ? "已导入" : "未导入"}</StatusBadge>
            <span className="break-all">{b.originalName}</span>
            <span className="text-muted-foreground">
              {formatDateTime(b.createdAt)}，共 {b.totalRows} 行，成功 {b.okRows} 行
            </span>
            {b.errorRows > 0 ? (
              <Link href={`/admin/imports/${b.id}`} className="text-primary underline underline-offset-4">
                {b.errorRows} 行错误明细
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
