import Link from "next/link";

export default function Forbidden() {
  return (
    <main id="main" tabIndex={-1} className="outline-none mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 p-6 text-center">
      <p className="text-5xl font-bold text-muted-foreground">403</p>
      <h1 className="text-xl font-semibold">无权访问</h1>
      <p className="text-muted-foreground">您的账户无权打开此页面或此记录。如需办理，请使用对应身份登录。</p>
      <Link href="/" className="text-primary underline underline-offset-4">
        返回首页
      </Link>
    </main>
  );
}
