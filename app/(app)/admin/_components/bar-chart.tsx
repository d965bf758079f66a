/**
 * Horizontal bar charts in plain HTML/CSS. Each chart is a figure whose caption names it; every bar carries
 * its number as text, and a visually hidden table gives screen readers the same figures.
 */
export type Series = { key: string; label: string; className: string };

export function StackedBars({
  caption,
  series,
  rows,
}: {
  caption: string;
  series: Series[];
  rows: { label: string; values: Record<string, number> }[];
}) {
  const max = Math.max(1, ...rows.map((r) => series.reduce((s, x) => s + (r.values[x.key] ?? 0), 0)));
  return (
    <figure className="grid [&>*]:min-w-0 gap-3">
      <figcaption className="font-medium">{caption}</figcaption>
      <ul className="flex flex-wrap gap-3 text-xs text-muted-foreground" aria-hidden>
        {series.map((s) => (
          <li key={s.key} className="flex items-center gap-1">
            <span className={`inline-block size-3 rounded-sm ${s.className}`} />
            {s.label}
          </li>
        ))}
      </ul>
      {rows.length === 0 ? <p className="text-sm text-muted-foreground">暂无数据</p> : null}
      <div className="grid [&>*]:min-w-0 gap-2" aria-hidden>
        {rows.map((r) => {
          const total = series.reduce((s, x) => s + (r.values[x.key] ?? 0), 0);
          return (
            <div key={r.label} className="grid [&>*]:min-w-0 gap-1">
              <div className="flex justify-between gap-2 text-sm">
                <span className="truncate">{r.label}</span>
                <span className="shrink-0 tabular-nums">{total}</span>
              </div>
              <div className="flex h-3 overflow-hidden rounded-sm bg-muted" style={{ width: `${Math.max(2, (total / max) * 100)}%` }}>
                {series.map((s) =>
                  r.values[s.key] ? <span key={s.key} className={s.className} style={{ width: `${(r.values[s.key] / Math.max(1, total)) * 100}%` }} /> : null,
                )}
              </div>
            </div>
          );
        })}
      </div>
      <div className="sr-only">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">项目</th>
            {series.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              {series.map((s) => (
                <td key={s.key}>{r.values[s.key] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}

/** One value per row, shown as a bar and as text ("85%", "120 本"). */
export function SimpleBars({ caption, rows, max, unit = "" }: { caption: string; rows: { label: string; value: number; text?: string }[]; max?: number; unit?: string }) {
  const top = max ?? Math.max(1, ...rows.map((r) => r.value));
  return (
    <figure className="grid [&>*]:min-w-0 gap-3">
      <figcaption className="font-medium">{caption}</figcaption>
      {rows.length === 0 ? <p className="text-sm text-muted-foreground">暂无数据</p> : null}
      <dl className="grid [&>*]:min-w-0 gap-2">
        {rows.map((r) => (
          // dt and dd must be direct children of the group div, so the bar is a dd of its own.
          <div key={r.label} className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-2 gap-y-1 text-sm">
            <dt className="truncate">{r.label}</dt>
            <dd className="tabular-nums">{r.text ?? `${r.value}${unit}`}</dd>
            <dd className="col-span-2 h-3 rounded-sm bg-muted" aria-hidden>
              <div className="h-3 rounded-sm bg-primary" style={{ width: `${r.value > 0 ? Math.max(2, (r.value / top) * 100) : 0}%` }} />
            </dd>
          </div>
        ))}
      </dl>
    </figure>
  );
}
