import type { Metadata, Viewport } from "next";
import { SkipLink } from "@/components/skip-link";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "建设行业从业人员考务和证书管理系统", template: "%s - 建设行业从业人员考务和证书管理系统" },
  description: "建设行业从业人员考试报名、准考证打印、成绩查询与证书管理",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-dvh bg-background text-foreground antialiased">
        <SkipLink />
        {children}
      </body>
    </html>
  );
}
