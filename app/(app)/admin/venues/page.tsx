import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { ResponsiveTable } from "@/components/responsive-table";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
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
      <ResponsiveTable label="考点列表">
        <Table>
          <TableCaption className="sr-only">考点列表</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>考点</TableHead>
              <TableHead className="hidden md:table-cell">地址</TableHead>
              <TableHead className="text-right">考场</TableHead>
              <TableHead className="text-right">座位</TableHead>
              <TableHead>状态</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {venues.map((v) => (
              <TableRow key={v.id}>
                <TableCell className="whitespace-normal">
                  <Link href={`/admin/venues/${v.id}`} className="font-medium text-primary underline-offset-4 hover:underline">
                    {v.name}
                  </Link>
                </TableCell>
                <TableCell className="hidden whitespace-normal md:table-cell">{v.address}</TableCell>
                <TableCell className="text-right tabular-nums">{v.rooms}</TableCell>
                <TableCell className="text-right tabular-nums">{v.seats}</TableCell>
                <TableCell>
                  <StatusBadge of={CATALOGUE_STATUS} status={v.status} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ResponsiveTable>
    </>
  );
}
