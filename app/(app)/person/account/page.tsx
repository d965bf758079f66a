import { PageHeader } from "@/components/page-header";
import { PasswordForm } from "@/components/password-form";
import { requireRole } from "@/lib/auth/guards";
import { changePasswordAction } from "../../_shared/account-actions";

export const metadata = { title: "登录信息维护" };

export default async function AccountPage(props: { searchParams: Promise<{ changed?: string }> }) {
  const { changed } = await props.searchParams;
  const user = await requireRole("person");
  return (
    <>
      <PageHeader title="登录信息维护" description="修改登录密码。修改后，其他设备上的登录将自动退出。" />
      <PasswordForm key={changed ?? ""} username={user.username} action={changePasswordAction} changed={changed === "1"} />
    </>
  );
}
