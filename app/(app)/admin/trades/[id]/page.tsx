import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { getTrade } from "@/lib/queries/admin/registry";
import { TradeForm } from "../_components/trade-form";

export const metadata = { title: "修改岗位工种" };

export default async function EditTradePage(props: { params: Promise<{ id: string }> }) {
  await requireRole("admin");
  const id = Number((await props.params).id);
  const trade = Number.isInteger(id) && id > 0 ? await getTrade(db, id) : null;
  if (!trade) notFound();
  return (
    <>
      <PageHeader title={`修改岗位工种：${trade.name}`} />
      <TradeForm id={trade.id} initial={{ code: trade.code, name: trade.name, category: trade.category, validityYears: String(trade.validityYears) }} />
    </>
  );
}
