import { Fragment, type ReactNode } from "react";

// A line of a card or list made of parts (a deadline, a count, a date): the parts said apart by " · " written as
// text (trial of 12-06, L6; ADR 179). A separator drawn by CSS (::before) is no text: a page's innerText, a copy and
// an accessible name computed from the content joined "接单期限 12-06 11:00" and "1 个匹配空间" into "11:001 个".

/** `parts` in order, the empty ones (null, false, "") left out, with `separator` (" · ") as text between them. */
export function JoinedParts({ parts, separator = " · " }: { parts: ReactNode[]; separator?: string }) {
  const shown = parts.filter((p) => p !== null && p !== undefined && p !== false && p !== "");
  return (
    <>
      {shown.map((part, i) => (
        <Fragment key={i}>
          {i > 0 ? separator : null}
          {part}
        </Fragment>
      ))}
    </>
  );
}
