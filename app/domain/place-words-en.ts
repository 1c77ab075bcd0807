// The English words the place readers share (ADR 154): ONE list of each, used by the server's readers (need-places-en.ts,
// note-regions.ts) and by the form's live preview (app/leads/assist-preview.ts). Browser-safe: words only, no division data.
// Each is a regular expression's alternatives (no anchors, no flags): the readers put them in their own patterns.

/**
 * Words that take back the place said before and name the one after ("Jiangning, sorry, Pukou", "Jiangning — I mean Pukou",
 * "Jiangning, no wait, Pukou", "Jiangning, or rather Pukou"; ADR 145 12-05h H8, ADR 154). Longest first.
 */
export const CORRECTION_WORDS_EN = String.raw`no\s+wait|wait\s+no|i\s+meant|i\s+mean|or\s+rather|sorry|oops|correction|wait|rather`;

/**
 * Words before a place that rule it out ("not Pukou", "except Gaochun", "avoid Liuhe", "anywhere but Liuhe"; ADR 110, 129, 145).
 * The server's PLACE_NEGATED_BEFORE holds them (note-regions.ts); the preview shows no place after them as wanted.
 */
export const REFUSAL_BEFORE_EN =
  String.raw`not\s+in|not|except|excluding|avoid|never|rather\s+not(?:\s+in)?|any(?:thing|where|place)(?:\s+else)?\s+but|` +
  String.raw`(?:every|any)where\s+(?:else\s+)?(?:except|other\s+than|apart\s+from)|other\s+than|apart\s+from|but\s+not|no`;

/** A refusal right before an English place, a place word between ("not in Liuhe", "except Gaochun", "avoid near Pukou"). */
export const REFUSED_BEFORE_EN = new RegExp(String.raw`\b(?:${REFUSAL_BEFORE_EN})\s+(?:(?:in|near|around|at)\s+)?$`, "iu");

/** A correction right after a name, a comma, a bracket or a dash between ("Jiangning, sorry", "Jiangning (I mean"): the name is taken back. */
// Not "rather than" (a preference: "Jiangning rather than Pukou" wants Jiangning).
export const TAKEN_BACK_EN = new RegExp(String.raw`^\s*(?:[,，;；(（]|[-–—]+)?\s*(?:${CORRECTION_WORDS_EN})\b(?!\s+than\b)`, "iu");
