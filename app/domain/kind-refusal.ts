import type { NeedKind } from "./need-text";

/**
 * The kinds of premises the notes refuse in so many words (docs/decisions/197): "不要厂房，要地自建" refuses
 * factory; "要的是厂房不是仓库" refuses warehouse; "写字楼不考虑" refuses office; "no warehouse, a factory" refuses
 * warehouse. Conservative on purpose — a kind is refused only by a negation right before its word (不要, 不需要,
 * 不考虑, 不是, 非, 别, no, not a, don't want a …) or a refusal ending its clause right after it ("厂房不要", "仓库就
 * 算了", "warehouses are out"); "不要太小的厂房" (a size refused), "厂房不要太高" (a height) and "不需要办公，厂房就行"
 * (office space as a part of a factory: refused only when Office is the box) refuse no kind of a factory. A kind both refused and asked for plainly ("不要仓库…仓库也可以") is no
 * refusal. The words of each kind are the form's: 厂房/车间/工厂, 土地/用地/地块/拿地/买地, 办公楼/写字楼, 仓库/仓储/库房.
 */
export type KindRefusal = { kind: NeedKind; text: string };

/** A kind's words, each an alternative of its own (a refusal is read right before or after the word). */
const KIND_WORDS: readonly [NeedKind, RegExp][] = [
  ["factory", /标准厂房|厂房|车间|工厂|\bfactor(?:y|ies)\b|\bworkshops?\b/gi],
  ["land", /工业用地|工业土地|土地|用地|地块|(?<=[拿买购租要])地(?![址区方点铁段位下上面板毯基价税产铺])|\bland\b|\bplots?\b/gi],
  ["office", /办公楼|写字楼|办公室|办公用房|(?<![带含配附加+＋和])办公(?![楼室])|\boffices?(?:\s+buildings?)?\b/gi],
  ["warehouse", /仓库|仓储|库房|\bwarehouses?\b/gi],
];

/** A negation right before the word: 不要厂房, 不需要仓库, 不考虑写字楼, 不是仓库, 非厂房, 别找厂房, 不拿地, 不买地. */
const NEGATION_BEFORE =
  /(?:不要|不需要|不考虑|不想要|不想|不找|不用|不是|不租|不买|不拿|不购|别找|别要|别给|别推|无需|非)\s*(?:找|要|租|买|拿|考虑)?\s*$/;
/** English: "no warehouse", "not a factory", "don't want a warehouse", "not looking for office space". */
const EN_NEGATION_BEFORE =
  /\b(?:no|not\s+an?|not|without|don'?t\s+(?:want|need)\s+(?:an?\s+)?|do\s+not\s+(?:want|need)\s+(?:an?\s+)?|not\s+looking\s+for\s+(?:an?\s+)?)\s*$/i;
/** A refusal that ends the word's clause: 厂房不要, 仓库不考虑, 写字楼就算了, 仓库不行, "warehouses are out", "… not wanted". */
const REFUSAL_AFTER =
  /^\s*(?:的话)?\s*(?:就|也|都|暂时?|先)?\s*(?:不要了?|不考虑了?|不行|不需要|算了|免谈|不合适|排除)\s*(?=[，。；;,.!?！？\n]|$)|^\s*(?:is|are)\s+(?:out|not\s+(?:wanted|an?\s+option|needed))\b/i;
/** "不要仓库也行", "no office is fine too": the kind is not needed, not refused. */
const NOT_REFUSED_AFTER = /^\s*(?:的话)?\s*(?:也|都)\s*(?:行|可以|没关系|没问题)|^\s*(?:is\s+)?(?:fine|ok(?:ay)?)\s+too\b/i;
/** "是不是厂房无所谓", "不管是不是仓库": a question of the kind, no refusal. */
const EITHER_BEFORE = /是不是\s*$|\bwhether\s+(?:or\s+not\s+)?(?:it'?s\s+)?an?\s*$/i;
const CLAUSE_MARK = /[，。；;,!?！？\n]/;

type Mention = { kind: NeedKind; at: number; end: number };

function mentionsOf(s: string): Mention[] {
  const out: Mention[] = [];
  for (const [kind, re] of KIND_WORDS) for (const m of s.matchAll(re)) out.push({ kind, at: m.index, end: m.index + m[0].length });
  return out.sort((a, b) => a.at - b.at);
}

/** Whether one mention is refused ("不要厂房", "厂房不要"), wanted plainly, or neither (a refusal of a quality of it). */
function stanceOf(s: string, m: Mention): "refused" | "wanted" {
  const after = s.slice(m.end, m.end + 16);
  if (NOT_REFUSED_AFTER.test(after)) return "wanted";
  const before = s.slice(Math.max(0, m.at - 8), m.at);
  if (EITHER_BEFORE.test(before)) return "wanted";
  if (NEGATION_BEFORE.test(before) || EN_NEGATION_BEFORE.test(s.slice(Math.max(0, m.at - 32), m.at)) || REFUSAL_AFTER.test(after))
    return "refused";
  return "wanted";
}

/** The clause of a mention, as typed (from the clause mark before it to the one after it). */
function clauseOf(s: string, m: Mention): string {
  let a = m.at;
  while (a > 0 && !CLAUSE_MARK.test(s[a - 1])) a--;
  let b = m.end;
  while (b < s.length && !CLAUSE_MARK.test(s[b])) b++;
  return s.slice(a, b).trim();
}

/**
 * The kinds the notes refuse, each once with the clause that refuses it as typed, in the order typed:
 * "不要厂房，要地自建" → [{kind: "factory", text: "不要厂房"}]. Pure; `notes` any text (empty or undefined: []).
 */
export function refusedKinds(notes: string | undefined): KindRefusal[] {
  const s = notes ?? "";
  if (s.trim() === "") return [];
  const refused = new Map<NeedKind, string>();
  const wanted = new Set<NeedKind>();
  for (const m of mentionsOf(s)) {
    if (stanceOf(s, m) === "refused") {
      if (!refused.has(m.kind)) refused.set(m.kind, clauseOf(s, m));
    } else wanted.add(m.kind);
  }
  return [...refused].filter(([kind]) => !wanted.has(kind)).map(([kind, text]) => ({ kind, text }));
}

/**
 * The one kind the notes ask for plainly besides the refused box ("不要厂房，要地自建" → land), or undefined when they
 * name none or several: what an API or desk lead refusing its box is matched on (docs/decisions/197).
 */
export function kindLeftByNotes(notes: string | undefined, box: NeedKind): NeedKind | undefined {
  const s = notes ?? "";
  const refused = new Set(refusedKinds(s).map((r) => r.kind));
  const wanted = new Set(
    mentionsOf(s)
      .filter((m) => m.kind !== box && !refused.has(m.kind) && stanceOf(s, m) === "wanted")
      .map((m) => m.kind),
  );
  return wanted.size === 1 ? [...wanted][0] : undefined;
}
