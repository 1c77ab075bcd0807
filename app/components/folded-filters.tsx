import type { ReactNode } from "react";

// A staff list's filters on a phone (ADR 170, /queue; ADR 179, every staff list of that shape): folded behind one
// line that names the filters in use, so the first screen shows the first results; on a wider screen (760 px and
// up, app/styles/admin.css) they stand open and the line is not drawn. A plain <details>: no JavaScript needed.

/**
 * The folded filters: `summary` is the line a phone shows (the filters' names, or those in use with their values:
 * "筛选（在用：已接单 · 厂房）"); `open` unfolds them on a phone too (a wrong value to show beside its field);
 * `children` the filters' fields. Class `more-filters`, as the tests find it.
 */
export function FoldedFilters({ summary, open, children }: { summary: string; open?: boolean; children: ReactNode }) {
  return (
    <details className="more-filters" open={open || undefined}>
      <summary>{summary}</summary>
      <div className="filter-grid">{children}</div>
    </details>
  );
}
