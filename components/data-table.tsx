import { EmptyState } from "@/components/empty-state";
import { Pagination, type PaginationProps } from "@/components/pagination";
import { ResponsiveTable } from "@/components/responsive-table";
import { Checkbox } from "@/components/ui/checkbox";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";

export type DataColumn<T> = {
  /** Column title; also the label before the value in a phone card. */
  header: string;
  cell: (row: T) => React.ReactNode;
  /**
   * From `md` up the list is a table; a column that is only useful on wide screens leaves the table below
   * `lg` or `xl` (phone cards still show it, one line each).
   */
  wideOnly?: "lg" | "xl";
  /** Lets long free text wrap instead of widening the table. */
  wrap?: boolean;
  className?: string;
};

export type DataTableProps<T> = {
  /** Names the list for screen readers, e.g. "岗位工种列表". */
  label: string;
  columns: DataColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  /** The row's buttons: the last column, kept in view at every width. */
  actions?: (row: T) => React.ReactNode;
  /** Shown instead of the table when there are no rows. */
  empty: React.ReactNode;
  /** Paginated in SQL; the links keep the page's filters. */
  pagination?: Omit<PaginationProps, "className">;
  /** Tick boxes for bulk actions; the caller (a client component) holds the ticked keys. */
  selection?: DataTableSelection<T>;
};

export type DataTableSelection<T> = {
  /** The keys (rowKey) ticked now. */
  selected: readonly (string | number)[];
  onChange: (keys: (string | number)[]) => void;
  /** Rows that may not be ticked (say, already reviewed) get no box. */
  canSelect?: (row: T) => boolean;
  /** Each box's accessible name, e.g. "勾选 张三". */
  rowLabel: (row: T) => string;
};

const WIDE_ONLY = { lg: "md:max-lg:hidden", xl: "md:max-xl:hidden" } as const;

/**
 * The house list: columns as data, one DOM for every width. Below `md` each row is a card (label and value
 * per line, buttons underneath), so nothing is cut off on a 390-px phone; from `md` it is a table whose action
 * column sticks to the right edge, so the buttons stay reachable even when the table scrolls sideways.
 * With `selection` each row gets a labelled tick box (a line of its own in a phone card) and the page a select-all.
 */
export function DataTable<T>({ label, columns, rows, rowKey, actions, empty, pagination, selection }: DataTableProps<T>) {
  if (rows.length === 0) return typeof empty === "string" ? <EmptyState title={empty} /> : <>{empty}</>;
  const selectable = selection ? rows.filter((r) => selection.canSelect?.(r) ?? true).map(rowKey) : [];
  const allTicked = selectable.length > 0 && selectable.every((k) => selection!.selected.includes(k));
  const toggleAll = (on: boolean) => selection?.onChange(on ? selectable : []);
  const toggle = (key: string | number, on: boolean) =>
    selection?.onChange(on ? [...new Set([...selection.selected, key])] : selection.selected.filter((k) => k !== key));
  // One select-all per width: the phone's sits above the cards (the table head is hidden there), so each
  // width has exactly one in the accessibility tree.
  const selectAll = (className: string) => (
    <Checkbox aria-label="全选本页" className={className} checked={allTicked} disabled={selectable.length === 0} onCheckedChange={(on) => toggleAll(on === true)} />
  );
  return (
    <>
      {selection ? (
        <label className="mb-3 flex min-h-11 items-center gap-3 rounded-lg border bg-card px-3 text-sm md:hidden">
          {selectAll("size-5")}
          <span aria-hidden="true">全选本页</span>
        </label>
      ) : null}
      <ResponsiveTable label={label} className="max-md:border-0 max-md:bg-transparent">
        <Table className="max-md:block">
          <TableCaption className="sr-only">{label}</TableCaption>
          <TableHeader className="max-md:sr-only">
            <TableRow>
              {selection ? <TableHead className="w-10 max-md:hidden">{selectAll("")}</TableHead> : null}
              {columns.map((c) => (
                <TableHead key={c.header} className={cn(c.wideOnly && WIDE_ONLY[c.wideOnly], c.className)}>
                  {c.header}
                </TableHead>
              ))}
              {actions ? <TableHead className="md:sticky md:right-0 md:bg-muted! md:shadow-[-1px_0_0_var(--border)]">操作</TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody className="max-md:grid max-md:gap-3">
            {rows.map((row) => {
              const key = rowKey(row);
              const ticked = selection?.selected.includes(key) ?? false;
              return (
                <TableRow
                  key={key}
                  data-state={ticked ? "selected" : undefined}
                  className="max-md:grid max-md:gap-1 max-md:rounded-lg max-md:border! max-md:bg-card max-md:p-3 max-md:hover:bg-card max-md:data-[state=selected]:border-primary"
                >
                  {selection ? (
                    <TableCell className="max-md:p-0">
                      {selection.canSelect?.(row) ?? true ? (
                        // On a phone the whole line is the tap target, with a visible word beside the box.
                        <label className="flex items-center gap-3 max-md:min-h-11">
                          <Checkbox aria-label={selection.rowLabel(row)} className="max-md:size-5" checked={ticked} onCheckedChange={(on) => toggle(key, on === true)} />
                          <span aria-hidden="true" className="text-sm md:hidden">
                            勾选
                          </span>
                        </label>
                      ) : null}
                    </TableCell>
                  ) : null}
                  {columns.map((c, i) => (
                    <TableCell
                      key={c.header}
                      data-label={c.header}
                      className={cn(
                        "max-md:flex max-md:min-w-0 max-md:gap-3 max-md:p-0 max-md:whitespace-normal",
                        i === 0
                          ? "font-medium max-md:text-base"
                          : "max-md:before:w-24 max-md:before:shrink-0 max-md:before:text-muted-foreground max-md:before:content-[attr(data-label)]",
                        c.wrap && "whitespace-normal",
                        c.wideOnly && WIDE_ONLY[c.wideOnly],
                        c.className,
                      )}
                    >
                      {c.cell(row)}
                    </TableCell>
                  ))}
                  {actions ? (
                    <TableCell className="max-md:mt-2 max-md:p-0 md:sticky md:right-0 md:bg-card md:shadow-[-1px_0_0_var(--border)]">
                      <div className="flex flex-wrap items-start gap-2">{actions(row)}</div>
                    </TableCell>
                  ) : null}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </ResponsiveTable>
      {pagination ? <Pagination {...pagination} /> : null}
    </>
  );
}
