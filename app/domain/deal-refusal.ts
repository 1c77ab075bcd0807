import type { LeadFlag } from "./lead-flags";
import { BUY_WORDS, DEAL_NEGATION, EITHER_WORDS, LEASE_WORDS } from "./need-text";

/** A deal the enterprise would not take (docs/decisions/162). */
export type RefusedDeal = "lease" | "buy";

/**
 * The deal words (need-text.ts: LEASE_WORDS, BUY_WORDS), the negation right before one (DEAL_NEGATION: 不买, 不考虑购买,
 * no buying) and these: a refusal after the word ("购买不考虑", "租的不要", "buying is not an option"), "only" before or
 * after the other deal ("只租", "只要租的", "仅限租赁", "lease only", "only to rent"), an English refusal of the act
 * ("don't want to buy", "won't purchase"). A negation followed by "也行/也可以" is no refusal ("不买也行": not buying is
 * fine too), nor is a deal word inside an "either" phrase ("买不买都行", "租售均可").
 */
const AFTER_REFUSAL =
  /^\s*(?:的|的话)?\s*(?:(?:就|也|都|暂时?|先)?\s*(?:不考虑|不要|不行|不接受|不予考虑|免谈|算了|不做|不谈)|\s*(?:is|are)?\s*(?:not\s+(?:an?\s+option|considered|wanted|possible)|out\s+of\s+the\s+question|ruled\s+out)\b)/i;
/** "不买也行", "不租也可以", "no buying is fine too": a deal that is not needed, not refused. */
const NOT_REFUSED_AFTER = /^\s*(?:也|都)\s*(?:行|可以|没关系|没问题|ok)|^\s*(?:is\s+)?(?:fine|ok(?:ay)?)\s+too\b/i;
/** "只/仅/only" before a deal word ("只租", "只要租的", "仅考虑租赁", "只能买", "only to rent"): the other deal is refused. */
const ONLY_BEFORE = /(?:只|仅|就只|只是)(?:要|想|能|考虑|接受|做|限)?\s*$|(?:仅限|只限)\s*$|\bonly\s+(?:to\s+|for\s+)?$/i;
/** "lease only", "rent only", "buy only", "租赁为主" is not: only the English "only" after the word. */
const ONLY_AFTER = /^\s*(?:only\b|\s*即可|就行|就可以)/i;
/** English refusals of the act: "don't want to buy", "won't purchase", "not looking to buy", "no intention to buy". */
const EN_REFUSAL_BEFORE =
  /\b(?:don'?t|do\s+not|won'?t|will\s+not|cannot|can'?t|not\s+(?:looking|planning|going|willing)|no\s+(?:intention|plan|plans))\s+(?:want\s+|plan\s+|intend\s+|need\s+)?(?:to\s+)?$/i;

/** "不想再租", "不会再租": a negation with 再 between it and the word. */
const AGAIN_NEGATION = /(?:不|不想|不要|不打算|不会|不考虑)再\s*$/;
/** 租 of the rent, the term, the tenant ("租金不要太贵", "不要租期太短的"): no deal word. */
const LEASE_COMPOUND = /^(?:赁)?(?:金|期|价|费|约|户|客)/;

type Mention = { deal: RefusedDeal; at: number; end: number };

/** The deal words case-blind ("Rent only", "Buying is not an option"): need-text.ts's lists, read here in any case. */
const DEAL_WORDS = [
  ["lease", new RegExp(LEASE_WORDS.source, "gi")],
  ["buy", new RegExp(BUY_WORDS.source, "gi")],
] as const;
const EITHER = new RegExp(EITHER_WORDS.source, "gi");
/** The premises the enterprise has now ("现在的厂房是租的", "currently renting"): a deal word there is no wish. */
const PRESENT_BEFORE = /(?:现在|目前|现有|原来|原先|之前|以前|当前|现厂房|\bcurrently\b|\bat\s+present\b|\bnow\b)/i;

function mentionsOf(s: string): Mention[] {
  const either = [...s.matchAll(EITHER)].map((m) => [m.index, m.index + m[0].length] as const);
  const inEither = (a: number, b: number) => either.some(([x, y]) => a < y && x < b);
  const out: Mention[] = [];
  for (const [deal, re] of DEAL_WORDS)
    for (const m of s.matchAll(re)) {
      const end = m.index + m[0].length;
      if (inEither(m.index, end) || (deal === "lease" && LEASE_COMPOUND.test(s.slice(end)))) continue;
      out.push({ deal, at: m.index, end });
    }
  return out.sort((a, b) => a.at - b.at);
}

const CLAUSE_MARK = /[，。；;,!?！？\n]/;
const SENTENCE_MARK = /[。；;!?！？\n]/;
const other = (d: RefusedDeal): RefusedDeal => (d === "lease" ? "buy" : "lease");

/** What one mention says: a deal refused (`refuses`), a deal wanted plainly (`wants`), or nothing (`{}`). */
function stanceOf(s: string, m: Mention): { refuses?: RefusedDeal; wants?: RefusedDeal } {
  const before = s.slice(Math.max(0, m.at - 8), m.at);
  const after = s.slice(m.end, m.end + 24);
  if (NOT_REFUSED_AFTER.test(after)) return {};
  const negated =
    DEAL_NEGATION.test(s.slice(Math.max(0, m.at - 6), m.at)) ||
    AGAIN_NEGATION.test(before) ||
    EN_REFUSAL_BEFORE.test(s.slice(Math.max(0, m.at - 32), m.at)) ||
    AFTER_REFUSAL.test(after);
  if (negated) return { refuses: m.deal };
  if (ONLY_BEFORE.test(before) || ONLY_AFTER.test(after)) return { refuses: other(m.deal) };
  let a = m.at;
  while (a > 0 && !CLAUSE_MARK.test(s[a - 1])) a--;
  return PRESENT_BEFORE.test(s.slice(a, m.at)) ? {} : { wants: m.deal };
}

/**
 * The deals the notes refuse, each with the words that say so, as typed: "只租不买" → buy ("只租不买"); "不考虑购买，
 * 厂房5000平" → buy ("不考虑购买"); "lease only, not buying" → buy ("lease only, not buying"); "只买不租" → lease.
 * A deal both refused and asked for plainly ("不买…也可以买") is no refusal; both deals refused says nothing (no deal
 * is left: the recruiter reads the notes). A deal word about the premises had ("现在的厂房是租的") is neither.
 * Pure; `notes` any text (empty: none).
 */
export function refusedDeals(notes: string | undefined): { deal: RefusedDeal; text: string }[] {
  const s = notes ?? "";
  if (s.trim() === "") return [];
  const refusals = new Map<RefusedDeal, { at: number; end: number }[]>();
  const wanted = new Set<RefusedDeal>();
  for (const m of mentionsOf(s)) {
    const { refuses, wants } = stanceOf(s, m);
    if (refuses) refusals.set(refuses, [...(refusals.get(refuses) ?? []), { at: m.at, end: m.end }]);
    if (wants) wanted.add(wants);
  }
  const out: { deal: RefusedDeal; text: string }[] = [];
  for (const [deal, spans] of refusals) {
    // Refused and refused only: the other deal refused too, or this one asked for plainly elsewhere, is no refusal to honour.
    if (refusals.has(other(deal)) || wanted.has(deal)) continue;
    out.push({ deal, text: clauseText(s, spans) });
  }
  return out;
}

/** The clauses the refusal's words are in, as typed: from the first one's start to the last one's end, within one sentence. */
function clauseText(s: string, spans: { at: number; end: number }[]): string {
  const first = spans[0];
  let a = first.at;
  while (a > 0 && !CLAUSE_MARK.test(s[a - 1])) a--;
  let sentenceEnd = first.end;
  while (sentenceEnd < s.length && !SENTENCE_MARK.test(s[sentenceEnd])) sentenceEnd++;
  const last = [...spans].reverse().find((r) => r.end <= sentenceEnd) ?? first;
  let b = last.end;
  while (b < s.length && !CLAUSE_MARK.test(s[b])) b++;
  return s.slice(a, b).trim();
}

/**
 * The `dealRefused` flags (field need.deal) of a lead's notes: one per refused deal, its text the words as typed. The
 * matcher reads the refused deal back from that text (refusals.ts), so the flag needs no field of its own.
 */
export function dealRefusalFlags(notes: string | undefined): LeadFlag[] {
  return refusedDeals(notes).map(({ text }) => ({ field: "need.deal", code: "dealRefused" as const, text }));
}
