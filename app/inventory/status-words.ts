import { fold } from "~/domain/fold-text";
import type { Bilingual } from "~/i18n/i18n";

// A space's 状态 as Chinese park staff write it (docs/decisions/169): beside the column's own names (可租售,
// 已预留, 已租售) and their older spellings, words that say the status AND the deal — 可租 (available, for
// lease), 可售 (available, for sale), 可租可售, 待租, 在售, 已租 (let), 已售 (sold). The deal such a word says is
// the row's deal when its 交易方式 cell is blank, and must be among the deals that cell gives when it is not
// (inventory-columns.ts readTextRow). 在租 is refused: it is said both of a space on offer for lease and of one
// let to a tenant.

export type Deal = "lease" | "buy";
export type SpaceStatus = "available" | "reserved" | "let";
/** A status word that also names deals: the status stored, the deals it says, and what it says in words. */
export type StatusDealWord = { status: SpaceStatus; deals: Deal[]; says: Bilingual };

const LEASE_OFFERED = ["可租", "可出租", "待租", "待出租", "招租", "招租中"];
const SALE_OFFERED = ["可售", "可出售", "待售", "待出售", "在售", "可卖"];
const LEASED = ["已租", "已出租", "已租出"];
const SOLD = ["已售", "已出售", "已售出", "已卖", "已卖出"];
/** Between a lease word and a sale word: 可租、可售 / 可租/可售 / 可租或可售 / 可租可售. */
const JOINERS = /[、,，/;；\s]|或者|或|和|及|与/g;

/** What a word says, in a sentence (not a status's name: those are the column's labels, 可租售 / 已预留 / 已租售). */
const SAYS = {
  lease: { zh: "可以出租", en: "for lease" },
  buy: { zh: "可以出售", en: "for sale" },
  both: { zh: "可以出租、也可以出售", en: "for lease and for sale" },
  let: { zh: "已经租出", en: "let" },
  sold: { zh: "已经售出", en: "sold" },
} satisfies Record<string, Bilingual>;

const WORDS = new Map<string, StatusDealWord>();
for (const w of LEASE_OFFERED) WORDS.set(w, { status: "available", deals: ["lease"], says: SAYS.lease });
for (const w of SALE_OFFERED) WORDS.set(w, { status: "available", deals: ["buy"], says: SAYS.buy });
for (const l of LEASE_OFFERED)
  for (const s of SALE_OFFERED) {
    const both: StatusDealWord = { status: "available", deals: ["lease", "buy"], says: SAYS.both };
    WORDS.set(`${l}${s}`, both);
    WORDS.set(`${s}${l}`, both);
  }
for (const w of LEASED) WORDS.set(w, { status: "let", deals: ["lease"], says: SAYS.let });
for (const w of SOLD) WORDS.set(w, { status: "let", deals: ["buy"], says: SAYS.sold });

/** The cell's words as the table holds them: folded (Traditional, full width), without spaces and joiners. */
const key = (typed: string) => fold(typed).trim().replace(JOINERS, "");

/**
 * A 状态 cell's text → the status and the deals its word says (可租 → available, ["lease"]; 可租、可售 →
 * available, ["lease", "buy"]; 已售 → let, ["buy"]), or null when it says no deal (可租售, 空置, 已预留 …:
 * the column's choices read those) or is no such word. Traditional characters and full-width text fold.
 */
export function statusDealWord(typed: string): StatusDealWord | null {
  return WORDS.get(key(typed)) ?? null;
}

/**
 * Whether the cell is 在租 (or 出租中): said of a space on offer for lease and of one let to a tenant alike, so
 * read as neither (docs/decisions/169) — the reader is asked to write 可租 or 已租.
 */
export function isAmbiguousStatus(typed: string): boolean {
  return /^(?:在租|出租中)$/.test(key(typed));
}

/** The deals a word says that `given` does not offer ([] when they agree). */
export function dealsNotGiven(word: StatusDealWord, given: readonly string[]): Deal[] {
  return word.deals.filter((d) => !given.includes(d));
}
