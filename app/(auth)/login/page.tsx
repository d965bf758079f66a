import { redirect } from "next/navigation";
import { HALL_REFUSALS, hallEnabled } from "@/auth";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { getCurrentUser } from "@/lib/auth/current-user";
import { ROLE_HOME } from "@/lib/auth/roles";
import { loginWithHall } from "./actions";
import { LoginForm } from "./login-form";

export const metadata = { title: "登录" };

export default async function LoginPage(props: { searchParams: Promise<{ callbackUrl?: string; tab?: string; error?: string }> }) {
  const sp = await props.searchParams;
  const user = await getCurrentUser();
  if (user) redirect(ROLE_HOME[user.role]);
  const callbackUrl = sp.callbackUrl?.startsWith("/") && !sp.callbackUrl.startsWith("//") ? sp.callbackUrl : undefined;
  const tab = sp.tab === "staff" ? "staff" : "hall";
  const hallMessage =
    sp.error && sp.error in HALL_REFUSALS
      ? HALL_REFUSALS[sp.error as keyof typeof HALL_REFUSALS]
      : sp.error === "AccessDenied"
        ? "网上办事大厅账号对应的用户已停用或不能从此入口登录，请联系注册中心。"
        : null;

  return (
    <main id="main" tabIndex={-1} className="outline-none flex min-h-dvh items-start justify-center bg-muted/40 px-4 py-10 sm:items-center">
      <div className="w-full max-w-md space-y-6">
        <div className="text-center">
          <p className="text-sm text-muted-foreground">北京市住房和城乡建设委员会</p>
          <h1 className="mt-1 text-xl font-semibold tracking-tight sm:text-2xl">建设行业从业人员考务和证书管理系统</h1>
        </div>
        <Card>
          <CardHeader>
            <CardTitle>系统登录</CardTitle>
            <CardDescription>请选择您的身份登录</CardDescription>
          </CardHeader>
          <CardContent>
            {hallMessage ? (
              <p role="alert" className="mb-4 text-sm text-destructive">
                {hallMessage}
              </p>
            ) : null}
            <Tabs defaultValue={tab}>
              <TabsList className="grid w-full grid-cols-2">
                <TabsTrigger value="hall">从业人员 / 企业</TabsTrigger>
                <TabsTrigger value="staff">培训机构 / 注册中心</TabsTrigger>
              </TabsList>
              <TabsContent value="hall" className="space-y-5 pt-4">
                {hallEnabled ? (
                  <>
                    <form action={loginWithHall}>
                      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
                      <Button type="submit" className="w-full">
                        通过网上办事大厅登录
                      </Button>
                    </form>
                    <p className="text-center text-xs text-muted-foreground">或使用本系统账号登录</p>
                  </>
                ) : null}
                <LoginForm mode="hall" callbackUrl={callbackUrl} />
                <p className="text-xs text-muted-foreground">企业可使用用户名、统一社会信用代码或组织机构代码登录。</p>
              </TabsContent>
              <TabsContent value="staff" className="pt-4">
                <LoginForm mode="staff" callbackUrl={callbackUrl} />
              </TabsContent>
            </Tabs>
          </CardContent>
        </Card>
      </div>
    </main>
  );
}
