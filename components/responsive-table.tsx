import { cn } from "@/lib/utils";

export type ResponsiveTableProps = {
  /** Names the scroll region for screen readers, e.g. "报名信息列表". */
  label: string;
  children: React.ReactNode;
  className?: string;
};

/**
 * Wraps a shadcn <Table> so that on a 390px phone the table scrolls sideways inside a bordered card instead
 * of widening the page. The wrapper is the scroll container (the Table's own overflow wrapper is switched
 * off) and is focusable, so keyboard users can scroll it with the arrow keys (WCAG 2.1.1).
 *
 * Guidance for list pages:
 * - Put the identifying column first (姓名 / 证书编号) and the actions column last.
 * - Hide secondary columns on phones with `className="hidden md:table-cell"` on both TableHead and TableCell.
 * - Cells don't wrap (TableCell is `whitespace-nowrap`); let long free text wrap with `whitespace-normal`.
 * - Give the table a caption, visually hidden if the page heading already says it: <TableCaption className="sr-only">.
 *
 *   <ResponsiveTable label="报名信息列表">
 *     <Table>…</Table>
 *   </ResponsiveTable>
 */
export function ResponsiveTable({ label, children, className }: ResponsiveTableProps) {
  return (
    <div data-slot="responsive-table" className={cn("rounded-lg border bg-card", className)}>
      <div
        role="region"
        aria-label={label}
        tabIndex={0}
        className={cn(
          "overflow-x-auto rounded-lg outline-none focus-visible:ring-[3px] focus-visible:ring-ring/70",
          "[&_[data-slot=table-container]]:overflow-visible",
          "[&_th]:bg-muted/60 [&_td]:px-3 [&_th]:px-3",
        )}
      >
        {children}
      </div>
    </div>
  );
}
