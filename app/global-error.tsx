"use client";

import "./globals.css";

/** The last resort, when even the root layout failed: its own <html>, no components that could fail again. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-dvh bg-background text-foreground antialiased">
        <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 p-6 text-center">
          <h1 className="text-xl font-semibold">系统暂时无法处理您的请求</h1>
          <p>系统正在维护或数据库暂时无法连接，请稍后重试；如果长时间无法使用，请联系注册中心。</p>
          {error.digest ? <p className="text-sm">错误编号：{error.digest}</p> : null}
          <button type="button" className="rounded-md border px-4 py-2" onClick={() => reset()}>
            重试
          </button>
        </main>
      </body>
    </html>
  );
}
