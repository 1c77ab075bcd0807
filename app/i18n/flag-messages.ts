import { flagTextIn, type LeadFlag } from "~/domain/lead-flags";

import { formatAdminTime } from "./admin-messages";
import { defineMessages } from "./i18n";
import type { Lng } from "./lng";

// What the intake doubted, as the recruiter and the admin read it. `{text}` is the figure or words concerned.
const zh = {
  unread: "未能识别：{text}",
  "implausible.tax.annualTaxWan": "年纳税额异常，需核实：{text}",
  "implausible.tax.investmentWan": "投资额异常，需核实：{text}",
  "implausible.tax.annualOutputWan": "年产值异常，需核实：{text}",
  "implausible.tax.employees": "员工人数异常，需核实：{text}",
  "implausible.need.areaMin": "面积异常，需核实：{text}",
  "implausible.need.areaMax": "面积异常，需核实：{text}",
  implausible: "数值异常，需核实：{text}",
  areaForKind: "面积与需求类型不符，可能填错了单位（亩/平方米），请与企业核实：{text}",
  notesDiffer: "备注中的面积与所填面积不一致，请与企业核实：{text}",
  "notesDiffer.need.ceilingMinM": "备注中的层高与所填层高不一致（已按所填），请与企业核实：{text}",
  "notesDiffer.need.floorLoadMinKg": "备注中的承重与所填承重不一致（已按所填），请与企业核实：{text}",
  "notesDiffer.need.powerMinKva": "备注中的配电与所填配电不一致（已按所填），请与企业核实：{text}",
  "notesDiffer.need.craneMinT": "备注中的行车吨位与所填不一致（已按所填），请与企业核实：{text}",
  "notesDiffer.need.moveInBy": "备注中的入驻时间与所填入驻时间不一致（已按所填），请与企业核实：{text}",
  "notesDiffer.need.singleStorey": "已勾选“只要单层”，备注却说不要求单层（已按勾选），请与企业核实：{text}",
  "notesDiffer.tax.annualTaxWan": "备注中的年纳税额与所填不一致（已按所填），请与企业核实：{text}",
  // docs/decisions/203: the investment and output the notes give, beside a box that says another figure.
  "notesDiffer.tax.investmentWan": "备注中的投资额与所填不一致（已按所填），请与企业核实：{text}",
  "notesDiffer.tax.annualOutputWan": "备注中的年产值与所填不一致（已按所填），请与企业核实：{text}",
  "notesDiffer.use.eia": "备注中的环评类别与所填不一致（已按所填），请与企业核实：{text}",
  "notesDiffer.need.regions": "备注说不要的区域却填在了意向区域里（不会匹配这些区域），请与企业核实：{text}",
  "notesDiffer.need.deal": "备注中的租售方式与所选不一致（已按所选），请与企业核实：{text}",
  "notesDiffer.need.unitCount": "备注说{notes}，所填为{box}（已按所填），请与企业核实",
  budget: "预算/价格（备注原话）：{text}",
  creditCodeCheck: "统一社会信用代码校验位不符，需核实：{text}",
  phoneNote: "电话备注：{text}",
  repeat: "可能是重复提交：同一电话、同一需求不久前已登记为 {text}，请合并跟进",
  ownPremises: "企业自有或现有厂房的情况（未作为需求）：{text}",
  notNeeded: "备注说不需要（未作为需求）：{text}",
  otherUse: "备注中其他用途的面积（未作为所选类型的面积）：{text}",
  areaRuledOut: "备注中企业说不要的面积（未作为需求的面积）：{text}",
  dealRefused: "企业明确不要的租售方式（不会推荐）：{text}",
  dealBoxRefused: "所选租售方式是备注明确不要的，已按备注留下的方式匹配，请与企业确认：{text}",
  kindBoxRefused: "所选类型是备注明确不要的（仍按所选类型匹配），请与企业确认要什么类型：{text}",
  taxRange: "年纳税填的是范围，已按较低的数作为预计年纳税：{text}",
  amountRange: "计划总投资或预计年产值填的是范围，已按较低的数存入：{text}",
  placeExcluded: "企业不要的区域（已按要的区域匹配，不含它们）：{text}",
  placeExcludedOpen: "企业说不要这些区域，意向区域仍为空（匹配不会排除它们），请与企业核实要哪些区域：{text}",
  placeWished: "企业希望的区域（只是倾向，未作为筛选条件）：{text}",
  wished: "希望有（非必须，未作为筛选条件）：{text}",
  placePreferred: "企业优先的区域（与备注中其他可以的区域一起匹配）：{text}",
  placesNotInBox: "备注中提到的区域不在所填意向区域里（已按所填匹配），请与企业核实是否也要：{text}",
  areaCeilingOnly: "备注只说了面积上限（多大嫌大），没说需要多大；已按“不超过”匹配，远小于上限的场地未必合适，请与企业核实所需面积：{text}",
  unitSizesDiffer:
    "各栋（各处）面积不同：{text}；已按每栋在最小与最大面积之间匹配，园区符合的几栋可能都偏小或都偏大，请与企业核实每栋的面积",
  // docs/decisions/150: a box staff corrected on a call, which the notes contradict: the correction stands.
  staffCorrected: "{field}已由{who}更正为 {box}（备注原写：{notes}），以更正为准，不必再核实",
  "staffCorrected.who": "{desk}{name}（{at}）",
  "staffCorrected.desk.hotline": "热线",
  "staffCorrected.desk.recruiter": "招商专员",
  "staffCorrected.desk.admin": "管理员",
  "staffCorrected.need.notes": "面积",
  "staffCorrected.need.ceilingMinM": "层高",
  "staffCorrected.need.floorLoadMinKg": "承重",
  "staffCorrected.need.powerMinKva": "配电",
  "staffCorrected.need.craneMinT": "行车吨位",
  "staffCorrected.need.moveInBy": "入驻时间",
  "staffCorrected.need.singleStorey": "单层要求",
  "staffCorrected.need.deal": "租售方式",
  "staffCorrected.need.unitCount": "数量",
  "staffCorrected.need.regions": "意向区域",
  "staffCorrected.singleStorey": "只要单层",
} as const;

type FlagKey = keyof typeof zh;

const en: Record<FlagKey, string> = {
  unread: "Could not read: {text}",
  "implausible.tax.annualTaxWan": "Annual tax looks implausible, please check: {text}",
  "implausible.tax.investmentWan": "Investment looks implausible, please check: {text}",
  "implausible.tax.annualOutputWan": "Annual output looks implausible, please check: {text}",
  "implausible.tax.employees": "Number of employees looks implausible, please check: {text}",
  "implausible.need.areaMin": "The area looks implausible, please check: {text}",
  "implausible.need.areaMax": "The area looks implausible, please check: {text}",
  implausible: "This figure looks implausible, please check: {text}",
  areaForKind: "The area does not fit the kind of space asked for (亩 and ㎡ mixed up?), please check with the enterprise: {text}",
  notesDiffer: "The notes give another area than the area fields, please check with the enterprise: {text}",
  "notesDiffer.need.ceilingMinM":
    "The notes give another ceiling height than the box (the box is kept), please check with the enterprise: {text}",
  "notesDiffer.need.floorLoadMinKg":
    "The notes give another floor load than the box (the box is kept), please check with the enterprise: {text}",
  "notesDiffer.need.powerMinKva":
    "The notes give another power supply than the box (the box is kept), please check with the enterprise: {text}",
  "notesDiffer.need.craneMinT":
    "The notes give another crane capacity than the box (the box is kept), please check with the enterprise: {text}",
  "notesDiffer.need.moveInBy":
    "The notes give another move-in date than the box (the box is kept), please check with the enterprise: {text}",
  "notesDiffer.need.singleStorey":
    "Single storey is ticked, but the notes say it is not required (the tick is kept), please check with the enterprise: {text}",
  "notesDiffer.tax.annualTaxWan":
    "The notes give another annual tax than the box (the box is kept), please check with the enterprise: {text}",
  "notesDiffer.tax.investmentWan":
    "The notes give another investment than the box (the box is kept), please check with the enterprise: {text}",
  "notesDiffer.tax.annualOutputWan":
    "The notes give another annual output than the box (the box is kept), please check with the enterprise: {text}",
  "notesDiffer.use.eia": "The notes give another EIA category than the box (the box is kept), please check with the enterprise: {text}",
  "notesDiffer.need.regions":
    "The notes rule out a place that Preferred districts names (that place is not matched), please check with the enterprise: {text}",
  "notesDiffer.need.deal":
    "The notes give another deal (lease or buy) than the one chosen (the choice is kept), please check with the enterprise: {text}",
  "notesDiffer.need.unitCount": "The notes say {notes}, the box says {box} (the box is kept), please check with the enterprise",
  budget: "Budget/price (the notes' words): {text}",
  creditCodeCheck: "Credit code check character does not match, please check: {text}",
  phoneNote: "Note with the phone number: {text}",
  repeat: "Likely a repeat: the same phone and the same need were registered shortly before as {text}; follow them up together",
  ownPremises: "What the enterprise has of its own or at its present site (not used as a requirement): {text}",
  notNeeded: "The notes say this is not needed (not used as a requirement): {text}",
  otherUse: "An area the notes give for another use (not used as the area of the kind chosen): {text}",
  areaRuledOut: "An area the notes rule out (not used as the area of the need): {text}",
  dealRefused: "A deal the enterprise rules out (never suggested): {text}",
  dealBoxRefused: "The deal ticked is one the notes rule out; matched on the deal the notes leave — confirm with the enterprise: {text}",
  kindBoxRefused:
    "The kind ticked is one the notes rule out (still matched on the kind ticked); ask the enterprise which kind it needs: {text}",
  taxRange: "The annual tax was given as a range; its lower figure is taken as the expected tax: {text}",
  amountRange: "The planned investment or expected annual output was given as a range; its lower figure is stored: {text}",
  placeExcluded: "Places the enterprise rules out (matched on the places it asks for, which leave them out): {text}",
  placeExcludedOpen:
    "The enterprise rules these places out, but Preferred districts is still blank (matching does not exclude them); please ask which districts it wants: {text}",
  placeWished: "Places the enterprise would prefer (a preference only, not used as a filter): {text}",
  wished: "Would like (not required, not used as a filter): {text}",
  placePreferred: "Places the enterprise prefers (matched together with the other places the notes accept): {text}",
  placesNotInBox:
    "The notes name places that Preferred districts does not cover (matched on what was typed there); please ask whether it wants them too: {text}",
  areaCeilingOnly:
    'The notes only say how large is too large, not the size needed: matched as "at most" that figure, so spaces far below it may not suit; please ask the enterprise the size it needs: {text}',
  unitSizesDiffer:
    "The units differ in size: {text}; each unit was matched between the smallest and the largest size, so a park's fitting units may all be small or all large; please check each unit's size with the enterprise",
  staffCorrected: "{field} corrected by {who} to {box} (the notes said: {notes}); the correction stands, no need to check again",
  "staffCorrected.who": "{desk}{name} ({at})",
  "staffCorrected.desk.hotline": "the hotline",
  "staffCorrected.desk.recruiter": "the recruiter",
  "staffCorrected.desk.admin": "an admin",
  "staffCorrected.need.notes": "Area",
  "staffCorrected.need.ceilingMinM": "Ceiling height",
  "staffCorrected.need.floorLoadMinKg": "Floor load",
  "staffCorrected.need.powerMinKva": "Power supply",
  "staffCorrected.need.craneMinT": "Crane capacity",
  "staffCorrected.need.moveInBy": "Move-in date",
  "staffCorrected.need.singleStorey": "Single storey",
  "staffCorrected.need.deal": "Lease or buy",
  "staffCorrected.need.unitCount": "Number of units",
  "staffCorrected.need.regions": "Preferred districts",
  "staffCorrected.singleStorey": "single storey only",
};

export const flagMessages = defineMessages({ zh, en });

/**
 * Flags that say what the intake read, not what it doubts: a budget in the notes, a note beside the phone
 * number ("前台"). Staff pages list them apart from the doubts ("需核实"), under "另读到" (docs/decisions/101).
 */
const READING_CODES: readonly LeadFlag["code"][] = [
  "budget",
  "phoneNote",
  "ownPremises",
  "notNeeded",
  "otherUse",
  "areaRuledOut",
  "dealRefused",
  "taxRange",
  "amountRange",
  "placeExcluded",
  "placeWished",
  "placePreferred",
  "wished",
];

export function isReadingFlag(flag: LeadFlag): boolean {
  return READING_CODES.includes(flag.code);
}

/** A box staff corrected on a call (docs/decisions/150): staff pages list these apart, under "员工更正", neither a doubt nor a reading. */
export function isCorrectionFlag(flag: LeadFlag): boolean {
  return flag.code === "staffCorrected";
}

/** A doubt to check with the enterprise ("需核实"): neither a reading nor a staff correction. */
export function isDoubtFlag(flag: LeadFlag): boolean {
  return !isReadingFlag(flag) && !isCorrectionFlag(flag);
}

/**
 * The words that say a desk, in either language (a name is typed in whichever the person chose): a staff
 * name holding one (热线坐席, 招商专员周敏, "Hotline desk 2") already tells the reader the desk.
 */
const DESK_WORDS: Record<string, readonly string[]> = {
  hotline: ["热线", "hotline"],
  recruiter: ["招商", "专员", "recruiter"],
  admin: ["管理员", "admin"],
};

/** Whether `name` already says the desk `source` (DESK_WORDS; Latin words in any case). */
export function namesItsDesk(name: string, source: string): boolean {
  const folded = name.toLowerCase();
  return (DESK_WORDS[source] ?? []).some((w) => folded.includes(w));
}

/**
 * A `staffCorrected` flag as a sentence: the box, who corrected it at which desk and when (China time), what it
 * holds now and what the notes said ("层高已由热线王芳（2026-12-05 14:03）更正为 7.5 m（备注原写：层高8米以上）…").
 */
function describeCorrection(lng: Lng, flag: LeadFlag): string {
  const t = (key: FlagKey, params?: Record<string, string>) => flagMessages.t(lng, key, params);
  const [notes, box] = flagTextIn(lng, flag.text).split(" ≠ ");
  const field = flagMessages.has(`staffCorrected.${flag.field}`) ? t(`staffCorrected.${flag.field}` as FlagKey) : flag.field;
  const by = flag.by?.trim() ?? "";
  // A name that already says its desk (the demo's 热线坐席, "Admin Li") is not prefixed with it again.
  const desk = flag.source && !namesItsDesk(by, flag.source) ? t(`staffCorrected.desk.${flag.source}`) : "";
  const name = by && desk && lng === "en" ? ` ${by}` : by;
  const who = t("staffCorrected.who", { desk, name, at: formatAdminTime(flag.at) });
  // A ticked 单层 the notes said was not needed: the flag holds the notes' words only.
  const now = box?.trim() || (flag.field === "need.singleStorey" ? t("staffCorrected.singleStorey") : "");
  return t("staffCorrected", { field, who, box: now, notes: notes.trim() });
}

/** One flag as a sentence in the reader's language. */
export function describeFlag(lng: Lng, flag: LeadFlag): string {
  if (flag.code === "staffCorrected") return describeCorrection(lng, flag);
  const specific = `${flag.code}.${flag.field}`;
  const key: FlagKey = flagMessages.has(specific) ? specific : flagMessages.has(flag.code) ? flag.code : "unread";
  // A count the notes and the box give apart: "备注说3栋，所填为2栋" (docs/decisions/135).
  if (key === "notesDiffer.need.unitCount") {
    const [notes, box] = flagTextIn(lng, flag.text).split(" ≠ ");
    if (box) return flagMessages.t(lng, key, { notes, box });
    return flagMessages.t(lng, "notesDiffer", { text: flagTextIn(lng, flag.text) });
  }
  return flagMessages.t(lng, key, { text: flagTextIn(lng, flag.text) });
}
