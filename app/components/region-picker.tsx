import type { Lng } from "~/i18n/lng";
import { publicText } from "~/i18n/public-messages";
import { ui } from "~/i18n/ui-messages";
import type { PlaceChoice } from "~/leads/assist-preview";
import {
  PICKER_FIELDS,
  type PickProblem,
  PLACES_ASKED,
  PROBLEM_ID,
  REGION_FIX,
  REGION_INTENT,
  type RegionFix,
} from "~/leads/region-picker";
import type { DivisionOption, RegionPickerState } from "~/leads/region-picker.server";

// Province → city → district, added to the regions field as the division's full name (江苏省南京市高淳区),
// which the lead schema resolves like anything typed. Rendered by the server only (the inquiry form loads
// no React, ADR 041): the buttons submit the form (everything typed is kept) and the server lists the next
// level or adds the choice. The form's script (app/leads/inquiry-form-script.ts) loads the lists from
// /api/regions as one chooses, suggests divisions as one types in the search box (buttons that add one when
// tapped, reachable by Tab or ArrowDown), and adds without a submit;
// it reads each option's full name from `data-path`. A searched name is added only once it resolves (as the
// regions field will at submit); otherwise the picker says why at once, with the suggestions to add instead.

/** One level of the picker (province, city, district): a select whose first option is "pick" or "the whole". */
function LevelSelect({
  level,
  label,
  value,
  first,
  options,
}: {
  level: "province" | "city" | "district";
  label: string;
  value?: string;
  first: string;
  options: DivisionOption[];
}) {
  return (
    <div>
      <label htmlFor={`region-${level}`}>{label}</label>
      <select
        id={`region-${level}`}
        name={PICKER_FIELDS[level]}
        defaultValue={value ?? ""}
        disabled={level !== "province" && options.length === 0}
      >
        <option value="">{first}</option>
        {options.map((o) => (
          <option key={o.code} value={o.code} data-path={o.path}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Why the search text was not added (unknown, or several divisions of that name), with the resolver's
 * suggestions as buttons that add one: submits without JavaScript, the script's own adds with it.
 */
function RegionProblem({ problem }: { problem?: PickProblem }) {
  return (
    <div id={PROBLEM_ID} role="alert" className="region-problem">
      {problem ? (
        <>
          <ul className="errors">
            <li>{problem.message}</li>
          </ul>
          <div className="picker-actions">
            {problem.suggestions.map((s) => (
              <button key={s.path} type="submit" name={PICKER_FIELDS.suggestion} value={s.path} formNoValidate className="secondary">
                {s.label}
              </button>
            ))}
          </div>
        </>
      ) : null}
    </div>
  );
}

/**
 * The regions box refused a name (ADR 140): the resolver's suggestions, each a button that puts it in the box in the
 * name's place. Without JavaScript it submits (formNoValidate) and the form comes back as typed with the box so,
 * nothing stored; the form's script puts it in the box at once (data-region-fix).
 */
export function RegionFixes({
  lng,
  fixes,
  form,
  onPick,
  group,
}: {
  lng: Lng;
  fixes?: RegionFix[];
  /** The group's name when the buttons answer a question of their own ("“鼓楼”指的是哪里", ADR 154), never the regions box's label. */
  group?: string;
  /** The form the buttons submit, when they stand outside it (the hotline desk's match panel). */
  form?: string;
  /** With JavaScript: puts the value in the box instead of submitting (the desk; the inquiry form's script does its own). */
  onPick?: (value: string) => void;
}) {
  if (!fixes?.length) return null;
  return (
    <div className="picker-actions region-fixes" role="group" aria-label={group ?? publicText(lng, "region.fixes")} data-region-fixes="">
      {fixes.map((f) => (
        <button
          key={f.value}
          type="submit"
          form={form}
          name={REGION_FIX}
          value={f.value}
          formNoValidate
          className="secondary"
          data-region-fix=""
          onClick={
            onPick
              ? (e) => {
                  e.preventDefault();
                  onPick(f.value);
                }
              : undefined
          }
        >
          {f.label}
        </button>
      ))}
    </div>
  );
}

/**
 * The notes name a place several share, the regions box blank (ADR 154): the question and a button per place, each putting
 * the places in the regions box (REGION_FIX, as RegionFixes: a submit without JavaScript, the box at once with it). Always
 * rendered (hidden when empty): the form's script fills it as the preview asks (inquiry-form-script.ts showChoices), and the
 * names asked go in PLACES_ASKED so that the submit is not held to ask them again.
 */
export function PlaceChoices({ choices }: { choices: PlaceChoice[] }) {
  return (
    <>
      <div data-assist-line="choices" hidden={choices.length === 0}>
        {choices.map((c) => (
          <div key={c.name} className="picker-actions region-fixes" role="group" aria-label={c.group} data-region-fixes="">
            <p className="understood">{c.question}</p>
            {c.options.map((o) => (
              <button key={o.value} type="submit" name={REGION_FIX} value={o.value} formNoValidate className="secondary" data-region-fix="">
                {o.label}
              </button>
            ))}
          </div>
        ))}
      </div>
      <input type="hidden" name={PLACES_ASKED} defaultValue={choices.map((c) => c.name).join("\n")} />
    </>
  );
}

export function RegionPicker({ lng, provinces, initial }: { lng: Lng; provinces: DivisionOption[]; initial?: RegionPickerState }) {
  const t = (key: Parameters<typeof ui>[1]) => ui(lng, key);
  const problem = initial?.problem;
  return (
    <fieldset className="field region-picker">
      <legend className="label">{t("region.picker")}</legend>
      <div className="row">
        <LevelSelect level="province" label={t("region.province")} value={initial?.province} first={t("region.pick")} options={provinces} />
        <LevelSelect
          level="city"
          label={t("region.city")}
          value={initial?.city}
          first={t("region.whole")}
          options={initial?.cities ?? []}
        />
        <LevelSelect
          level="district"
          label={t("region.district")}
          value={initial?.district}
          first={t("region.whole")}
          options={initial?.districts ?? []}
        />
        <div>
          <label htmlFor="region-search">{t("region.search")}</label>
          <input
            id="region-search"
            name={PICKER_FIELDS.search}
            type="search"
            autoComplete="off"
            maxLength={80}
            defaultValue=""
            aria-invalid={problem ? true : undefined}
            aria-describedby={PROBLEM_ID}
          />
        </div>
      </div>
      {/* The search's suggestions, each a button that adds its division (filled by the form's script; ADR 102). */}
      <div id="region-found" role="group" aria-label={publicText(lng, "region.found")} aria-live="polite" />
      <RegionProblem problem={problem} />
      <div className="picker-actions">
        <button type="submit" name={REGION_INTENT} value="narrow" formNoValidate className="secondary">
          {t("region.narrow")}
        </button>
        <button type="submit" name={REGION_INTENT} value="add" formNoValidate className="secondary">
          {t("region.add")}
        </button>
      </div>
    </fieldset>
  );
}
