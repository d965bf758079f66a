"use client";

import { useRef, useState } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { MenuIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { focusPageStart } from "@/components/skip-link";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { cn } from "@/lib/utils";

export type NavItem = { href: string; label: string };

/**
 * The item whose href equals the path or is a parent segment of it. When a role's home ("/person") and a
 * feature ("/person/exams") both match, the longer one wins so only one item carries aria-current.
 */
export function currentNavHref(pathname: string, items: NavItem[]): string | undefined {
  let best: string | undefined;
  for (const { href } of items) {
    const matches = pathname === href || pathname.startsWith(href.endsWith("/") ? href : `${href}/`);
    if (matches && (!best || href.length > best.length)) best = href;
  }
  return best;
}

export function NavLinks({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  const current = currentNavHref(pathname, items);

  return (
    <ul className="flex flex-col gap-0.5">
      {items.map((item) => {
        const isCurrent = item.href === current;
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={isCurrent ? "page" : undefined}
              onClick={onNavigate}
              className={cn(
                "relative flex min-h-10 items-center rounded-md px-3 py-2 text-sm text-sidebar-foreground outline-none transition-colors",
                "hover:bg-sidebar-accent hover:text-sidebar-accent-foreground",
                "focus-visible:ring-[3px] focus-visible:ring-ring/70",
                // The bar and weight mark the current page without relying on colour alone.
                "aria-[current=page]:bg-sidebar-accent aria-[current=page]:font-semibold aria-[current=page]:text-sidebar-accent-foreground",
                "aria-[current=page]:before:absolute aria-[current=page]:before:inset-y-1.5 aria-[current=page]:before:left-0 aria-[current=page]:before:w-1 aria-[current=page]:before:rounded-full aria-[current=page]:before:bg-sidebar-primary",
              )}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

/** Phone-width menu: the same links in a sheet from the left, closed again as soon as a link is followed. */
export function MobileNav({
  items,
  roleLabel,
  userName,
  className,
}: {
  items: NavItem[];
  roleLabel: string;
  userName: string;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  // Closed by following a link: focus goes to the start of the new page (as after any navigation), not back to
  // 打开菜单 as when the menu is dismissed.
  const followed = useRef(false);

  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          aria-label="打开菜单"
          className={cn(
            "text-primary-foreground hover:bg-white/15 hover:text-primary-foreground focus-visible:ring-white/80",
            className,
          )}
        >
          <MenuIcon aria-hidden="true" />
          菜单
        </Button>
      </SheetTrigger>
      <SheetContent
        side="left"
        className="w-72 max-w-[85vw] gap-0 bg-sidebar p-0"
        onCloseAutoFocus={(e) => {
          if (!followed.current) return;
          followed.current = false;
          e.preventDefault();
          focusPageStart();
        }}
      >
        <SheetHeader className="border-b pr-12">
          <SheetTitle>功能菜单</SheetTitle>
          <SheetDescription>
            {roleLabel}：{userName}
          </SheetDescription>
        </SheetHeader>
        <nav aria-label="功能菜单" className="flex-1 overflow-y-auto p-3">
          <NavLinks
            items={items}
            onNavigate={() => {
              followed.current = true;
              setOpen(false);
            }}
          />
        </nav>
      </SheetContent>
    </Sheet>
  );
}
