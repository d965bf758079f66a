import { cn } from "@/lib/utils";

/** A plain <select> styled like the inputs: works in GET search forms without JavaScript. */
export function NativeSelect({ className, children, ...props }: React.ComponentProps<"select">) {
  return (
    <select
      data-slot="native-select"
      className={cn(
        "h-11 md:h-9 w-full min-w-0 rounded-md border border-input bg-background px-3 py-1 text-base shadow-xs outline-none md:text-sm",
        "focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/70 aria-invalid:border-destructive",
        className,
      )}
      {...props}
    >
      {children}
    </select>
  );
}

/** Label + control for SearchForm grids. */
export function FilterField({ id, label, children }: { id: string; label: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="grid [&>*]:min-w-0 gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}

/** A FilterField whose control is a NativeSelect of options, the first meaning "no filter" (an empty value). */
export function SelectFilter({
  id,
  label,
  allLabel,
  options,
  value,
}: {
  id: string;
  label: string;
  allLabel: string;
  options: { id: number | string; name: string }[];
  value: number | string | null | undefined;
}) {
  return (
    <FilterField id={id} label={label}>
      <NativeSelect id={id} name={id} defaultValue={value == null ? "" : String(value)}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </NativeSelect>
    </FilterField>
  );
}
