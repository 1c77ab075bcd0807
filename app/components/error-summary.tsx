import type { MouseEvent } from "react";

import type { Lng } from "~/i18n/lng";
import { ERROR_LINK_ATTR, focusErrorLink } from "~/utils/error-links";

/**
 * A refused form's summary at its top (trial of 12-05, ADR 157): the sentence `intro` (how many fields,
 * in the page's language), then one link per field with an error — "<label>：<message>" — to `#<form
 * id>-<name>`, the id every field component gives its control (Conform's field id, components/forms.tsx),
 * which puts the focus in the field (utils/error-links.ts). `errors`: Conform's `form.allErrors` (field name →
 * messages; the form's own message, name "", is said elsewhere). `labelOf`: a field's label by its name,
 * undefined for none (the link says the message alone).
 */
export function ErrorSummary({
  id,
  lng,
  formId,
  intro,
  errors,
  labelOf,
}: {
  /** The banner's id, when the form's aria-describedby names it (Conform's form.errorId). */
  id?: string;
  lng: Lng;
  formId: string;
  intro: string;
  errors: Record<string, string[] | undefined>;
  labelOf: (name: string) => string | undefined;
}) {
  const items = Object.entries(errors).filter(([name, messages]) => name !== "" && messages?.length);
  const colon = lng === "zh" ? "：" : ": ";
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (focusErrorLink(e.currentTarget)) e.preventDefault();
  };
  return (
    <div className="banner error error-summary" role="alert" id={id} data-error-summary="">
      <p>{intro}</p>
      {items.length ? (
        <ul>
          {items.map(([name, messages]) => {
            const id = `${formId}-${name}`;
            const label = labelOf(name);
            return (
              <li key={name}>
                <a href={`#${id}`} {...{ [ERROR_LINK_ATTR]: id }} onClick={onClick}>
                  {label ? `${label}${colon}` : null}
                  {messages![0]}
                </a>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
