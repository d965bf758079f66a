import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { ResponsiveTable } from "@/components/responsive-table";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { importErrors } from "@/lib/queries/admin/exam-day";

export const metadata = { title: "导入错误明细" };

export default async function ImportReportPage(props: { params: Promise<{ id: string }> }) {
  await requireRole("admin");
  const id = Number((await props.params).id);
  const batch = Number.isInteger(id) && id > 0 ? await importErrors(db, id) : null;
  if (!batch) notFound();
  const back = batch.kind === "scores" ? `/admin/scores/${batch.planId}` : `/admin/payments?planId=${batch.planId}`;
  return (
    <>
      <PageHeader
        title="导入错误明细"
        description={`共 ${batch.errors.length} 条`}
        actions={
          <Link href={back} className="text-sm text-primary underline underline-offset-4">
            返回
          </Link>
        }
      />
      <ResponsiveTable label="导入错误明细">
        <Table>
          <TableCaption className="sr-only">导入错误明细</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>位置</TableHead>
              <TableHead>问题</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {batch.errors.map((e, i) => (
              <TableRow key={i}>
                <TableCell>{`第 ${e.row} 行${e.column ? ` ${e.column} 列` : ""}`}</TableCell>
                <TableCell className="whitespace-normal">{e.message}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ResponsiveTable>
    </>
  );
}
