import { NOTES_MAX } from "./field-limits";
import { AREA_UNITS_ZH, LIST_OK_ZH, type PlaceMention } from "./need-places";
import { CORRECTION_WORDS_EN, TAKEN_BACK_EN } from "./place-words-en";

// Places in English notes (trial 12-05, finding 1): "we want something in Jiangning or Pukou": English notes name places after a marker word as Chinese
// notes do after 在/去. Read here by their shape, without division data (this module runs in the browser):
// a name is Latin words after a marker — in, near, around, close to, located in, move to … — up to a word
// of another kind, and "X or Y", "X, Y and Z", "X/Y" after it are places too. A name whose words are
// capitalised ("Jiangning", "Nanjing Jiangning District", "Suzhou Industrial Park") is a place to read; one
// in lower case ("in jiangning or pukou") is only a candidate, kept on the server when the region resolver
// names it (note-regions.ts). Never a place: months and days, "China", the present location ("we are in
// Shanghai now", "our factory is in Wuxi").
// Read on the server (note-regions.ts), which decides which division a name is. The form's live preview (a chunk fetched
// once the page is up, ADR 128; never the first load, test/e2e/inquiry-form.test.ts FIRST_LOAD_KB) shows the capitalised
// ones as places to check (trial 12-05f).

/**
 * A marker word and the space after it; the name follows. A fallback ("then Pukou", "otherwise Pukou") and a choice's label
 * ("Preferred: Pukou", "Backup: Liuhe") mark one too (places34); note-regions.ts reads which comes first.
 */
const LATIN_MARKER = new RegExp(
  String.raw`\b(?:in|near|around|at|within|inside|close\s+to|next\s+to|located\s+in|based\s+in|somewhere\s+in|preferably\s+in|ideally\s+in|prefer(?:ably)?|(?:go|going|move|moving|relocate|relocating|expand|expanding)\s+to|either|only|not(?!\s+(?:wanted|ok|okay|acceptable)\s*[:：])|no|but|except|excluding|other\s+than|apart\s+from|avoid|never|want|like|consider|considering|target|targeting|choose|go\s+for|looking\s+at|interested\s+in|first(?:ly)?(?!\s+choice)|then|otherwise|alternatively|failing\s+that|or\s+else|if\s+not,?)\s+|\b(?:${CORRECTION_WORDS_EN})(?!\s+than\b)\s*(?:[,:：]|[-–—]+)?\s+|\b(?<label>(?:(?:preferred|target|desired|ideal|wanted)\s+)?(?:location|area|district|region|site|place)s?)\s*(?:[:：]|[-–—]+(?!>))\s*|\b(?:preferred|preference|(?:first|second|top)\s+choice|backup|fallback|alternative|plan\s+[ab]|(?:option|choice)\s*(?:[1-9]|[a-c]|one|two|three)|yes|ok|okay|no|not|exclude[ds]?|excluding|avoid|want|need|not\s+(?:wanted|ok|okay|acceptable)|unwanted|no-go|rejected)\s*[:：]\s*`,
  "giu",
);
/** The present location: these words right before the marker ("we are in", "currently in", "our plant is in"). */
const LATIN_PRESENT = new RegExp(
  String.raw`\b(?:we\s+are|we're|i\s+am|i'm|currently|presently|now|today|(?:our|the)\s+(?:company|factory|plant|office|headquarters|hq|site|business)\s+(?:is|are)(?:\s+(?:currently|now))?|located|based|headquartered|registered|from|` +
    // The premises they have now (attack 12-05h H7): "current factory in Jiangning", "our existing plant is located in Pukou".
    String.raw`(?:our\s+|the\s+)?(?:current|existing|present|old|own)\s+(?:company|factory|plant|office|site|premises|warehouse|facility|workshop|building)\s+(?:(?:is|are)\s+)?(?:(?:currently|now)\s+)?(?:located\s+|based\s+)?)\s*$`,
  "iu",
);
/** Before a label, the present location: "Company location:", "our current site:", "registered address:". */
const LATIN_PRESENT_LABEL =
  /\b(?:company|company's|factory|factory's|plant|office|our|current|currently|present|registered|head|hq|existing)\s*(?:current\s+|present\s+|own\s+)?$/iu;
/** Words that may be in a place's name in lower case: its kind ("district", "new area", "industrial park"). */
const LATIN_KIND_WORD =
  /^(?:district|county|city|province|prefecture|municipality|banner|league|region|autonomous|new|area|town|zone|park|development|economic|technological|technology|tech|high-tech|hi-tech|high|industrial|science|free|trade|bonded|pilot|export|processing|and|of)$/iu;
/** Capitalised words that are no place: months, days, seasons, the country, "I", pronouns and articles at a clause's start. */
const LATIN_NOT_A_PLACE = new Set(
  (
    "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec " +
    "monday tuesday wednesday thursday friday saturday sunday spring summer autumn fall winter q1 q2 q3 q4 h1 h2 cny " +
    "china prc chinese english asia i we our the a an it this that these those any some all " +
    // A choice's words, capitalised as labels are ("Plan A: Jiangning, Plan B: Pukou"; places34).
    "plan option choice backup fallback alternative preferred preference first second third top then otherwise " +
    // Stance words typed in capitals ("Jiangning OK, Pukou NG"; attack 12-05g H12).
    "ok okay ng no yes not fine good please exclude excluded excludes excluding avoid want need " +
    // What a site is near that is no place (site-access.ts; readers40: "Near Metro" was told as an unknown place).
    "metro subway underground highway motorway expressway freeway airport railway station"
  ).split(" "),
);
/** What joins two places named in English: or, and, a comma, a slash, "&", "|", "+" (full-width too), and "or" after a comma. */
const LATIN_JOIN = /^\s*(?:,\s*(?:or|and)\s+|,\s*|[/|&+>／｜＆＋＞、]\s*|\s+(?:or|and)\s+)/iu;
/** A Latin word of a name (letters, an inner hyphen or apostrophe: Xi'an, Hi-tech), read where lastIndex says. */
const LATIN_WORD_AT = /[A-Za-z](?:[A-Za-z'’]|-(?=[A-Za-z]))*/uy;
/** Generic words after a place that are not its name ("Pukou area", "Jiangning side"). */
const LATIN_TRAILER = /(?<!\b[Nn]ew)\s+(?:area|areas|region|side|nearby|vicinity)$/u;

/**
 * The places named in English in `notes`, in the order typed (see above). `lowercase`: candidates written in
 * lower case too (the server checks each with the resolver); without it only capitalised names. Each
 * mention once (by its lower-cased text). `named` says whether it was capitalised.
 */
export function findLatinPlaceMentions(notes: string, lowercase = false): (PlaceMention & { named: boolean; bare?: true | "alone" })[] {
  if (notes.length > NOTES_MAX || !/[A-Za-z]/.test(notes)) return [];
  const out: (PlaceMention & { named: boolean; bare?: true | "alone" })[] = [];
  const seen = new Set<string>();
  /** A name starting at `at`: its end, and whether it is capitalised; null when no name starts there. */
  const nameAt = (at: number): { end: number; named: boolean } | null => {
    let end = at;
    let words = 0;
    let named = true;
    for (;;) {
      LATIN_WORD_AT.lastIndex = end;
      const w = LATIN_WORD_AT.exec(notes);
      if (!w) break;
      const word = w[0];
      const lower = word.toLowerCase();
      const capital = /^[A-Z]/.test(word);
      if (lower === "or" || lower === "and" || (words > 0 && !capital && !LATIN_KIND_WORD.test(word) && !lowercase)) break;
      // A stance written in capitals after the name is no part of it ("Jiangning OK, Pukou NG"; attack 12-05g H12).
      if (words > 0 && LATIN_STANCE_WORD.test(word)) break;
      // …spelt with dots too ("Liuhe N.G."; ADR 154).
      if (words > 0 && /^n\.\s?g\b/iu.test(notes.slice(end, end + 5))) break;
      if (words > 0 && !capital && !LATIN_KIND_WORD.test(word) && LATIN_STOP.test(word)) break;
      if (words === 0 && (LATIN_NOT_A_PLACE.has(lower) || (!capital && (!lowercase || LATIN_STOP.test(word))))) return null;
      if (words === 0 && !capital) named = false;
      words++;
      end += word.length;
      const gap = / {1,2}(?=[A-Za-z])/y;
      gap.lastIndex = end;
      const space = gap.exec(notes);
      if (!space || words >= 8) break;
      end += space[0].length;
    }
    // A trailing space taken before a word that was refused, and generic words after the name ("Pukou area").
    const text = notes.slice(at, end).replace(/\s+$/u, "").replace(LATIN_TRAILER, "");
    return words > 0 && text ? { end: at + text.length, named } : null;
  };
  const add = (start: number, end: number, named: boolean, bare: boolean | "alone" = false) => {
    const text = notes.slice(start, end);
    const key = text.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ text, span: [start, end], named, ...(bare ? { bare } : {}) });
  };
  /** The names from `at` on, joined one to the next: [start, end, named] each. */
  const chainAt = (from: number): [number, number, boolean][] => {
    const names: [number, number, boolean][] = [];
    let at = from;
    let name = nameAt(at);
    while (name) {
      names.push([at, name.end, name.named]);
      const join = LATIN_JOIN.exec(notes.slice(name.end, name.end + 12));
      if (!join) break;
      at = name.end + join[0].length;
      name = nameAt(at);
    }
    return names;
  };
  for (const m of notes.matchAll(LATIN_MARKER)) {
    // The words just before the marker (anchored at their end: the whole text before was scanned each time).
    const front = notes.slice(Math.max(0, m.index - 60), m.index);
    if (LATIN_PRESENT.test(front)) continue;
    // A label ("Location: Jiangning", "Area: Pukou"; ADR 140) — not the company's own ("Company location: Wuxi").
    // "Area:" mostly speaks of size: what follows it is kept only when it names a place (`bare`, note-regions.ts).
    const label = m.groups?.label;
    if (label && LATIN_PRESENT_LABEL.test(front)) continue;
    const bare = label !== undefined && /^area/i.test(label);
    for (const [start, end, named] of chainAt(m.index + m[0].length)) add(start, end, named, bare);
  }
  // Without a marker, names said to do ("Jiangning or Pukou is fine", "Pukou works too"), as 高淳或者溧水都行:
  // names that start a clause (or are capitalised), looked at only when the notes say such words at all.
  // A size beside a name is a site's too ("Jiangning 5000 sqm", "5000 sqm Jiangning"; attack 12-05g H8): the same pass, when a digit is.
  if (LATIN_OK_WORD.test(notes) || /\d/u.test(notes))
    for (const w of notes.matchAll(/(?<![A-Za-z'’-])[A-Za-z]/gu)) {
      if (!/[A-Z]/.test(w[0]) && !/(?:^|[.,;:!?\n(]\s*)$/u.test(notes.slice(Math.max(0, w.index - 3), w.index))) continue;
      if (out.some((o) => w.index >= o.span[0] && w.index < o.span[1])) continue;
      const chain = chainAt(w.index);
      const last = chain[chain.length - 1];
      // One name alone is only a candidate the resolver must name ("Price is fine" is no place); a list is places.
      // Said not to do ("Jiangning is not ok", "Jiangning doesn't work for us": places32, attack F7) as said to do:
      // the server reads the stance, or tells the clause unread when it cannot (note-regions.ts).
      const after = last ? notes.slice(last[1], last[1] + 40) : "";
      const front = notes.slice(Math.max(0, w.index - 4), w.index);
      if (
        last &&
        (LATIN_OK_AFTER.test(after) ||
          LATIN_REFUSED_AFTER.test(after) ||
          LATIN_MARK_AFTER.test(after) ||
          LATIN_MARK_BEFORE.test(front) ||
          LATIN_SIZE_AFTER.test(after) ||
          LATIN_NUMBERED_BEFORE.test(notes.slice(Math.max(0, w.index - 6), w.index)) ||
          LATIN_SIZE_BEFORE.test(notes.slice(Math.max(0, w.index - 16), w.index)))
      ) {
        // A bare comma ends an English clause too (readers40): words said after the last name are its alone, unless they speak
        // of several ("Single storey, Gaochun is fine": "Single" is no place said to do, and "Single, Gaochun" read as a list
        // of two capitalised names hid Gaochun from both readings; "Pukou, Jiangning are both fine" is a list). The names
        // before the comma stay candidates of their own, kept only when each names a place (`alone`, note-regions.ts).
        const said = LATIN_OK_AFTER.test(after) || LATIN_REFUSED_AFTER.test(after) || LATIN_MARK_AFTER.test(after);
        let cut = 0;
        if (said && !LATIN_PLURAL_AFTER.test(after))
          for (let k = chain.length - 1; k > 0 && cut === 0; k--) if (/^\s*,\s*$/u.test(notes.slice(chain[k - 1][1], chain[k][0]))) cut = k;
        for (const [start, end, named] of chain.slice(0, cut)) if (named) add(start, end, true, "alone");
        const names = chain.slice(cut);
        for (const [start, end, named] of names) add(start, end, named && names.length > 1);
      }
    }
  // A bare list of capitalised names that is a clause of its own ("Pukou, Jiangning, Liuhe", "Pukou or Liuhe."):
  // places to read, as "X、Y、Z" is (the server keeps the list only when one of them names a place: `bare`).
  for (const w of notes.matchAll(/(?<![A-Za-z'’-])[A-Z]/gu)) {
    // After Chinese punctuation too, a comma's included ("您好，Jiangning > Pukou，谢谢"; attack 12-05g).
    const before = notes.slice(Math.max(0, w.index - 3), w.index);
    const clauseStart = /(?:^|[.;:!?\n(（。；：！？，、]\s*)$/u.test(before);
    // An ASCII comma starts the clause of a name alone ("factory, Gaochun"), not of a list ("Price, Location, …" is a heading).
    if (!clauseStart && !/,\s*$/u.test(before)) continue;
    if (out.some((o) => w.index >= o.span[0] && w.index < o.span[1])) continue;
    const names = chainAt(w.index);
    const last = names[names.length - 1];
    // Its end: the clause's, a comma too ("Jiangning or Pukou, not Gaochun": places34 — the list was lost).
    // Or Chinese words that they will do, as in mixed notes ("您好，Jiangning、Pukou都可以").
    // A name taken back ("Jiangning, sorry, Pukou", "Jiangning — I mean Pukou"): found, so that the server tells it unread —
    // the correction's reading (note-regions.ts CORRECTION) neither fills nor drops it (ADR 154; it was never found).
    const takenBack = last !== undefined && TAKEN_BACK_EN.test(notes.slice(last[1], last[1] + 24));
    if (!last || !names.every(([, , named]) => named) || !(LIST_END.test(notes.slice(last[1])) || takenBack)) continue;
    // One name alone in its clause ("5000 sqm factory, Gaochun"; trial 12-05g: dropped silently, while "…，高淳" was read):
    // `alone`, kept by the server only when it names a place itself.
    // Not after a label's colon (the labels' own reading decides: "Company location: Wuxi" is where they are).
    if (names.length === 1) {
      if (!/[:：]\s*$/u.test(before)) add(names[0][0], names[0][1], true, "alone");
    } else if (clauseStart) for (const [start, end] of names) add(start, end, true, true);
  }
  return out.sort((a, b) => a.span[0] - b.span[0]);
}

/**
 * A cross or a tick right after a name or right before it ("Jiangning ✅ Pukou ❌", "✔ Jiangning", "Jiangning (x)"; note-regions.ts
 * and place-marks.ts say whose).
 */
const LATIN_MARKS = "(?:❌|❎|✗|✘|✖|✕|×|╳|🚫|⛔|🙅|👎|✅|✔|✓|☑|√|👍|⭕|🆗|👌|💯|⭐|🌟|🙆|○|◯|〇)";
// A mark after a colon or a dash is the name's too ("Jiangning: ✅ Pukou: ❌"; attack 12-05g M3: Jiangning was lost silently).
const LATIN_MARK_AFTER = new RegExp(`^\\s*(?:[(（]\\s*(?:[xX]|${LATIN_MARKS})\\s*[)）]|(?:[:：]|-+>?|→)?\\s*${LATIN_MARKS})`, "u");
const LATIN_MARK_BEFORE = new RegExp(`${LATIN_MARKS}[\\uFE0E\\uFE0F]?\\s*$`, "u");
/** A number of a list right before a name ("1. Jiangning 2. Pukou", "(2) Pukou"): one of the places named (note-regions.ts). */
const LATIN_NUMBERED_BEFORE = /(?:^|[\s:：(（])(?:\d{1,2}\s*[.、)）]|[(（]\d{1,2}[)）])\s*$/u;
/** A size right after a name or right before it ("Jiangning 5000 sqm", "5,000 m2 Pukou"): the name is where the site is wanted. */
const LATIN_SIZE = String.raw`\d[\d,.]*\s*k?\s*(?:sqm\b|sq\.?\s*m\b|square\s+met(?:er|re)s?\b|m2\b|m²|㎡|mu\b|${AREA_UNITS_ZH})`;
const LATIN_SIZE_AFTER = new RegExp(String.raw`^\s*[,+]?\s*(?:>=?|≥)?\s*${LATIN_SIZE}`, "iu");
const LATIN_SIZE_BEFORE = new RegExp(String.raw`${LATIN_SIZE}\s*[,+]?\s*$`, "iu");
/** Any of LATIN_OK_AFTER's or LATIN_REFUSED_AFTER's words, or a mark, in the notes (the pass without a marker runs only then). */
const LATIN_OK_WORD =
  /(?:❌|❎|✗|✘|✖|✕|×|╳|🚫|⛔|🙅|👎|✅|✔|✓|☑|√|👍|⭕|🆗|👌|💯|⭐|🌟|🙆|○|◯|〇|[(（]\s*x\s*[)）])|\b(?:fine|ok|okay|good|acceptable|possible|works?|preferred|backup|fallback|alternative|choice|no|ng|n\.\s?g|not|never|yes|please|first|second|third|top|best|ideal|ideally|preferabl[ey]|excluded|too\s+(?:far|remote|expensive))\b|n['’]t\b/iu;
/** Words after places that say they will not do, or anything negated in their clause (places32): read or told by the server. */
const LATIN_REFUSED_AFTER =
  /^\s*(?:(?:is|are)\s+|=\s*)?n\.\s?g\b|^[^,.;!?\n]{0,30}?(?:\b(?:not|no|ng|never|cannot|is\s+out|excluded|off\s+the\s+table|too\s+(?:far|remote|expensive))\b|n['’]t\b|no-go)/iu;
/**
 * Words after places that say they will do: "is fine", "are both OK", "works", "would be good"; "(yes)", and a rank (places34):
 * "Jiangning first choice", "Pukou second", "Liuhe is our third choice".
 */
const LATIN_OK_AFTER =
  /^\s*(?:[:：(（]\s*|[-–—]+>?\s*|→\s*)?(?:(?:is|are|would\s+be|will\s+be|both|all|either|also|too)\s+)*(?:fine|ok|okay|good|acceptable|possible|works?|preferred|yes|please|would\s+(?:work|do)|(?:the\s+)?(?:best|ideal|preferable)|preferably|ideally|(?:as\s+(?:a|an|the|our)\s+|(?:(?:is|as)\s+)?(?:the\s+|our\s+|my\s+)?)?(?:backup|fallback|alternative|(?:first|second|third|top|1st|2nd|3rd)\s+(?:choice|option|pick|preference))|(?:first|second|third|1st|2nd|3rd)(?=\s*(?:[,.;!?)\n]|$)))\b/iu;

/** Words after a list of places that speak of several ("Pukou, Jiangning are fine", "…, both OK"): a bare comma's list, then. */
const LATIN_PLURAL_AFTER = /^\s*(?:are|both|all|neither|none|either|aren['’]t|don['’]t|do\s+not)\b/iu;

/** The end of a bare list of names: a clause's, or Chinese words that its places will do. */
const LIST_END = new RegExp(`^\\s*(?:$|[.,;!?\\n)）。，；！？]|${LIST_OK_ZH})`, "u");
/** Words of a stance, in any case, that end a name ("Jiangning OK", "Pukou NG", "Liuhe NO"). */
const LATIN_STANCE_WORD =
  /^(?:ok|okay|ng|no|yes|not|fine|first|second|third|preferred|please|exclude[ds]?|excluding|avoid|want|need|backup|fallback|alternative)$/iu;
/** Lower-case words that end a place's name in the notes (the rest of a sentence: verbs, figures' words). */
const LATIN_STOP =
  /^(?:in|near|not|except|either|within|inside|for|with|by|before|after|from|to|is|are|was|be|we|i|our|it|that|which|who|where|when|if|as|than|then|but|so|because|please|need|needs|want|wants|move|moving|ready|about|around|at|on|sqm|m2|mu|sq|square|meters?|metres?|ton|tons|kva|floor|floors|ceiling|crane|factory|factories|warehouse|office|land|plot|building|space|rent|lease|buy|purchase|asap|soon|now|only|preferably|ideally|maybe|also|too|etc|ok|okay|fine|good|acceptable|possible|preferred|works?|first|second|third|top|yes|then|otherwise|backup|fallback|alternative|choice|no|never|please|but|has|have|had|does|do|will|would|should|could|can|cannot|may|might|[a-z]+n['’]t)$/iu;
