import { PageHeader } from "@/components/page-header";
import { requireRole } from "@/lib/auth/guards";
import { VenueForm } from "../_components/venue-form";

export const metadata = { title: "新增考点" };

export default async function NewVenuePage() {
  await requireRole("admin");
  return (
    <>
      <PageHeader title="新增考点" description="保存后可为考点添加考场和座位数。" />
      <VenueForm initial={{ name: "", address: "" }} />
    </>
  );
}
