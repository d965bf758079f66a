import { PageHeader } from "@/components/page-header";
import { requireRole } from "@/lib/auth/guards";
import { OrganizationForm } from "../_components/organization-form";

export const metadata = { title: "登记机构" };

export default async function NewOrganizationPage() {
  await requireRole("admin");
  return (
    <>
      <PageHeader title="登记机构" description="登记后可为机构新建登录账号。" />
      <OrganizationForm initial={{ kind: "enterprise", name: "", uscc: "", orgCode: "", contactName: "", contactPhone: "", address: "" }} />
    </>
  );
}
