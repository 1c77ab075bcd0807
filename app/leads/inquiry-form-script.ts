import { loadTraditionalFolding } from "~/domain/fold-text";
import type { Lng } from "~/i18n/lng";
import type * as PreviewChunk from "~/leads/assist-preview";
import { enhanceIndustrySearch } from "~/leads/industry-search-script";
import type * as LaterChunk from "~/leads/lead-form-validation";
import type { LeadFormValidator } from "~/leads/lead-form-validation";
import {
  appendRegion,
  foundText,
  PICKER_FIELDS,
  type PickProblem,
  PLACES_ASKED,
  PROBLEM_ID,
  REGION_FIX,
  REGION_INTENT,
} from "~/leads/region-picker";
import { focusErrorLink } from "~/utils/error-links";
import { showFigureText } from "~/utils/figure-text";
import { holdBlurDuringPress } from "~/utils/pointer-settle";

// The public inquiry form's only script (ADR 041). The page is rendered by the server and works fully
// without JavaScript (Conform + Zod on submit, the region picker by submits); React is not loaded. This
// adds what a person needs while typing, with the same domain modules the server uses — no second copy
// of a rule:
//  - the assist's preview under the notes (assistPreview, as the server renders it), once its reader has
//    arrived (fetched as the page is up, docs/decisions/128), Traditional characters folded once OpenCC's
//    dictionary has;
//  - checks on leaving a field and again as it is typed, and before sending, from the one lead schema
//    (app/leads/lead-form-validation.ts, fetched after the page is up); messages go where the server puts
//    them (components/forms.tsx: Conform's ids `<form id>-<name>-error`, aria-invalid, aria-describedby);
//  - the region picker's lists from /api/regions as one chooses, search-as-you-type, and a searched name
//    added only once /api/regions?resolve= resolves it (else why, with the suggestions, at once);
//  - the send button says it is sending (a second press would make the same lead anyway: submission key).
// The server stays the authority: whatever this script lets through is validated again on submit.

type Division = { code: string; name: string; label?: string; path: string };
type FieldControl = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** Enhances the inquiry form `form` (the page's `form[data-lng]`); returns when the listeners are set. */
export function enhanceInquiryForm(form: HTMLFormElement): void {
  const lng: Lng = form.dataset.lng === "en" ? "en" : "zh";
  // A message shown on leaving a field must not move the control being tapped (pointer-settle.ts).
  holdBlurDuringPress();
  enhanceAssist(form, lng);
  enhanceValidation(form, lng);
  enhanceRegionPicker(form, lng);
  for (const block of form.querySelectorAll<HTMLElement>("[data-industry-search]")) enhanceIndustrySearch(block);
  enhanceSubmitButton(form);
  // The error summary above the form (a refused post): its links put the focus in their fields.
  document.addEventListener("click", (e) => {
    if (focusErrorLink(e.target)) e.preventDefault();
  });
  form.dataset.enhanced = "true";
}

function controls(form: HTMLFormElement, name: string): FieldControl[] {
  const item = form.elements.namedItem(name);
  if (!item) return [];
  return item instanceof RadioNodeList ? ([...item] as FieldControl[]) : [item as FieldControl];
}

function valueOf(form: HTMLFormElement, name: string): string {
  const item = form.elements.namedItem(name);
  if (item instanceof RadioNodeList) return item.value;
  if (item instanceof HTMLInputElement && item.type === "checkbox") return item.checked ? item.value : "";
  return item && "value" in item ? String(item.value) : "";
}

function enhanceAssist(form: HTMLFormElement, lng: Lng): void {
  const box = form.querySelector<HTMLElement>("[data-assist]");
  if (!box) return;
  // The notes' reader comes in a chunk of its own as the page is up (docs/decisions/128: ~20 KB gzipped
  // the first load need not carry; the server drew the preview of what the page came with). The money
  // reader and the area boxes' "about" reading come with the later chunk (not the first load).
  let reader: typeof PreviewChunk | null = null;
  let later: typeof LaterChunk | null = null;
  const show = () => {
    if (reader) showPreview(reader);
    // "2000平左右" in one area box: the range it is read as, beside the boxes (ADR 101).
    const about = form.querySelector<HTMLElement>("[data-area-reading]");
    if (about && later) {
      const reading = later.areaAboutReading(
        valueOf(form, "need.areaMin"),
        valueOf(form, "need.areaMax"),
        valueOf(form, "need.areaUnit"),
        lng,
        valueOf(form, "need.kind") || undefined,
      );
      showFigureText(about, reading);
      about.hidden = reading === "";
    }
    // The tax box typed in words ("年纳税三百万"): what it is read as, beside it (docs/decisions/162).
    const tax = form.querySelector<HTMLElement>("[data-tax-reading]");
    if (tax && later) {
      const reading = later.taxBoxReading(valueOf(form, "tax.annualTaxWan"), lng);
      showFigureText(tax, reading);
      tax.hidden = reading === "";
    }
  };
  // Names the notes say without a marker ("江宁、浦口都行"), as the server's resolver answered for them (GET
  // /api/regions?resolve=, the region picker's own look-up; cached by the browser): shown in the places line once named (ADR 131).
  const named = new Map<string, PreviewChunk.PlaceAnswer>();
  const asking = new Set<string>();
  const lookUp = (names: readonly string[]) => {
    for (const name of names.slice(0, 6)) {
      if (asking.has(name) || named.has(name)) continue;
      asking.add(name);
      void resolveTyped(name, lng).then((answer) => {
        asking.delete(name);
        if (!answer) return; // the server did not answer: the submit still reads the notes
        named.set(name, answer);
        show();
      });
    }
  };
  const showPreview = ({ AMOUNT_FIELDS, ASSIST_FORM_FIELDS, assistPreview, TAX_FIELD, typedAreaOf }: typeof PreviewChunk) => {
    const filled = new Set(ASSIST_FORM_FIELDS.filter((f) => valueOf(form, `need.${f}`).trim() !== ""));
    for (const f of [TAX_FIELD, ...AMOUNT_FIELDS]) if (valueOf(form, f).trim() !== "") filled.add(f);
    const preview = assistPreview(
      valueOf(form, "need.notes"),
      filled,
      lng,
      valueOf(form, "need.kind") || undefined,
      later ? [later.extractMoney] : undefined,
      typedAreaOf(
        valueOf(form, "need.areaMin"),
        valueOf(form, "need.areaMax"),
        valueOf(form, "need.areaUnit"),
        valueOf(form, "need.unitCount"),
      ),
      (name) => named.get(name),
    );
    lookUp(preview.lookUp);
    for (const part of ["understood", "unread", "notRead", "wished", "places"] as const) {
      const line = box.querySelector<HTMLElement>(`[data-assist-line="${part}"]`);
      const text = line?.querySelector<HTMLElement>("[data-assist-text]");
      if (!line || !text) continue;
      showFigureText(text, preview[part]);
      line.hidden = preview[part] === "";
    }
    // While names are being asked, the question the server's answer brought (a held submit) stays as it is.
    if (preview.choices.length > 0 || preview.lookUp.length === 0) showChoices(form, box, preview.choices);
  };
  form.addEventListener("input", show);
  form.addEventListener("change", show);
  // Traditional characters are read once the dictionary has arrived (after the page is up; ADR 031).
  void loadTraditionalFolding().then(show);
  void import("~/leads/assist-preview").then((m) => {
    reader = m;
    show();
  });
  void import("~/leads/lead-form-validation").then((m) => {
    later = m;
    show();
  });
}

function enhanceValidation(form: HTMLFormElement, lng: Lng): void {
  let validate: LeadFormValidator | null = null;
  // Fields whose messages are shown: left once, sent once, or answered with an error by the server.
  const shown = new Set<string>();
  for (const el of form.querySelectorAll<FieldControl>('[aria-invalid="true"][name]')) shown.add(el.name);

  const errorsNow = (): Record<string, string[]> => {
    if (!validate) return {};
    const submission = validate(new FormData(form));
    const error = submission.status === "error" ? (submission.error ?? {}) : {};
    return Object.fromEntries(Object.entries(error).filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1].length > 0));
  };
  const render = (errors: Record<string, string[]>) => {
    for (const name of shown) showErrors(form, name, errors[name] ?? []);
  };
  const check = (name: string | undefined, touch: boolean) => {
    if (!validate || !name || !document.getElementById(errorIdOf(form, name))) return;
    if (touch) shown.add(name);
    if (shown.has(name)) render(errorsNow());
  };
  form.addEventListener("focusout", (e) => check((e.target as FieldControl).name, true));
  form.addEventListener("input", (e) => check((e.target as FieldControl).name, false));
  form.addEventListener("change", (e) => check((e.target as FieldControl).name, false));
  form.addEventListener("submit", (e) => {
    if (!validate || e.defaultPrevented || isLanguageSwitch(e)) return;
    const errors = errorsNow();
    const names = Object.keys(errors).filter((n) => document.getElementById(errorIdOf(form, n)));
    if (names.length === 0) return;
    e.preventDefault();
    for (const n of names) shown.add(n);
    render(errors);
    controls(form, names[0])[0]?.focus();
  });
  void import("~/leads/lead-form-validation").then((m) => {
    validate = m.leadFormValidator(lng, "web");
    form.dataset.validation = "browser";
  });
}

/** The header's language switch sends the form to be shown again in the other language: nothing to check or wait for (ADR 149). */
function isLanguageSwitch(e: SubmitEvent): boolean {
  return e.submitter instanceof HTMLElement && e.submitter.dataset.langSwitch !== undefined;
}

/** Conform's id for a field's messages (components/forms.tsx renders every field's container under it). */
function errorIdOf(form: HTMLFormElement, name: string): string {
  return `${form.id}-${name}-error`;
}

/** The messages of one field, as components/forms.tsx's ErrorList renders them, and the control's aria. */
function showErrors(form: HTMLFormElement, name: string, errors: string[]): void {
  const box = document.getElementById(errorIdOf(form, name));
  if (!box) return;
  const current = [...box.querySelectorAll("li")].map((li) => li.textContent);
  if (current.join("\n") !== errors.join("\n")) {
    if (errors.length === 0) {
      box.removeAttribute("role");
      box.replaceChildren();
    } else {
      const list = document.createElement("ul");
      list.className = "errors";
      for (const message of errors) list.append(Object.assign(document.createElement("li"), { textContent: message }));
      box.setAttribute("role", "alert");
      box.replaceChildren(list);
    }
  }
  const fields = controls(form, name);
  for (const el of fields) {
    if (errors.length) el.setAttribute("aria-invalid", "true");
    else el.removeAttribute("aria-invalid");
  }
  // Choices name their messages on their fieldset, every other field on its control (forms.tsx).
  const radio = fields[0] instanceof HTMLInputElement && fields[0].type === "radio";
  const describedEl = radio ? fields[0].closest("fieldset") : fields[0];
  if (!describedEl) return;
  const ids = (describedEl.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id && id !== box.id);
  if (errors.length) ids.push(box.id);
  if (ids.length) describedEl.setAttribute("aria-describedby", ids.join(" "));
  else describedEl.removeAttribute("aria-describedby");
}

async function fetchDivisions(params: string, lng: Lng): Promise<Division[]> {
  const res = await fetch(`/api/regions?${params}&lng=${lng}`);
  if (!res.ok) return [];
  return ((await res.json()) as { divisions: Division[] }).divisions;
}

function enhanceRegionPicker(form: HTMLFormElement, lng: Lng): void {
  const select = (name: string) => form.elements.namedItem(name) as HTMLSelectElement | null;
  const province = select(PICKER_FIELDS.province);
  const city = select(PICKER_FIELDS.city);
  const district = select(PICKER_FIELDS.district);
  const search = form.elements.namedItem(PICKER_FIELDS.search) as HTMLInputElement | null;
  const found = document.getElementById("region-found");
  const add = form.querySelector<HTMLButtonElement>(`button[name="${REGION_INTENT}"][value="add"]`);
  if (!province || !city || !district || !search || !found || !add) return;
  // The lists load as one chooses: the "list the next level" submit is for pages without JavaScript.
  form.querySelector(`button[name="${REGION_INTENT}"][value="narrow"]`)?.remove();

  const fill = (el: HTMLSelectElement, list: Division[]) => {
    const options = list.map((d) => {
      const o = new Option(d.label ?? d.name, d.code);
      o.dataset.path = d.path;
      return o;
    });
    el.replaceChildren(el.options[0], ...options);
    el.value = "";
    el.disabled = list.length === 0;
  };
  province.addEventListener("change", async () => {
    fill(city, []);
    fill(district, []);
    if (province.value) fill(city, await fetchDivisions(`parent=${province.value}`, lng));
  });
  city.addEventListener("change", async () => {
    fill(district, []);
    if (city.value) fill(district, await fetchDivisions(`parent=${city.value}`, lng));
  });
  let latest = "";
  let suggestions: Division[] = [];
  search.addEventListener("input", async () => {
    const q = (latest = search.value);
    const list = q.trim() ? await fetchDivisions(`q=${encodeURIComponent(q)}`, lng) : [];
    if (latest !== q) return;
    suggestions = list;
    // Buttons, not a datalist (which phones show as a strip that only fills the search box, if at all):
    // a tap or Enter adds the division. The path that is added; on English pages its English label too.
    found.replaceChildren(
      ...list.map((d) => {
        const b = Object.assign(document.createElement("button"), { type: "button", className: "chip" });
        b.textContent = foundText(d);
        b.dataset.path = d.path;
        b.addEventListener("click", () => {
          addPaths([d.path]);
          search.focus();
        });
        return b;
      }),
    );
  });
  // ArrowDown from the search box reaches the suggestions (Tab does too; Enter adds the one focused).
  search.addEventListener("keydown", (e) => {
    const first = found.querySelector("button");
    if (e.key === "ArrowDown" && first) {
      e.preventDefault();
      first.focus();
    }
  });
  // The regions field stays the one place regions are typed: a choice is appended to its text.
  const regions = form.elements.namedItem("need.regions") as HTMLInputElement | null;
  const problem = document.getElementById(PROBLEM_ID);
  const addPaths = (paths: string[]) => {
    if (!regions) return;
    regions.value = paths.reduce((text, path) => appendRegion(text, path, lng), regions.value);
    regions.dispatchEvent(new Event("input", { bubbles: true }));
    search.value = "";
    suggestions = [];
    found.replaceChildren();
    showProblem(null);
  };
  // Why a searched name was not added (the server's words, in the page's language), with its suggestions.
  const showProblem = (p: PickProblem | null) => {
    if (!problem) return;
    if (p) search.setAttribute("aria-invalid", "true");
    else search.removeAttribute("aria-invalid");
    if (!p) return problem.replaceChildren();
    const list = document.createElement("ul");
    list.className = "errors";
    list.append(Object.assign(document.createElement("li"), { textContent: p.message }));
    const buttons = document.createElement("div");
    buttons.className = "picker-actions";
    for (const s of p.suggestions) {
      const b = Object.assign(document.createElement("button"), { type: "button", className: "secondary", textContent: s.label });
      b.addEventListener("click", () => addPaths([s.path]));
      buttons.append(b);
    }
    problem.replaceChildren(list, buttons);
  };
  // The regions box's suggestions after a refused submit (ADR 140): submit buttons without JavaScript; here the box
  // takes one at once, the message goes (the box is checked again on input) and the others with it.
  form.addEventListener("click", (e) => {
    const b = (e.target as Element).closest<HTMLButtonElement>(`button[name="${REGION_FIX}"]`);
    if (!b || !regions) return;
    e.preventDefault();
    regions.value = b.value;
    regions.dispatchEvent(new Event("input", { bubbles: true }));
    b.closest("[data-region-fixes]")?.remove();
    regions.focus();
  });
  // Its own suggestions are submit buttons for pages without JavaScript; here they add without a submit.
  problem?.addEventListener("click", (e) => {
    const b = (e.target as Element).closest<HTMLButtonElement>(`button[name="${PICKER_FIELDS.suggestion}"]`);
    if (!b) return;
    e.preventDefault();
    addPaths([b.value]);
  });
  add.addEventListener("click", async (e) => {
    e.preventDefault();
    const typed = search.value.trim();
    const pathOf = (el: HTMLSelectElement) => el.selectedOptions[0]?.dataset.path;
    if (!typed) {
      const picked = pathOf(district) ?? pathOf(city) ?? pathOf(province);
      if (picked) addPaths([picked]);
      return;
    }
    const listed = suggestions.find((d) => d.path === typed || d.name === typed)?.path;
    if (listed) return addPaths([listed]);
    // Anything else joins the list only once it resolves as the regions field will at submit.
    const answer = await resolveTyped(typed, lng);
    if (search.value.trim() !== typed) return; // typed on meanwhile
    if (!answer) return; // the server did not answer: the submit still checks
    if ("resolved" in answer) addPaths(answer.resolved);
    else showProblem(answer.problem);
  });
}

/**
 * A name of the notes several places share (ADR 154): the question and a button per place, as the server renders them
 * (components/place-choices.tsx) — the regions box's suggestion buttons (REGION_FIX: the click handler of enhanceRegionPicker puts
 * the value in the box). The names asked go in the form's PLACES_ASKED field: the submit is then not held to ask them again.
 */
function showChoices(form: HTMLFormElement, box: HTMLElement, choices: PreviewChunk.PlaceChoice[]): void {
  const line = box.querySelector<HTMLElement>('[data-assist-line="choices"]');
  if (!line) return;
  // The same question is left as it is: leaving the notes for a button fires "change", and buttons drawn again then would take
  // the tap from under the finger (the tapped one gone before its click).
  const key = JSON.stringify(choices);
  if (line.dataset.choices === key) return;
  line.dataset.choices = key;
  line.replaceChildren(
    ...choices.map((c) => {
      const group = Object.assign(document.createElement("div"), { className: "picker-actions region-fixes", role: "group" });
      group.setAttribute("aria-label", c.group);
      group.dataset.regionFixes = "";
      const options = c.options.map((o) => {
        const b = Object.assign(document.createElement("button"), {
          type: "submit",
          name: REGION_FIX,
          value: o.value,
          formNoValidate: true,
          className: "secondary",
          textContent: o.label,
        });
        b.dataset.regionFix = "";
        return b;
      });
      group.append(Object.assign(document.createElement("p"), { className: "understood", textContent: c.question }), ...options);
      return group;
    }),
  );
  line.hidden = choices.length === 0;
  // Names once asked stay asked (the server's answer may have asked them): a submit is held once, never again for them.
  const asked = form.elements.namedItem(PLACES_ASKED);
  if (asked instanceof HTMLInputElement)
    asked.value = [...new Set([...asked.value.split("\n").filter(Boolean), ...choices.map((c) => c.name)])].join("\n");
}

/** GET /api/regions?resolve=: the divisions' full names, or why the name was not taken; null when the server did not answer. */
async function resolveTyped(typed: string, lng: Lng): Promise<{ resolved: string[] } | { problem: PickProblem } | null> {
  const res = await fetch(`/api/regions?resolve=${encodeURIComponent(typed)}&lng=${lng}`).catch(() => null);
  if (!res?.ok) return null;
  return (await res.json()) as { resolved: string[] } | { problem: PickProblem };
}

function enhanceSubmitButton(form: HTMLFormElement): void {
  const button = form.querySelector<HTMLButtonElement>("button[data-submitting]");
  if (!button) return;
  const idle = button.textContent;
  form.addEventListener("submit", (e) => {
    if (e.defaultPrevented || isLanguageSwitch(e)) return;
    button.disabled = true;
    button.textContent = button.dataset.submitting ?? idle;
  });
  // Back to the page from the browser's cache: the button works again, and the consent is as the
  // server rendered it — ticking it is an act of a submission, not something a cached page keeps (ADR 093).
  window.addEventListener("pageshow", (event) => {
    button.disabled = false;
    button.textContent = idle;
    if (!event.persisted) return;
    for (const box of form.querySelectorAll<HTMLInputElement>("input[data-consent]")) box.checked = box.defaultChecked;
  });
}
