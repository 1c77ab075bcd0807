import { Link } from "@remix-run/react";

import { lngHref } from "~/i18n/i18n";
import type { Lng } from "~/i18n/lng";
import { ui } from "~/i18n/ui-messages";
import { REGION_INTENT, SWITCH_INTENT } from "~/leads/region-picker";

/**
 * The enterprise's pages' header (the form and the confirmation after it): the name, and a link to the
 * same page in the other language, so a person who landed on one language can switch on any page.
 * On the inquiry form (`form`: the form's id, `action`: its path) the switch is a submit button of that
 * form instead: it posts what was typed to the form's address in the other language, which answers with
 * the form filled in (nothing stored, nothing checked; ADR 149) — with or without JavaScript.
 */
export function PublicHeader({ lng, path, form }: { lng: Lng; path: string; form?: { id: string; action: string } }) {
  const other: Lng = lng === "en" ? "zh" : "en";
  return (
    <header className="top">
      <strong>{ui(lng, "app.name")}</strong>
      {form ? (
        <button
          type="submit"
          className="lang-switch"
          form={form.id}
          formAction={lngHref(form.action, other)}
          formNoValidate
          name={REGION_INTENT}
          value={SWITCH_INTENT}
          lang={other === "en" ? "en" : "zh-CN"}
          data-lang-switch=""
        >
          {ui(lng, "lang.switch")}
        </button>
      ) : (
        <Link to={lngHref(path, other)} lang={other === "en" ? "en" : "zh-CN"}>
          {ui(lng, "lang.switch")}
        </Link>
      )}
    </header>
  );
}
