import { Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";

import { StaleBanner } from "~/components/error-pages";
import { lngHref } from "~/i18n/i18n";
import type { Lng } from "~/i18n/lng";
import { staffText } from "~/i18n/staff-messages";

// The frame of the staff desks: plain links and forms, so everything works without JavaScript.

export function StaffPage({
  lng,
  signedIn,
  csrf,
  home = "queue",
  children,
}: {
  lng: Lng;
  signedIn: boolean;
  csrf?: string;
  home?: "queue" | "hotline";
  children: ReactNode;
}) {
  return (
    <>
      <StaffHeader lng={lng} signedIn={signedIn} csrf={csrf} home={home} />
      <main className="admin">
        <StaleBanner lng={lng} />
        {children}
      </main>
    </>
  );
}

/**
 * The desks' header: the name, the person's desk (the queue or the call tasks) when signed in, the same
 * page in the other language, and sign-out. The desks' pages and their 404 (routes/$.tsx) show it.
 */
export function StaffHeader({
  lng,
  signedIn,
  csrf,
  home = "queue",
}: {
  lng: Lng;
  signedIn: boolean;
  csrf?: string;
  home?: "queue" | "hotline";
}) {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  if (lng === "en") params.delete("lng");
  else params.set("lng", "en");
  const other = `${location.pathname}${params.toString() ? `?${params}` : ""}`;
  return (
    <header className="top admin-top">
      <strong>{staffText(lng, "app.name")}</strong>
      {signedIn ? (
        <nav aria-label={staffText(lng, home === "hotline" ? "nav.hotline" : "nav.queue")} className="admin-nav">
          <Link to={lngHref(`/${home}`, lng)}>{staffText(lng, home === "hotline" ? "nav.hotline" : "nav.queue")}</Link>
        </nav>
      ) : null}
      <span className="admin-tools">
        <Link to={other} lang={lng === "en" ? "zh-CN" : "en"}>
          {staffText(lng, "lang.switch")}
        </Link>
        {signedIn ? (
          <form method="post" action={lngHref("/logout", lng)} className="inline">
            <input type="hidden" name="csrf" value={csrf} />
            <button type="submit" className="link">
              {staffText(lng, "nav.logout")}
            </button>
          </form>
        ) : null}
      </span>
    </header>
  );
}
