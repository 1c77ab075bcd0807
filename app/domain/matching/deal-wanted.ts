import { type RefusedDeal, refusedDeals } from "~/domain/deal-refusal";
import { leadFlags } from "~/domain/lead-flags";

import type { MatchNeed } from "./types";

const memo = new WeakMap<object, { deal: RefusedDeal; text: string } | null>();

/**
 * The deal the enterprise refused, from its `dealRefused` flags (docs/decisions/162): the deal read again from the words
 * as typed ("只租不买" → buy), with those words; null when none, or when the flags refuse both deals (none is left to
 * honour: the recruiter reads them).
 */
export function refusedDealOf(n: MatchNeed): { deal: RefusedDeal; text: string } | null {
  if (memo.has(n)) return memo.get(n)!;
  const deals = leadFlags(n)
    .filter((f) => f.code === "dealRefused")
    .flatMap((f) => refusedDeals(f.text).map((r) => ({ deal: r.deal, text: f.text })));
  const one = deals.length > 0 && deals.every((d) => d.deal === deals[0].deal) ? deals[0] : null;
  memo.set(n, one);
  return one;
}

/**
 * The deal matching holds the lead to: its need.deal, but "either" less a deal the enterprise refused ("租买均可" in the
 * box, "只租不买" in the notes: lease). A box that names the refused deal is kept (the box wins; the schema flags the doubt).
 */
export function dealWanted(n: MatchNeed): MatchNeed["need"]["deal"] {
  const refused = refusedDealOf(n);
  return n.need.deal === "either" && refused ? (refused.deal === "buy" ? "lease" : "buy") : n.need.deal;
}
