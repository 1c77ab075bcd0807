import { useEffect, useRef } from "react";

import { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS } from "~/domain/industries";
import { pick } from "~/i18n/i18n";
import { type Lng, LNGS } from "~/i18n/lng";
import { ui } from "~/i18n/ui-messages";
import { enhanceIndustrySearch } from "~/leads/industry-search-script";

import { type FieldMeta, SelectField } from "./forms";

/** The GB/T 4754 sections as the select's groups, each with its divisions ("C38 电气机械和器材制造业"); built once per language. */
const GROUPS = Object.fromEntries(
  LNGS.map((lng) => [
    lng,
    INDUSTRY_SECTIONS.map((section) => ({
      label: `${section.code} ${pick(lng, section)}`,
      options: INDUSTRY_DIVISIONS.filter((d) => d.section === section.code).map((d) => ({
        value: d.code,
        label: `${d.code} ${pick(lng, d)}`,
      })),
    })),
  ]),
) as Record<Lng, { label: string; options: { value: string; label: string }[] }[]>;

/**
 * The industry field of both lead forms (the public form and the hotline's): the 97 divisions in a
 * select, and under it a search by product or keyword (enhanceIndustrySearch), shown only where
 * JavaScript runs — the hydrated desk here, the public form by its own script.
 */
export function IndustrySelect({ meta, lng, required }: { meta: FieldMeta; lng: Lng; required?: boolean }) {
  const block = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (block.current) enhanceIndustrySearch(block.current);
  }, []);
  const t = (key: Parameters<typeof ui>[1]) => ui(lng, key);
  const boxId = `${meta.id}-search`;
  return (
    <>
      <SelectField meta={meta} label={t("use.industry")} required={required} placeholder={t("use.industryPick")} groups={GROUPS[lng]} />
      <div
        ref={block}
        className="field industry-search"
        data-industry-search=""
        data-for={meta.id}
        data-none={t("use.industrySearchNone")}
        data-pick={ui(lng, "use.industrySearchPick", { label: "{label}" })}
        hidden
      >
        <label htmlFor={boxId}>{t("use.industrySearch")}</label>
        <input
          id={boxId}
          data-not-sent=""
          type="search"
          autoComplete="off"
          enterKeyHint="search"
          placeholder={t("use.industrySearchExample")}
          maxLength={40}
        />
        <div data-industry-results="" aria-live="polite" className="chips" />
      </div>
    </>
  );
}
