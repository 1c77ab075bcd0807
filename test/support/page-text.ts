/**
 * A page's HTML without the spans that keep a figure and its unit on one line (app/components/figure-text-view.tsx,
 * ADR 149): `30–<span class="fig">50亩</span>` → `30–50亩`, so a test reads the words a person reads.
 */
export function withoutFigureSpans(html: string): string {
  return html.replace(/<span class="fig">([^<]*)<\/span>/g, "$1");
}
