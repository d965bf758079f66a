"use client";

import Link from "next/link";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";

/**
 * What a page shows when the server could not build it: most often the database restarting or unreachable for a
 * moment (see docs/scale-out.md). The app reconnects by itself, so 重试 usually works a few seconds later.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 p-6 text-center">
      <h1 className="text-xl font-semibold">系统暂时无法处理您的请求</h1>
      <p className="text-muted-foreground">系统正在维护或数据库暂时无法连接，您填写的内容没有保存。请稍后点“重试”；如果长时间无法使用，请联系注册中心。</p>
      {error.digest ? <p className="text-sm text-muted-foreground">错误编号：{error.digest}</p> : null}
      <div className="flex gap-3">
        <Button onClick={() => reset()}>重试</Button>
        <Button variant="outline" asChild>
          <Link href="/">返回首页</Link>
        </Button>
      </div>
    </main>
  );
}
