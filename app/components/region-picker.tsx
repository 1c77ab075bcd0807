import { useRef, useState, useSyncExternalStore } from "react";

import type { Lng } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { ui } from "~/i18n/ui-messages";
import type { DivisionOption, RegionPickerState } from "~/leads/region-picker.server";

// Province → city → district, added to the regions field as the division's full name (江苏省南京市高淳区),
// which the lead schema resolves like anything typed. Without JavaScript the buttons submit the form
// (everything typed is kept) and the server lists the next level or adds the choice; with JavaScript the
// lists load from /api/regions as you choose, and a search box suggests divisions as you type.

const noSubscription = () => () => {};

export const REGION_INTENT = "regionIntent";
export const PICKER_FIELDS = {
  province: "regionPicker.province",
  city: "regionPicker.city",
  district: "regionPicker.district",
  search: "regionPicker.search",
} as const;

async function fetchDivisions(params: string): Promise<DivisionOption[]> {
  const res = await fetch(`/api/regions?${params}`);
  if (!res.ok) return [];
  return ((await res.json()) as { divisions: DivisionOption[] }).divisions;
}

/** One level of the picker (province, city, district): a select whose first option is "pick" or "the whole". */
function LevelSelect({
  level,
  label,
  value,
  first,
  options,
  disabled,
  onChange,
}: {
  level: "province" | "city" | "district";
  label: string;
  value: string;
  first: string;
  options: { code: string; name: string }[];
  disabled?: boolean;
  onChange: (code: string) => void;
}) {
  return (
    <div>
      <label htmlFor={`region-${level}`}>{label}</label>
      <select
        id={`region-${level}`}
        name={PICKER_FIELDS[level]}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.currentTarget.value)}
      >
        <option value="">{first}</option>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function RegionPicker({
  lng,
  provinces,
  initial,
  onAdd,
}: {
  lng: Lng;
  provinces: DivisionOption[];
  initial?: RegionPickerState;
  onAdd: (path: string) => void;
}) {
  const t = (key: Parameters<typeof ui>[1]) => ui(lng, key);
  // false in the server's HTML and until hydration: the no-JavaScript buttons show only then.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [province, setProvince] = useState(initial?.province ?? "");
  const [city, setCity] = useState(initial?.city ?? "");
  const [district, setDistrict] = useState(initial?.district ?? "");
  const [cities, setCities] = useState<DivisionOption[]>(initial?.cities ?? []);
  const [districts, setDistricts] = useState<DivisionOption[]>(initial?.districts ?? []);
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<DivisionOption[]>([]);
  const latest = useRef("");

  const chooseProvince = async (code: string) => {
    setProvince(code);
    setCity("");
    setDistrict("");
    setDistricts([]);
    setCities(code ? await fetchDivisions(`parent=${code}`) : []);
  };
  const chooseCity = async (code: string) => {
    setCity(code);
    setDistrict("");
    setDistricts(code ? await fetchDivisions(`parent=${code}`) : []);
  };
  const search = async (q: string) => {
    setQuery(q);
    latest.current = q;
    const list = q.trim() ? await fetchDivisions(`q=${encodeURIComponent(q)}`) : [];
    if (latest.current === q) setFound(list);
  };
  const add = () => {
    const picked = query.trim()
      ? (found.find((d) => d.path === query.trim() || d.name === query.trim())?.path ?? query.trim())
      : [districts.find((d) => d.code === district), cities.find((c) => c.code === city), provinces.find((p) => p.code === province)].find(
          Boolean,
        )?.path;
    if (!picked) return;
    onAdd(picked);
    setQuery("");
    setFound([]);
  };

  return (
    <fieldset className="field region-picker">
      <legend className="label">{t("region.picker")}</legend>
      <div className="row">
        <LevelSelect
          level="province"
          label={t("region.province")}
          value={province}
          first={t("region.pick")}
          options={provinces}
          onChange={(v) => void chooseProvince(v)}
        />
        <LevelSelect
          level="city"
          label={t("region.city")}
          value={city}
          first={t("region.whole")}
          options={cities}
          disabled={cities.length === 0}
          onChange={(v) => void chooseCity(v)}
        />
        <LevelSelect
          level="district"
          label={t("region.district")}
          value={district}
          first={t("region.whole")}
          options={districts}
          disabled={districts.length === 0}
          onChange={setDistrict}
        />
        <div>
          <label htmlFor="region-search">{t("region.search")}</label>
          <input
            id="region-search"
            name={PICKER_FIELDS.search}
            type="search"
            list="region-found"
            autoComplete="off"
            maxLength={40}
            value={query}
            onChange={(e) => void search(e.currentTarget.value)}
          />
          <datalist id="region-found">
            {found.map((d) => (
              <option key={d.code} value={d.path} />
            ))}
          </datalist>
        </div>
      </div>
      <div className="picker-actions">
        {hydrated ? null : (
          <button type="submit" name={REGION_INTENT} value="narrow" formNoValidate className="secondary">
            {t("region.narrow")}
          </button>
        )}
        <button
          type="submit"
          name={REGION_INTENT}
          value="add"
          formNoValidate
          className="secondary"
          onClick={(e) => {
            if (!hydrated) return;
            e.preventDefault();
            add();
          }}
        >
          {t("region.add")}
        </button>
      </div>
    </fieldset>
  );
}

/** The regions text with one more entry (not repeated), separated as the person would: 、 or , */
export function appendRegion(text: string, path: string, lng: Lng): string {
  const parts = text
    .split(/[,，、;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.includes(path)) return parts.join(punctuationMessages.t(lng, "list"));
  return [...parts, path].join(punctuationMessages.t(lng, "list"));
}
