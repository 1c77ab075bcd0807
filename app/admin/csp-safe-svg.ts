// ECharts' SSR SVG carries `style="font-size:12px;font-family:…"` on its text and a <style> element
// for hover effects. The Content-Security-Policy (ADR 021: `style-src 'self'`) refuses both, so the
// browser logs one violation per text and the text loses its font. Presentation attributes are not
// styles under the CSP, so the same declarations are written as attributes instead.

/** CSS properties that are also SVG presentation attributes (SVG 1.1 §6.4), which the transform keeps. */
const PRESENTATION = new Set([
  "fill",
  "fill-opacity",
  "fill-rule",
  "stroke",
  "stroke-width",
  "stroke-opacity",
  "stroke-dasharray",
  "stroke-dashoffset",
  "stroke-linecap",
  "stroke-linejoin",
  "stroke-miterlimit",
  "opacity",
  "font-family",
  "font-size",
  "font-style",
  "font-variant",
  "font-weight",
  "text-anchor",
  "dominant-baseline",
  "alignment-baseline",
  "visibility",
  "display",
  "paint-order",
]);

/**
 * An SVG string with no inline styles: every `style="a:b;c:d"` attribute becomes presentation
 * attributes `a="b" c="d"` (an attribute already present wins; properties that have no presentation
 * attribute, e.g. `user-select`, are dropped), and `<style>` elements are removed (they only carry
 * ECharts' hover effects, useless in a static chart). Input: ECharts' `renderToSVGString()` output,
 * whose attribute values are already XML-escaped. Pure; throws nothing.
 */
export function cspSafeSvg(svg: string): string {
  return svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, "")
    .replace(/<([a-zA-Z][\w:-]*)((?:\s+[^\s=>]+="[^"]*")*)\s*(\/?)>/g, (tag, name: string, attrs: string, close: string) => {
      const style = /\sstyle="([^"]*)"/.exec(attrs);
      if (!style) return tag;
      const rest = attrs.replace(/\sstyle="[^"]*"/, "");
      const present = new Set(Array.from(rest.matchAll(/\s([^\s=]+)="/g), (m) => m[1].toLowerCase()));
      const added = style[1]
        .split(/(?<!&[a-zA-Z0-9#]+);/) // not the ";" that ends an entity such as &quot;
        .map((d) => {
          const i = d.indexOf(":");
          return i < 0 ? null : ([d.slice(0, i).trim().toLowerCase(), d.slice(i + 1).trim()] as const);
        })
        .filter((d): d is readonly [string, string] => d !== null && d[1] !== "" && PRESENTATION.has(d[0]) && !present.has(d[0]))
        .map(([k, v]) => ` ${k}="${v.replace(/"/g, "&quot;")}"`)
        .join("");
      return `<${name}${rest}${added}${close ? " /" : ""}>`;
    });
}
