// A figure and its unit on one line (trial of 12-05: "3000㎡–5000 / ㎡" broke between 5000 and ㎡ on a phone;
// ㎡, 亩 and Chinese units are ideographs, after which a line may break). The text is not changed: each figure
// with its unit is put in a `span.fig` (app.css: white-space nowrap), by the server's render (FigureText)
// and by the inquiry form's script when it rewrites a line (showFigureText) — the same parts for both (ADR 149).
// No React here: the form's script imports this module (components/figure-text-view.tsx is the render).

/**
 * A figure (digits, "," and "." inside) and the unit written right after it, a space allowed: "5000㎡",
 * "30 mu", "8 m", "500kVA", "300万元", "2027年3月" is not one (年 is no unit here).
 */
const FIGURE_WITH_UNIT = /\d(?:[\d,.]*\d)?\s?(?:㎡|m²|m2|亩|平方米|平米|平|米|kVA|kva|吨|t\b|万元|元|mu\b|sqm\b|m\b|kg\/㎡|公斤)/g;

/** `text` cut into runs: `fig` true for a figure with its unit. Joined again they are `text`, unchanged. */
export function figureParts(text: string): { text: string; fig: boolean }[] {
  const parts: { text: string; fig: boolean }[] = [];
  let at = 0;
  for (const m of text.matchAll(FIGURE_WITH_UNIT)) {
    if (m.index > at) parts.push({ text: text.slice(at, m.index), fig: false });
    parts.push({ text: m[0], fig: true });
    at = m.index + m[0].length;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), fig: false });
  return parts;
}

/** Puts `text` into `el` as FigureText renders it (the form's script, on a line it rewrites). Browser only. */
export function showFigureText(el: HTMLElement, text: string): void {
  if (el.textContent === text) return;
  el.replaceChildren(
    ...figureParts(text).map((p) =>
      p.fig ? Object.assign(document.createElement("span"), { className: "fig", textContent: p.text }) : p.text,
    ),
  );
}
