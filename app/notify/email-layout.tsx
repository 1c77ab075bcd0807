import type { CSSProperties, ReactElement, ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";

import type { Lng } from "~/i18n/lng";

// Email HTML is React rendered on the server (ADR 026): React escapes every text and attribute value,
// so no template builds markup from strings and there is no hand-written escaper to keep right.
// renderToStaticMarkup writes no hydration comments (<!-- -->) and no data-reactroot.

/** The outer document every email shares: language, charset, the subject as title, one column. */
export function EmailDocument({ lng, title, children }: { lng: Lng; title: string; children: ReactNode }) {
  return (
    <html lang={lng === "en" ? "en" : "zh-CN"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width" />
        <title>{title}</title>
      </head>
      <body style={BODY}>
        <div style={{ maxWidth: "640px", margin: "0 auto" }}>{children}</div>
      </body>
    </html>
  );
}

const BODY: CSSProperties = {
  margin: 0,
  padding: "16px",
  fontFamily: "-apple-system,'PingFang SC','Microsoft YaHei',sans-serif",
  fontSize: "14px",
  lineHeight: 1.6,
  color: "#111",
};

/** An email document as the HTML part of a message: `<!doctype html>`, the markup, a final newline. */
export function renderEmailHtml(document: ReactElement): string {
  return `<!doctype html>\n${renderToStaticMarkup(document)}\n`;
}
