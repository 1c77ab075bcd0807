// The links of a form's error summary (components/error-summary.tsx) to its fields. Without JavaScript the
// link's "#<field id>" scrolls to the field; with it, a click also puts the focus in the field, so the person
// types there at once. No React here: the inquiry form's script (React not loaded, ADR 041) uses it too.

/** The attribute that marks a summary's link; its value is the id of the field it names. */
export const ERROR_LINK_ATTR = "data-error-link";

/**
 * Focuses the field a summary link names (`a[data-error-link]` → the element with that id), scrolled to the
 * middle of the view, and stops the fragment navigation (the address keeps no "#…"). Returns false, doing
 * nothing, when `target` is no such link or the field is not on the page. Browser only.
 */
export function focusErrorLink(target: EventTarget | null): boolean {
  const link = target instanceof Element ? target.closest(`a[${ERROR_LINK_ATTR}]`) : null;
  const field = link ? document.getElementById(link.getAttribute(ERROR_LINK_ATTR) ?? "") : null;
  if (!field) return false;
  field.scrollIntoView({ block: "center" });
  field.focus({ preventScroll: true });
  return true;
}

/**
 * A form's errors (field name → messages, as Conform's `form.allErrors`) with the fields named in `first` ahead, in that
 * order, the others after them as they came: a summary and the refusal beside the button then name the fields as the page
 * shows them, not as the schema lists them (trial42: the hotline's summary named the credit code before the caller's number,
 * the first box of its page). Returns a new object; the messages are the same arrays.
 */
export function errorsInPageOrder<T>(errors: Record<string, T>, first: readonly string[]): Record<string, T> {
  const rank = (name: string) => (first.includes(name) ? first.indexOf(name) : first.length);
  const names = Object.keys(errors);
  return Object.fromEntries(
    names
      .map((name, i) => [name, i] as const)
      .sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1])
      .map(([name]) => [name, errors[name]]),
  );
}
