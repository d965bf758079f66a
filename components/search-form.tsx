import Link from "next/link";
import { SearchIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

export type SearchFormProps = {
  /** Filter fields (Field + Label + Input/NativeSelect with a `name`); laid out in a grid that stacks on phones. */
  children: React.ReactNode;
  /** Where 重置 goes: the list page without any query. */
  resetHref: string;
  /** Defaults to the current URL, which is what a list filter wants. */
  action?: string;
  /** Query values to keep that have no visible field (e.g. a tab or page size). */
  hiddenFields?: Record<string, string | undefined>;
  /** Accessible name for the search landmark. */
  label?: string;
  submitLabel?: string;
  className?: string;
};

/**
 * A GET form, so filters live in the URL, work without JavaScript and survive reloads and shared links.
 * Submitting drops `page`, which brings the user back to the first page of the new result.
 */
export function SearchForm({
  children,
  resetHref,
  action,
  hiddenFields,
  label = "查询条件",
  submitLabel = "查询",
  className,
}: SearchFormProps) {
  return (
    <form
      role="search"
      method="get"
      action={action}
      aria-label={label}
      className={cn("mb-4 rounded-lg border bg-card p-4", className)}
    >
      {hiddenFields
        ? Object.entries(hiddenFields).map(([name, value]) =>
            value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />,
          )
        : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">{children}</div>
      <div className="mt-4 flex flex-wrap items-center justify-end gap-2">
        <Button variant="outline" asChild>
          <Link href={resetHref}>重置</Link>
        </Button>
        <Button type="submit">
          <SearchIcon aria-hidden="true" />
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
