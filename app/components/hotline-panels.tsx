import { Link } from "@remix-run/react";

import { areaSaidInMu, needAreaShort } from "~/domain/area";
import type { CallerLead } from "~/hotline/caller-search.server";
import { hotlineText } from "~/i18n/hotline-messages";
import { pick } from "~/i18n/i18n";
import type { Lng } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { staffText } from "~/i18n/staff-messages";
import { ui } from "~/i18n/ui-messages";
import type { PlaceChoice } from "~/leads/assist-preview";
import type { RegionFix } from "~/leads/region-picker";

import { RegionFixes } from "./region-picker";

// The two live panels of the hotline desk: "is this caller known?" and "which spaces fit?" (preview).
// Cards, not tables: they must read on a 390 px phone.

/** A lead the caller may be (the lookup's answer, app/hotline/caller-search.server.ts, holds the one shape). */
export type KnownLeadCard = CallerLead;

export type MatchCard = {
  spaceId: string;
  parkName: string;
  district: string;
  title: string;
  areaSqm: number;
  score: number;
  conditional: boolean;
  reasons: { zh: string; en: string; kind: string }[];
};

const KINDS = ["factory", "land", "office", "warehouse"] as const;
const kindLabel = (lng: Lng, kind: string | null) =>
  kind && (KINDS as readonly string[]).includes(kind) ? ui(lng, `need.kind.${kind as (typeof KINDS)[number]}`) : "";

/** A panel's lookup refused (app/http/fetcher-access.server.ts): said in the panel, the form stays as typed. */
type Refused = "signedOut" | "stale" | "forbidden";

function RefusedNotice({ lng, state }: { lng: Lng; state: Refused }) {
  return (
    <p className="error-text session-notice" role="alert">
      {staffText(lng, state === "stale" ? "session.fetchStale" : state === "signedOut" ? "session.signedOut" : "forbidden.body")}
    </p>
  );
}

const isRefused = (state: string): state is Refused => state === "signedOut" || state === "stale" || state === "forbidden";

/**
 * A panel's lookup refused by the web layer (LookupRefused, app/components/desk-lookup.ts: a 400, 413, 429 or
 * 503 in the API's error shape): the refusal's own words, that the typing is kept, and when it is tried again.
 */
export type PanelRefusal = { message: string; retryAfterSec?: number };

function RefusalNotice({ lng, refusal }: { lng: Lng; refusal: PanelRefusal }) {
  const h = (key: Parameters<typeof hotlineText>[1], p?: Record<string, string | number>) => hotlineText(lng, key, p);
  return (
    <div className="error-text lookup-refused" role="alert">
      <p>{refusal.message}</p>
      <p>
        {h("lookup.refusedKept")}
        {refusal.retryAfterSec !== undefined ? ` ${h("lookup.retryIn", { seconds: refusal.retryAfterSec })}` : ""}
      </p>
    </div>
  );
}

/**
 * `state`: nothing typed yet, a list (maybe empty), the lookup failed, or it was refused (signed out, a
 * stale page). `more`: leads that match too but are not listed (the agent is asked to type more).
 */
export function KnownCallers({
  lng,
  state,
  leads,
  more = 0,
  partial = false,
  refusal,
  statusLabel,
  leadHref,
}: {
  lng: Lng;
  state: "typing" | "done" | "unavailable" | "refused" | Refused;
  leads: KnownLeadCard[];
  more?: number;
  /** Only the whole number and credit code were looked up (the search index is down): said, never "new caller". */
  partial?: boolean;
  /** With state "refused": the refusal's words. */
  refusal?: PanelRefusal;
  statusLabel: (status: string) => string;
  leadHref: (leadId: string) => string;
}) {
  const h = (key: Parameters<typeof hotlineText>[1], p?: Record<string, string | number>) => hotlineText(lng, key, p);
  return (
    <section aria-labelledby="known-h" className="desk-panel" id="known">
      <h2 id="known-h">{h("known.title")}</h2>
      <div aria-live="polite">
        {isRefused(state) ? (
          <RefusedNotice lng={lng} state={state} />
        ) : state === "refused" && refusal ? (
          <RefusalNotice lng={lng} refusal={refusal} />
        ) : state === "typing" || state === "refused" ? (
          <p className="hint">{h("known.typing")}</p>
        ) : state === "unavailable" ? (
          <p className="error-text">{h("known.unavailable")}</p>
        ) : leads.length === 0 ? (
          partial ? (
            <p className="error-text">{h("known.partialNone")}</p>
          ) : (
            <p>{h("known.none")}</p>
          )
        ) : (
          <>
            {/* "Record it on the existing lead" only where a whole number or credit code is the same: a number's
                start or a common company word is a candidate to check, not the caller. */}
            <p className="known-found">
              {h(leads.some((l) => l.matchedBy.includes("phone") || l.matchedBy.includes("creditCode")) ? "known.found" : "known.maybe", {
                total: leads.length,
              })}
            </p>
            {more > 0 ? <p className="hint known-more">{h("known.more", { more })}</p> : null}
            {partial ? <p className="error-text">{h("known.partial")}</p> : null}
          </>
        )}
      </div>
      {state === "done" && leads.length > 0 ? (
        <ol className="cards">
          {leads.map((l, i) => (
            <li key={l.leadId} className="card" data-lead={l.reference}>
              <p className="card-title">
                <strong>{l.company}</strong> <span className="ref">{l.reference}</span>
              </p>
              <p>
                {l.contactName} · {l.phoneMasked} · {statusLabel(l.status)}
              </p>
              {/* A repeat attached to the lead being worked: its page opens that lead (docs/decisions/116). */}
              {l.duplicateOf ? <p className="hint">{h("known.duplicateOf", { reference: l.duplicateOf.reference })}</p> : null}
              <p>
                {[
                  kindLabel(lng, l.needKind),
                  needAreaShort(l.areaMinSqm, l.areaMaxSqm, areaSaidInMu({ kind: l.needKind, areaUnit: l.areaUnit }), lng),
                ]
                  .filter(Boolean)
                  .join(" ")}{" "}
                ·{" "}
                {l.recruiters.length
                  ? h("known.recruiters", { names: l.recruiters.join(punctuationMessages.t(lng, "list")) })
                  : h("known.noRecruiter")}
              </p>
              <p className="tags">
                {l.matchedBy.map((b) => (
                  <span key={b} className="tag">
                    {h(`known.by.${b}`)}
                  </span>
                ))}
              </p>
              {/* A merged repeat's call goes to the lead it was merged into: the button names that lead and opens it (trial 12-05). */}
              <Link className="button known-open" to={leadHref((l.duplicateOf ?? l).leadId)} data-known-index={i + 1}>
                <span className="nowrap">{h("known.open")}</span> <span className="nowrap">{(l.duplicateOf ?? l).reference}</span>
                {i < 9 ? <kbd className="key-hint">Alt+{i + 1}</kbd> : null}
              </Link>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

/** How many known callers the short list under the box being typed shows (the panel lists them all). */
const INLINE_MAX = 3;

/**
 * The known callers, short, right under the caller's box being typed — on a narrow screen, where the
 * panel (KnownCallers) sits below all the caller's boxes and out of sight while a box higher up is typed
 * in (hotline.css hides this on a desk width, where the panel stands beside the form). Company, reference,
 * contact and the masked number, each a tap on the lead. Hidden from assistive technology and out of the
 * tab order: the panel, a live region, says and offers the same (Alt+1…9 open its leads).
 */
export function KnownInline({ lng, leads, leadHref }: { lng: Lng; leads: KnownLeadCard[]; leadHref: (leadId: string) => string }) {
  if (leads.length === 0) return null;
  const h = (key: Parameters<typeof hotlineText>[1], p?: Record<string, string | number>) => hotlineText(lng, key, p);
  const sure = leads.some((l) => l.matchedBy.includes("phone") || l.matchedBy.includes("creditCode"));
  return (
    <div className="known-inline" aria-hidden="true" data-testid="known-inline">
      <p className="known-found">{h(sure ? "known.found" : "known.maybe", { total: leads.length })}</p>
      <ul>
        {leads.slice(0, INLINE_MAX).map((l) => (
          <li key={l.leadId}>
            <Link to={leadHref(l.leadId)} tabIndex={-1}>
              {l.company} <span className="nowrap">{l.reference}</span>
            </Link>{" "}
            {l.contactName} · {l.phoneMasked}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A space the need just fails (the dry run's near misses): every shortfall, both figures (why-not.ts). */
export type NearMissCard = {
  spaceId: string;
  parkName: string;
  district: string;
  title: string;
  areaSqm: number;
  reasons: { zh: string; en: string; kind: string }[];
};

/**
 * `state`: no kind chosen yet, a list (maybe empty), need errors to fix first, or the preview failed.
 * `nearMisses`: the spaces the need just fails, listed apart from the matches, under their own heading,
 * with or without matches. `regionProblems`: typed regions that did not resolve, with the resolver's
 * suggestions (said at once), each also a button that puts it in the regions box (`regionFixes`). `areaChecks`: what the save will flag on the wanted area (a size unlikely for
 * the kind, the notes saying another area), to ask the caller while they are on the line.
 */
export function MatchPreview({
  lng,
  state,
  matches,
  nearMisses = [],
  regionProblems = [],
  regionFixes,
  form,
  onRegionFix,
  placeChoices = [],
  areaChecks = [],
  notRead = [],
  refusal,
}: {
  lng: Lng;
  state: "hint" | "done" | "fix" | "unavailable" | "refused" | Refused;
  matches: MatchCard[];
  nearMisses?: NearMissCard[];
  regionProblems?: string[];
  /** The regions box with a refused name replaced by a suggestion: buttons of the lead form `form` (ADR 140). */
  regionFixes?: RegionFix[];
  form?: string;
  /** With JavaScript: the suggestion taken into the regions box (no submit). */
  onRegionFix?: (value: string) => void;
  /** The notes' places several places share, asked with a button per place (buttons of `form`, as `regionFixes`; ADR 154, 161). */
  placeChoices?: PlaceChoice[];
  areaChecks?: string[];
  /** The notes' clauses no reader takes (desk.server.ts notesNotReadNow: the confirmation page's list; docs/decisions/168). */
  notRead?: string[];
  /** With state "refused": the refusal's words. */
  refusal?: PanelRefusal;
}) {
  const h = (key: Parameters<typeof hotlineText>[1], p?: Record<string, string | number>) => hotlineText(lng, key, p);
  return (
    <section aria-labelledby="matches-h" className="desk-panel" id="matches">
      <h2 id="matches-h">{h("matches.title")}</h2>
      <div aria-live="polite">
        {isRefused(state) ? (
          <RefusedNotice lng={lng} state={state} />
        ) : state === "refused" && refusal ? (
          <RefusalNotice lng={lng} refusal={refusal} />
        ) : state === "hint" || state === "refused" ? (
          <p className="hint">{h("matches.hint")}</p>
        ) : state === "fix" ? (
          <p className="error-text">{h("matches.fix")}</p>
        ) : state === "unavailable" ? (
          <p className="error-text">{h("matches.unavailable")}</p>
        ) : matches.length === 0 ? (
          <p>{h(nearMisses.length > 0 ? "matches.noneButNear" : "matches.none")}</p>
        ) : null}
        {regionProblems.length > 0 ? (
          <ul className="errors" data-testid="region-problems">
            {regionProblems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : null}
        {regionProblems.length > 0 ? <RegionFixes lng={lng} fixes={regionFixes} form={form} onPick={onRegionFix} /> : null}
        {placeChoices.map((c) => (
          <div key={c.name} data-testid="place-choices">
            <p className="understood">{c.question}</p>
            <RegionFixes lng={lng} fixes={c.options} form={form} onPick={onRegionFix} group={c.group} />
          </div>
        ))}
        {areaChecks.length > 0 ? (
          <div className="area-checks" data-testid="area-checks">
            <p>{h("matches.areaCheck")}</p>
            <ul className="errors">
              {areaChecks.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {notRead.length > 0 ? (
          <div className="not-read" data-testid="not-read">
            <p>{h("matches.notRead")}</p>
            <ul>
              {notRead.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      {state === "done" && matches.length > 0 ? (
        <ol className="cards">
          {matches.map((m) => (
            <li key={m.spaceId} className="card" data-space={m.spaceId}>
              <p className="card-title">
                <strong>{m.title}</strong> · {m.parkName}（{m.district}）
              </p>
              <p>
                {h("matches.area", { area: Math.round(m.areaSqm) })} · {h("matches.score", { score: m.score })}
                {m.conditional ? ` · ${h("matches.conditional")}` : ""}
              </p>
              <ul className="reasons">
                {m.reasons.slice(0, 4).map((r) => (
                  <li key={r.zh} className={`reason-${r.kind}`}>
                    {pick(lng, r)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      ) : null}
      {state === "done" && nearMisses.length > 0 ? (
        <section aria-labelledby="near-h" className="near-misses" data-testid="near-misses">
          <h3 id="near-h">{h("matches.near")}</h3>
          <p className="hint">{h("matches.nearHint")}</p>
          <ol className="cards">
            {nearMisses.map((m) => (
              <li key={m.spaceId} className="card near" data-near-space={m.spaceId}>
                <p className="card-title">
                  <strong>{m.title}</strong> · {m.parkName}（{m.district}）
                </p>
                <p>{h("matches.area", { area: Math.round(m.areaSqm) })}</p>
                <ul className="reasons">
                  {m.reasons.map((r) => (
                    <li key={r.zh} className="reason-warn">
                      {pick(lng, r)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </section>
  );
}
