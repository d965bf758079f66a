/** Label / value pairs, two columns from `sm` up. */
export function Facts({ items }: { items: [string, React.ReactNode][] }) {
  return (
    <dl className="grid [&>*]:min-w-0 gap-x-6 gap-y-2 text-sm sm:grid-cols-[9rem_1fr]">
      {items.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-muted-foreground">{k}</dt>
          <dd className="break-words">{v ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}
