import Link from "next/link";
import { BellIcon, LogOutIcon } from "lucide-react";

import { MobileNav, NavLinks, type NavItem } from "@/components/nav-links";
import { Button } from "@/components/ui/button";

export type AppShellProps = {
  /** 建设行业从业人员考务和证书管理系统 */
  title: string;
  /** 从业人员 / 企业 / 培训机构 / 注册中心 */
  roleLabel: string;
  userName: string;
  nav: NavItem[];
  signOutAction: () => Promise<void>;
  unreadCount?: number;
  messagesHref?: string;
  children: React.ReactNode;
};

// Header controls sit on the primary colour, so their hover and focus ring are light instead of --ring.
const onPrimary =
  "text-primary-foreground hover:bg-white/15 hover:text-primary-foreground focus-visible:ring-white/80";

export function AppShell({
  title,
  roleLabel,
  userName,
  nav,
  signOutAction,
  unreadCount = 0,
  messagesHref,
  children,
}: AppShellProps) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="sticky top-0 z-40 bg-primary text-primary-foreground shadow-sm">
        <div className="flex h-14 items-center gap-1 px-2 sm:gap-2 sm:px-4">
          <MobileNav items={nav} roleLabel={roleLabel} userName={userName} className="shrink-0 md:hidden" />

          <p className="line-clamp-2 min-w-0 flex-1 px-1 text-sm leading-tight font-semibold sm:text-base md:truncate">
            {title}
          </p>

          <div className="hidden shrink-0 items-center gap-2 text-sm md:flex">
            <span className="rounded-full bg-white/15 px-2 py-0.5 text-xs font-medium">{roleLabel}</span>
            <span className="max-w-40 truncate" title={userName}>
              {userName}
            </span>
          </div>

          {messagesHref ? <MessagesLink href={messagesHref} count={unreadCount} /> : null}

          <form action={signOutAction} className="shrink-0">
            <Button type="submit" variant="ghost" size="sm" className={onPrimary}>
              <LogOutIcon aria-hidden="true" className="hidden sm:block" />
              退出
            </Button>
          </form>
        </div>
      </header>

      <div className="flex flex-1">
        {/* The outer column paints the sidebar down the whole page; the nav inside stays in view while scrolling. */}
        <div className="hidden w-56 shrink-0 border-r border-sidebar-border bg-sidebar md:block lg:w-60">
          <nav aria-label="功能菜单" className="sticky top-14 max-h-[calc(100dvh-3.5rem)] overflow-y-auto p-3">
            <NavLinks items={nav} />
          </nav>
        </div>

        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-5 outline-none md:px-6 md:py-6 lg:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}

function MessagesLink({ href, count }: { href: string; count: number }) {
  const shown = count > 99 ? "99+" : String(count);
  return (
    <Button asChild variant="ghost" size="icon" className={`relative shrink-0 ${onPrimary}`}>
      <Link href={href} aria-label={`消息，${count} 条未读`}>
        <BellIcon aria-hidden="true" className="size-5" />
        {count > 0 ? (
          <span
            aria-hidden="true"
            className="absolute top-0.5 right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-white px-1 text-[10px] leading-none font-semibold text-destructive"
          >
            {shown}
          </span>
        ) : null}
      </Link>
    </Button>
  );
}
