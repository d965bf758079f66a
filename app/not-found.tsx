import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" tabIndex={-1} className="outline-none mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 p-6 text-center">
      <p className="text-5xl font-bold text-muted-foreground">404</p>
      <h1 className="text-xl font-semibold">页面不存在</h1>
      <Link href="/" className="text-primary underline underline-offset-4">
        返回首页
      </Link>
    </main>
  );
}
