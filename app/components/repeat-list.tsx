import type { Lng } from "~/i18n/lng";
import { staffText } from "~/i18n/staff-messages";

import { Time } from "./admin";

/** A repeat attached to the lead (app/matches/repeat.server.ts `repeatsOf`), as the staff pages show it. */
export type RepeatItem = { reference: string; createdAt: string; notes: string };

/**
 * The likely repeats attached to this lead (ADR 108), for the recruiter's and the hotline's lead pages:
 * each one's reference and time, and its notes when the person wrote any — nothing they sent is hidden.
 * Renders nothing when there are none. A `<div>` of the page's fact list (`dl`).
 */
export function RepeatList({ lng, repeats }: { lng: Lng; repeats: readonly RepeatItem[] }) {
  if (repeats.length === 0) return null;
  return (
    <div data-testid="repeats">
      <dt>{staffText(lng, "a.repeats")}</dt>
      <dd>
        <ul className="repeats">
          {repeats.map((r) => (
            <li key={r.reference}>
              {staffText(lng, "a.repeatItem", { reference: r.reference })} · <Time iso={r.createdAt} />
              {r.notes ? <div className="lines">{staffText(lng, "a.repeatNotes", { notes: r.notes })}</div> : null}
            </li>
          ))}
        </ul>
      </dd>
    </div>
  );
}
