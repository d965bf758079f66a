import Link from "next/link";
import { DownloadIcon, PlusIcon } from "lucide-react";
import { DataTable } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { FormMessage } from "@/components/form-message";
import { PageHeader } from "@/components/page-header";
import { SearchForm } from "@/components/search-form";
import { Button } from "@/components/ui/button";
import { Field, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { ID_TYPE_LABELS } from "@/lib/identity/chinese-id";
import { listEmployees } from "@/lib/services/employees";
import { employeeListSchema } from "@/lib/validations/employee";

export const metadata = { title: "企业人员信息" };

export default async function EmployeesPage(props: { searchParams: Promise<{ q?: string; page?: string; saved?: string }> }) {
  const user = await requireRole("enterprise");
  const sp = await props.searchParams;
  const f = employeeListSchema.catch({ q: "", page: 1 }).parse(sp);
  const list = await listEmployees(db, user, f);
  const exportHref = `/enterprise/employees/export${f.q ? `?q=${encodeURIComponent(f.q)}` : ""}`;
  return (
    <>
      <PageHeader
        title="企业人员信息"
        description="本企业人员的信息；点击【修改】编辑人员信息，点击【新增】登记新人员。"
        actions={
          <>
            <Button asChild>
              <Link href="/enterprise/employees/new">
                <PlusIcon aria-hidden="true" />
                新增
              </Link>
            </Button>
            <Button asChild variant="outline">
              <a href={exportHref} download>
                <DownloadIcon aria-hidden="true" />
                导出
              </a>
            </Button>
          </>
        }
      />
      {sp.saved ? <FormMessage message="新增人员保存成功" className="mb-4" /> : null}
      <SearchForm resetHref="/enterprise/employees" label="人员查询">
        <Field>
          <FieldLabel htmlFor="q">姓名 / 证件号码</FieldLabel>
          <Input id="q" name="q" maxLength={30} defaultValue={f.q} placeholder="姓名包含，或证件号码开头" />
        </Field>
      </SearchForm>
      <DataTable
        label="企业人员列表"
        rows={list.rows}
        rowKey={(r) => r.id}
        empty={<EmptyState title={f.q ? "没有符合条件的人员" : "暂无人员信息"} description="点击【新增】登记本企业人员。" />}
        columns={[
          { header: "姓名", cell: (r) => r.name },
          { header: "性别", cell: (r) => (r.gender === "M" ? "男" : "女") },
          { header: "证件类型", cell: (r) => ID_TYPE_LABELS[r.idType], wideOnly: "lg" },
          { header: "证件号码", cell: (r) => r.idNumber, className: "font-mono" },
          { header: "学历", cell: (r) => r.education ?? "—", wideOnly: "lg" },
          { header: "参加工作时间", cell: (r) => r.workStartDate ?? "—", wideOnly: "xl" },
        ]}
        actions={(r) => (
          <Button asChild size="sm" variant="outline">
            <Link href={`/enterprise/employees/${r.id}`} aria-label={`修改：${r.name}`}>
              修改
            </Link>
          </Button>
        )}
        pagination={{ page: f.page, pageSize: list.pageSize, total: list.total, basePath: "/enterprise/employees", searchParams: { q: f.q || undefined } }}
      />
    </>
  );
}
