import { Link } from "@remix-run/react";

import { lngHref } from "~/i18n/i18n";
import type { Lng } from "~/i18n/lng";
import { ui } from "~/i18n/ui-messages";

/**
 * The enterprise's pages' header (the form and the confirmation after it): the name, and a link to the
 * same page in the other language, so a person who landed on one language can switch on any page.
 */
export function PublicHeader({ lng, path }: { lng: Lng; path: string }) {
  return (
    <header className="top">
      <strong>{ui(lng, "app.name")}</strong>
      <Link to={lngHref(path, lng === "en" ? "zh" : "en")} lang={lng === "en" ? "zh-CN" : "en"}>
        {ui(lng, "lang.switch")}
      </Link>
    </header>
  );
}
