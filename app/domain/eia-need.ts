import { simplifiedInPlace } from "./fold-text";
import type { EIA_LEVELS } from "./lead-fields";

// The EIA category (环评类别: 建设项目环境影响评价分类管理名录's 登记表 / 报告表 / 报告书) an enterprise says its project needs, in the
// notes ("需要环评报告书", "环评类别：报告表", "不需要环评", "we need a full EIA report"). It fills a blank 环评 box, said back, as the
// notes' investment and output do (docs/decisions/203, 216). What a park offers — "可办环评", "园区有规划环评", "能帮办环评报告表" —
// is no need of the enterprise's and never read as one (readers42: both were listed as not read; the need filled nothing).

export type EiaLevel = (typeof EIA_LEVELS)[number];

const LEVELS: Record<string, EiaLevel> = { 报告书: "report-book", 报告表: "report-form", 登记表: "registration" };
const EIA = "(?:环评|环境影响评价|环境影响评估)";
/** A need said before the category: 需要 / 要 / 须 / 得 / 要求, with a verb of doing it (做, 办, 编制 …). */
const NEED = "(?:需要|需|要|须|必须|得|要求)";
const DO = "(?:做|办|办理|编制|出具|走|报批|申报)";
/**
 * The enterprise's need of a category, in Chinese: a need before the EIA word ("需要环评报告书", "要办环评报告表", "须做环境影响评价报告书"),
 * a label ("环评类别：报告表", "环评等级为报告书"), or a need after it ("环评需要做报告书", "环评要报告表").
 */
const NEED_ZH = new RegExp(
  `(?:${NEED}\\s*${DO}?\\s*${EIA}\\s*(?:的)?\\s*(?:类别|等级|级别|类型)?\\s*(?:是|为|[:：])?\\s*|${EIA}\\s*(?:类别|等级|级别|类型)\\s*(?:是|为|[:：])?\\s*|${EIA}\\s*(?:${NEED}|是|为|[:：])\\s*${DO}?\\s*)(?:环境影响)?(?<level>报告书|报告表|登记表)`,
  "gu",
);
/** No EIA needed: "不需要环评", "无需环评", "不用做环评", "环评不需要", "免环评". */
const NONE_ZH = new RegExp(
  `(?:不需要|不需|无需|不用|免)\\s*${DO}?\\s*${EIA}|${EIA}\\s*(?:不需要|不需|无需|不用)(?![^，。；;,!?！？\\n]*(?:报告书|报告表|登记表))`,
  "gu",
);
/** In English: "need a full EIA report", "EIA report form required", "an EIA registration form"; "no EIA needed". */
const NEED_EN =
  /\b(?:need|needs|require|requires|required|must\s+(?:do|have|prepare))\s+(?:an?\s+|the\s+)?(?<level>full\s+eia(?:\s+report)?|eia\s+report\s+book|eia\s+report\s+form|eia\s+registration(?:\s+form)?)\b|\b(?<level2>full\s+eia(?:\s+report)?|eia\s+report\s+book|eia\s+report\s+form|eia\s+registration(?:\s+form)?)\s+(?:is\s+)?(?:needed|required)\b/giu;
const NONE_EN =
  /\b(?:no\s+eia\s+(?:is\s+)?(?:needed|required)|eia\s+(?:is\s+)?not\s+(?:needed|required)|(?:do\s+not|don['’]t|doesn['’]t)\s+need\s+(?:an?\s+)?eia)\b/giu;
/**
 * Words before the EIA word, in its clause, that say the sentence is of the park: "园区可办环评报告书", "可以帮办环评", "已有规划环评",
 * "park can handle the EIA". Such a clause is never the enterprise's need.
 */
const PARK_BEFORE =
  /(?:园区|开发区|工业园|产业园|载体|厂房|可以?|能|有|已|具备|代办|帮办|协助|帮|包办|负责|\b(?:park|can|could|will|help|handles?|has|have)\b)/iu;
const CLAUSE_START = /[，。；;,!?！？\n]/u;

/**
 * The category the notes say the project needs, with the words it was read from (`text`, as typed): the first said; null when none
 * is said, or only of the park (PARK_BEFORE in the clause before the words), or two categories disagree ("报告表或报告书": told, not
 * filled). `none` is "no EIA needed".
 */
export function eiaNeedFromNotes(notes: string | undefined): { level: EiaLevel; text: string } | null {
  if (!notes) return null;
  // Read in Simplified, index for index the notes as typed ("需要環評報告書"), the words quoted as typed.
  const simple = simplifiedInPlace(notes);
  const found: { level: EiaLevel; text: string; at: number }[] = [];
  const clauseBefore = (at: number) => {
    let i = at;
    while (i > 0 && !CLAUSE_START.test(simple[i - 1])) i--;
    return simple.slice(i, at);
  };
  const add = (at: number, text: string, level: EiaLevel) => {
    // "报告表或报告书": which one is not said — told as not read, never filled.
    if (/^\s*(?:或者?|还是|\/|\bor\b)\s*(?:环评)?\s*(?:报告书|报告表|登记表)/iu.test(simple.slice(at + text.length))) return;
    // The words read, and the clause before them, say nothing of the park ("园区可办，需要环评报告书" is the need after the comma).
    const head = /^(?:需要|需|要|须|必须|得|要求|need|needs|require|requires|must)/iu.test(text) ? "" : clauseBefore(at);
    if (
      PARK_BEFORE.test(head) ||
      PARK_BEFORE.test(text.replace(/^(?:需要|要求|need|needs|require|requires)/iu, "").split(/环评|环境影响|eia/iu)[0])
    )
      return;
    found.push({ level, text: notes.slice(at, at + text.length), at });
  };
  for (const m of simple.matchAll(NEED_ZH)) add(m.index, m[0], LEVELS[m.groups!.level]);
  for (const m of simple.matchAll(NONE_ZH)) add(m.index, m[0], "none");
  for (const m of simple.matchAll(NEED_EN)) {
    const l = (m.groups!.level ?? m.groups!.level2).toLowerCase().replace(/\s+/g, " ");
    add(
      m.index,
      m[0],
      l.startsWith("full") || l.endsWith("book")
        ? "report-book"
        : l.endsWith("form") && !l.includes("registration")
          ? "report-form"
          : "registration",
    );
  }
  for (const m of simple.matchAll(NONE_EN)) add(m.index, m[0], "none");
  if (!found.length || new Set(found.map((f) => f.level)).size > 1) return null;
  found.sort((a, b) => a.at - b.at);
  return { level: found[0].level, text: found[0].text.trim() };
}
