import { fill } from "~/i18n/i18n";

/** The search, its word list and their pinyin (~5 KB gzip, ADR 096) load on the first keystroke, not with the page (its first-load budget, ADR 041). */
let search: Promise<typeof import("~/domain/industry-search")> | undefined;

/** Divisions listed under the search box at most; a longer list is what the select is for. */
const SHOWN = 8;

/**
 * Wires an industry search block (IndustrySelect's `[data-industry-search]`, rendered hidden so that
 * a page without JavaScript shows the plain select) to its select: as a person types a product or a
 * keyword, the matching divisions (searchIndustries) appear as buttons under the box, labelled as in
 * the select; a press chooses that option in the select and tells the form (input + change events, so
 * the field's checks run as if it had been picked there). The select stays the field that is sent.
 */
export function enhanceIndustrySearch(block: HTMLElement): void {
  const select = document.getElementById(block.dataset.for ?? "") as HTMLSelectElement | null;
  const box = block.querySelector<HTMLInputElement>("input[type=search]");
  const list = block.querySelector<HTMLElement>("[data-industry-results]");
  if (!select || !box || !list || block.dataset.enhanced) return;
  block.dataset.enhanced = "true";
  block.hidden = false;
  const labelOf = new Map([...select.options].map((o) => [o.value, o.text]));
  const show = async () => {
    if (!box.value.trim()) return list.replaceChildren();
    const { searchIndustries } = await (search ??= import("~/domain/industry-search"));
    list.replaceChildren(); // after the wait: a later keystroke's list replaces an earlier one's
    const codes = searchIndustries(box.value).filter((c) => labelOf.has(c));
    if (codes.length === 0) {
      const none = document.createElement("p");
      none.className = "hint";
      none.textContent = block.dataset.none ?? "";
      list.append(none);
      return;
    }
    for (const code of codes.slice(0, SHOWN)) {
      const label = labelOf.get(code)!;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "chip";
      button.textContent = label;
      button.setAttribute("aria-label", fill(block.dataset.pick ?? "{label}", { label }));
      button.setAttribute("aria-pressed", String(select.value === code));
      button.addEventListener("click", () => {
        select.value = code;
        select.dispatchEvent(new Event("input", { bubbles: true }));
        select.dispatchEvent(new Event("change", { bubbles: true }));
        for (const b of list.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b === button));
      });
      list.append(button);
    }
  };
  box.addEventListener("input", () => void show());
  if (box.value.trim()) void show();
}
