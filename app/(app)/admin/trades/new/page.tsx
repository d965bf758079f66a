import { PageHeader } from "@/components/page-header";
import { requireRole } from "@/lib/auth/guards";
import { TradeForm } from "../_components/trade-form";

export const metadata = { title: "新增岗位工种" };

export default async function NewTradePage() {
  await requireRole("admin");
  return (
    <>
      <PageHeader title="新增岗位工种" />
      <TradeForm initial={{ code: "", name: "", category: "", validityYears: "3" }} />
    </>
  );
}
