import Link from "next/link";
import { DownloadIcon } from "lucide-react";
import { DataTable } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { SearchForm } from "@/components/search-form";
import { StatusBadge } from "@/components/status-badge";
import { Button } from "@/components/ui/button";
import { Field, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { CERTIFICATE_STATE } from "@/lib/domain/statuses";
import { expiryCounts, listEmployeeCertificates, type ExpiryFilter } from "@/lib/queries/employee-certificates";
import { certificateState } from "@/lib/services/certificates";
import { beijingDate } from "@/lib/time";
import { cn } from "@/lib/utils";
import { employeeCertificateQuerySchema } from "@/lib/validations/employee-certificates";

export const metadata = { title: "企业人员获证信息" };

const TILES: { key: ExpiryFilter; label: string }[] = [
  { key: "expired", label: "已过期" },
  { key: "90", label: "90天内到期" },
  { key: "60", label: "60天内到期" },
  { key: "30", label: "30天内到期" },
];

function query(values: Record<string, string | undefined>) {
  const q = new URLSearchParams(Object.entries(values).filter((e): e is [string, string] => Boolean(e[1])));
  return q.size ? `?${q}` : "";
}

export default async function EmployeeCertificatesPage(props: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireRole("enterprise");
  const f = employeeCertificateQuerySchema.parse(await props.searchParams);
  const today = beijingDate();
  const [counts, list] = await Promise.all([expiryCounts(db, user, today), listEmployeeCertificates(db, user, f, today)]);
  const current = TILES.find((t) => t.key === f.expiry);
  return (
    <>
      <PageHeader
        title="企业人员获证信息"
        description="本企业人员考取的证书；点击上方统计查看已过期和即将到期的证书，点击【详细】查看证书信息。"
        actions={
          <Button asChild variant="outline">
            <a href={`/enterprise/certificates/export${query({ expiry: f.expiry, q: f.q })}`} download>
              <DownloadIcon aria-hidden="true" />
              导出
            </a>
          </Button>
        }
      />
      <nav aria-label="按有效期筛选" className="mb-4 grid grid-cols-2 gap-3 lg:grid-cols-4">
        {TILES.map((t) => {
          const active = f.expiry === t.key;
          return (
            <Link
              key={t.key}
              href={`/enterprise/certificates${query({ expiry: active ? undefined : t.key, q: f.q })}`}
              aria-current={active ? "page" : undefined}
              className={cn(
                "rounded-lg border bg-card p-4 transition-colors hover:border-primary focus-visible:outline-none focus-visible:ring-[3px] focus-visible:ring-ring/70",
                active && "border-primary ring-1 ring-primary",
              )}
            >
              <span className="block text-sm text-muted-foreground">{t.label}</span>
              <span className={cn("mt-1 block text-2xl font-semibold tabular-nums", t.key === "expired" && counts[t.key] > 0 && "text-destructive")}>{counts[t.key]}</span>
            </Link>
          );
        })}
      </nav>
      <SearchForm resetHref="/enterprise/certificates" label="证书查询" hiddenFields={{ expiry: f.expiry }}>
        <Field>
          <FieldLabel htmlFor="q">持证人 / 证书编号</FieldLabel>
          <Input id="q" name="q" maxLength={30} defaultValue={f.q} placeholder="姓名包含，或证书编号开头" />
        </Field>
      </SearchForm>
      <h2 className="mb-3 text-lg font-semibold">{current ? `证书列表：${current.label}` : "证书列表"}</h2>
      <DataTable
        label="企业人员证书列表"
        rows={list.rows}
        rowKey={(c) => c.id}
        empty={<EmptyState title={current ? `没有${current.label}的证书` : "暂无证书"} description="本企业人员考试合格并由注册中心发证后，证书会显示在这里。" />}
        columns={[
          { header: "岗位工种", cell: (c) => c.tradeName, wrap: true },
          { header: "证书编号", cell: (c) => c.certificateNo, className: "font-mono" },
          { header: "持证人", cell: (c) => c.holderName },
          { header: "证件号码", cell: (c) => c.idNumber, className: "font-mono", wideOnly: "xl" },
          { header: "发证日期", cell: (c) => c.issueDate, wideOnly: "lg" },
          { header: "有效期至", cell: (c) => c.validUntil },
          { header: "状态", cell: (c) => <StatusBadge of={CERTIFICATE_STATE} status={certificateState(c.status, c.validUntil, today)} /> },
        ]}
        actions={(c) => (
          <Button asChild size="sm" variant="outline">
            <Link href={`/enterprise/certificates/${c.id}`} aria-label={`详细：${c.holderName} ${c.certificateNo}`}>
              详细
            </Link>
          </Button>
        )}
        pagination={{ page: f.page, pageSize: list.pageSize, total: list.total, basePath: "/enterprise/certificates", searchParams: { expiry: f.expiry, q: f.q || undefined } }}
      />
    </>
  );
}
