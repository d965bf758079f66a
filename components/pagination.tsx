import Link from "next/link";
import { ChevronLeftIcon, ChevronRightIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

export type PaginationProps = {
  /** 1-based. */
  page: number;
  pageSize: number;
  total: number;
  /** The page's current query; everything but `page` is carried over to the links. */
  searchParams: Record<string, string | undefined>;
  basePath: string;
  /** The query parameter holding the page number, when a page has two paginated lists ("page" by default). */
  pageParam?: string;
  className?: string;
};

export function pageCount(total: number, pageSize: number) {
  return Math.max(1, Math.ceil(Math.max(0, total) / Math.max(1, pageSize)));
}

export function pageHref(basePath: string, searchParams: Record<string, string | undefined>, page: number, pageParam = "page") {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    if (key !== pageParam && value !== undefined && value !== "") query.set(key, value);
  }
  if (page > 1) query.set(pageParam, String(page));
  const qs = query.toString();
  return qs ? `${basePath}?${qs}` : basePath;
}

export function Pagination({ page, pageSize, total, searchParams, basePath, pageParam, className }: PaginationProps) {
  const pages = pageCount(total, pageSize);
  const current = Math.min(Math.max(1, Math.trunc(page) || 1), pages);

  return (
    <nav
      aria-label="分页"
      className={cn("mt-4 flex flex-wrap items-center justify-between gap-3 text-sm", className)}
    >
      <p className="text-muted-foreground">{`共 ${total} 条，第 ${current} / ${pages} 页`}</p>
      <div className="flex items-center gap-2">
        <PageLink href={current > 1 ? pageHref(basePath, searchParams, current - 1, pageParam) : undefined} rel="prev">
          <ChevronLeftIcon aria-hidden="true" />
          上一页
        </PageLink>
        <PageLink href={current < pages ? pageHref(basePath, searchParams, current + 1, pageParam) : undefined} rel="next">
          下一页
          <ChevronRightIcon aria-hidden="true" />
        </PageLink>
      </div>
    </nav>
  );
}

function PageLink({ href, rel, children }: { href?: string; rel: "prev" | "next"; children: React.ReactNode }) {
  if (!href) {
    return (
      <Button type="button" variant="outline" size="sm" disabled>
        {children}
      </Button>
    );
  }
  return (
    <Button variant="outline" size="sm" asChild>
      <Link href={href} rel={rel}>
        {children}
      </Link>
    </Button>
  );
}
