import { type MouseEvent, useEffect, useRef } from "react";

import type { Lng } from "~/i18n/lng";
import { staffText } from "~/i18n/staff-messages";
import { ERROR_LINK_ATTR, focusErrorLink } from "~/utils/error-links";

// A staff form's refused save said where the person pressed save (trial of 12-06, L3; ADR 178): a long form's
// banner at its top is a screen or more above the button on a phone, and a refusal with no field to focus
// (a duplicate number, a change made meanwhile, the database down) left the focus on the button — "nothing
// happened". The top banner stays (the whole list, for a reader starting there); this note repeats the gist
// beside the button.

/** The first field a refusal names, for the note's link: its control's id and what to say ("公司名称：必填"). */
export type FirstBadField = { id: string; text: string };

/**
 * The refusal beside a form's submit button: `lines` (the form's own message, or how many fields to fix), and a
 * link that puts the focus in `first` when given. On each new `answer` (the route's action data: a new object per
 * answer; undefined on the page's first render and while the browser's own checks refuse), once the page has
 * drawn it, the note takes the focus and is scrolled to the middle of the screen — unless the focus is already
 * in a field the answer marked (Conform puts it in the first invalid field), which is where the person is.
 * Nothing is drawn when `lines` is empty. `id`: the note's id, for the button's aria-describedby.
 */
export function RefusalBeside({
  id,
  lng,
  answer,
  lines,
  first,
}: {
  id: string;
  lng: Lng;
  answer: unknown;
  lines: string[];
  first?: FirstBadField | null;
}) {
  const note = useRef<HTMLDivElement>(null);
  const shown = lines.length > 0;
  useEffect(() => {
    if (!answer || !shown) return;
    // After the form's own effects (Conform focuses the first invalid field when it reports the answer).
    const frame = requestAnimationFrame(() => {
      const active = document.activeElement;
      if (active instanceof HTMLElement && active.getAttribute("aria-invalid") === "true") return;
      note.current?.scrollIntoView({ block: "center" });
      note.current?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [answer, shown]);
  if (!shown) return null;
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (focusErrorLink(e.currentTarget)) e.preventDefault();
  };
  return (
    <div className="refusal-beside" id={id} ref={note} tabIndex={-1} data-refusal-beside="">
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      {first ? (
        <p>
          <a href={`#${first.id}`} {...{ [ERROR_LINK_ATTR]: first.id }} onClick={onClick}>
            {staffText(lng, "refusal.first", { field: first.text })}
          </a>
        </p>
      ) : null}
    </div>
  );
}

/**
 * The first field with a message in a Conform form's `allErrors` (name → messages; the form's own message,
 * name "", is no field), as the note's link: the control's id `<formId>-<name>` (components/forms.tsx), and
 * "<label>：<message>" (the message alone when `labelOf` knows no label). Null when no field has one.
 */
export function firstBadField(
  lng: Lng,
  formId: string,
  errors: Record<string, string[] | undefined>,
  labelOf: (name: string) => string | undefined,
): FirstBadField | null {
  const hit = Object.entries(errors).find(([name, messages]) => name !== "" && messages?.length);
  if (!hit) return null;
  const label = labelOf(hit[0]);
  const message = hit[1]![0];
  return { id: `${formId}-${hit[0]}`, text: label ? `${label}${lng === "zh" ? "：" : ": "}${message}` : message };
}
