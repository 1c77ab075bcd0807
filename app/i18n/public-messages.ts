import { defineMessages } from "./i18n";

// Words of the public pages that the inquiry form's own script never shows (ADR 102): the confirmation
// page's summary, a repeat, the look-up limit, the overload page's way back, the move-in hint and the
// region search's group. Kept apart from ui-messages.ts, which the form's first load carries (its
// budget, ADR 041). zh-CN first; English mirrors it key for key.
const zh = {
  "inquiry.summary": "您提交的需求",
  "inquiry.summary.kind": "类型",
  "inquiry.summary.area": "面积",
  "inquiry.summary.regions": "意向区域",
  "inquiry.summary.anyRegion": "不限",
  "inquiry.summary.moveIn": "最晚入驻",
  "inquiry.summary.month": "{year}年{month}月",
  "inquiry.repeat":
    "您已提交过相同的需求，编号 {reference}，不必再次提交。这次填写的内容也已保存（编号 {own}），招商专员会按 {reference} 一并跟进。",
  "inquiry.notesDiffer": "您在补充说明里写的“{notes}”与所填的“{box}”不一致，招商专员会与您电话确认以哪个为准。",
  "inquiry.notesDifferNoBox": "您在补充说明里写的“{notes}”与所填的不一致，招商专员会与您电话确认以哪个为准。",
  "inquiry.unread": "您在补充说明里写的“{text}”未能自动识别，没有用于匹配，招商专员会与您电话确认。",
  "inquiry.corrected": "招商专员已与您核实并更正：{changes}",
  "inquiry.tooManyTitle": "查询过于频繁",
  "inquiry.tooMany": "查询次数过多，请 {minutes} 分钟后再试。",
  "inquiry.tooManyHotline": "如需查询您的需求，请致电招商热线 {hotline}，报上编号或公司名称即可。",
  "form.editAgain": "返回表单修改",
  "form.restored": "您填写的内容已填回表单，请核对后再提交。",
  "need.moveInHint": "可写 2027-03、明年3月、年底 或 下半年",
  "region.found": "搜索结果：点按即可加入",
} as const;

export type PublicKey = keyof typeof zh;

const en: Record<PublicKey, string> = {
  "inquiry.summary": "What you asked for",
  "inquiry.summary.kind": "Kind",
  "inquiry.summary.area": "Area",
  "inquiry.summary.regions": "Preferred districts",
  "inquiry.summary.anyRegion": "Any",
  "inquiry.summary.moveIn": "Move in by",
  "inquiry.summary.month": "{month} {year}",
  "inquiry.repeat":
    "You already sent the same request, reference {reference}; there is no need to send it again. What you sent this time is kept too (reference {own}), and the recruiter follows it up under {reference}.",
  "inquiry.notesDiffer":
    "Your notes say “{notes}” while the box says “{box}”: the recruiter will confirm with you by phone which is right.",
  "inquiry.notesDifferNoBox":
    "Your notes say “{notes}”, which differs from what you filled in: the recruiter will confirm with you by phone which is right.",
  "inquiry.unread":
    "We could not read “{text}” in your notes, so it was not used for matching: the recruiter will check it with you by phone.",
  "inquiry.corrected": "Our recruiter checked this with you and corrected it: {changes}",
  "inquiry.tooManyTitle": "Too many look-ups",
  "inquiry.tooMany": "Too many look-ups. Please try again in {minutes} {minutes:minute|minutes}.",
  "inquiry.tooManyHotline": "To ask about your request, call our hotline {hotline} and give your reference or company name.",
  "form.editAgain": "Back to the form to edit",
  "form.restored": "What you typed is back in the form. Please check it, then send it.",
  "need.moveInHint": "e.g. 2027-03, March 2027, Q2 2027 (or in Chinese: 明年3月, 年底, 下半年)",
  "region.found": "Search results: tap one to add it",
};

export const publicMessages = defineMessages({ zh, en });

/** The text for `key` in `lng`, with `{name}` placeholders filled from `params` (app/i18n/i18n.ts). */
export const publicText = publicMessages.t;
