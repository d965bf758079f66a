import { notFound } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { getOrganization } from "@/lib/queries/admin/registry";
import { AccountsTable } from "../../accounts/_components/accounts-table";
import { ActionButton } from "@/components/action-button";
import { AccountCreateForm } from "../_components/account-create-form";
import { OrganizationForm } from "../_components/organization-form";
import { organizationStatusAction } from "../actions";
import { StatusBadge } from "@/components/status-badge";
import { ACCOUNT_STATUS } from "@/lib/domain/statuses";

export const metadata = { title: "机构信息" };

export default async function OrganizationPage(props: { params: Promise<{ id: string }> }) {
  const user = await requireRole("admin");
  const id = Number((await props.params).id);
  const org = Number.isInteger(id) && id > 0 ? await getOrganization(db, id) : null;
  if (!org) notFound();
  return (
    <>
      <PageHeader
        title={org.name}
        description={
          <span className="flex items-center gap-2">
            <StatusBadge of={ACCOUNT_STATUS} status={org.status} />
            {org.kind === "enterprise" ? "企业" : "培训机构"}
          </span>
        }
        actions={
          org.status === "active" ? (
            <ActionButton
              action={organizationStatusAction}
              fields={{ id: String(org.id), status: "disabled" }}
              label="停用机构"
              variant="outline"
              confirm={{ title: `停用“${org.name}”？`, description: `同时停用其 ${org.accounts.filter((a) => a.status === "active").length} 个账号，已登录的立即退出。`, confirmLabel: "停用" }}
            />
          ) : (
            <ActionButton action={organizationStatusAction} fields={{ id: String(org.id), status: "active" }} label="启用机构" variant="outline" />
          )
        }
      />
      <div className="grid [&>*]:min-w-0 gap-6">
        <Card>
          <CardHeader>
            <CardTitle>登记信息</CardTitle>
          </CardHeader>
          <CardContent>
            <OrganizationForm
              id={org.id}
              initial={{ kind: org.kind, name: org.name, uscc: org.uscc ?? "", orgCode: org.orgCode ?? "", contactName: org.contactName ?? "", contactPhone: org.contactPhone ?? "", address: org.address ?? "" }}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>登录账号</CardTitle>
          </CardHeader>
          <CardContent className="grid [&>*]:min-w-0 gap-6">
            {org.accounts.length === 0 ? <EmptyState title="还没有账号" /> : <AccountsTable rows={org.accounts} selfId={user.id} caption="机构账号" showOrg={false} />}
            {org.status === "active" ? (
              <section aria-labelledby="new-account" className="grid [&>*]:min-w-0 gap-3">
                <h3 id="new-account" className="font-medium">
                  新建账号
                </h3>
                <AccountCreateForm organizationId={org.id} defaultName={org.name} />
              </section>
            ) : null}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
