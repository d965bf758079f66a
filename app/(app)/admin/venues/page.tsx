import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { DataTable } from "@/components/data-table";
import { Button } from "@/components/ui/button";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { listVenues } from "@/lib/queries/admin/registry";
import { StatusBadge } from "@/components/status-badge";
import { CATALOGUE_STATUS } from "@/lib/domain/statuses";

export const metadata = { title: "考点考场" };

export default async function VenuesPage() {
  await requireRole("admin");
  const venues = await listVenues(db);
  return (
    <>
      <PageHeader
        title="考点考场"
        description="考点及其考场、座位数。考试计划选择考点后，考场编排按这里的座位数安排考生，不会超出。"
        actions={
          <Button asChild>
            <Link href="/admin/venues/new">新增考点</Link>
          </Button>
        }
      />
      <DataTable
        label="考点列表"
        rows={venues}
        rowKey={(v) => v.id}
        empty="还没有考点"
        columns={[
          {
            header: "考点",
            wrap: true,
            cell: (v) => (
              <Link href={`/admin/venues/${v.id}`} className="font-medium text-primary underline-offset-4 hover:underline">
                {v.name}
              </Link>
            ),
          },
          { header: "地址", cell: (v) => v.address, wrap: true, wideOnly: "lg" },
          { header: "考场", cell: (v) => v.rooms, className: "tabular-nums md:text-right" },
          { header: "座位", cell: (v) => v.seats, className: "tabular-nums md:text-right" },
          { header: "状态", cell: (v) => <StatusBadge of={CATALOGUE_STATUS} status={v.status} /> },
        ]}
      />
    </>
  );
}
