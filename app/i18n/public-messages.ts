import { defineMessages } from "./i18n";

// Words of the public pages that the inquiry form's own script never shows (ADR 102): the confirmation
// page's summary and next steps, a repeat, the look-up limit, the overload page's way back, the form's
// banners, tagline and longer hints, the move-in hint, the unit count's label (also the hotline desk's) and the
// region search's group (the banners, tagline, hints and next steps moved here with docs/decisions/130, to
// make room for the unit count in the form's first load). Kept apart from ui-messages.ts, which the form's first
// load carries (its budget, ADR 041). zh-CN first; English mirrors it key for key.
const zh = {
  "inquiry.summary": "您提交的需求",
  "inquiry.summary.kind": "类型",
  "inquiry.summary.area": "面积",
  "inquiry.summary.regions": "意向区域",
  "inquiry.summary.anyRegion": "不限",
  "inquiry.summary.anyRegionPreferred": "不限（您倾向{places}，但不限于此）",
  "inquiry.summary.regionsOut": "不考虑的区域",
  "inquiry.summary.regionsFirst": "优先区域",
  "inquiry.summary.wished": "希望有（非必须）",
  "inquiry.summary.budget": "预算/价格（不用于筛选，招商专员会看到）",
  "inquiry.summary.setAside": "备注中读到、不作为需求的",
  "inquiry.placesRuledOutInBox": "您在补充说明里说不考虑“{notes}”，但所填的意向区域是“{box}”，招商专员会与您电话确认以哪个为准。",
  "inquiry.placesNotInBox":
    "您在补充说明里提到的“{notes}”不在所填的意向区域“{box}”里，暂按所填的区域匹配，招商专员会与您电话确认是否也要。",
  "inquiry.summary.moveIn": "最晚入驻",
  "inquiry.summary.month": "{year}年{month}月",
  "inquiry.summary.specs": "其他要求",
  // docs/decisions/162: the annual tax as read, so words typed ("年纳税三百万") are said back as a figure.
  "inquiry.summary.tax": "预计年纳税",
  "inquiry.summary.taxNone": "未填写（招商专员会与您核实）",
  "inquiry.summary.taxRange": "{amount}（您给的是范围“{range}”，按较低的数）",
  // docs/decisions/203: an investment or output box left blank, filled from the notes.
  "inquiry.summary.amountFromNotes": "{amount}（从补充说明“{text}”读出）",
  // readers40: the investment and output boxes typed as a range, said back as the tax's range is (docs/decisions/189).
  "inquiry.summary.investment": "计划总投资",
  "inquiry.summary.output": "预计年产值",
  "inquiry.repeat":
    "您已提交过相同的需求，编号 {reference}，不必再次提交。这次填写的内容也已保存（编号 {own}），招商专员会按 {reference} 一并跟进。",
  "inquiry.notesDiffer": "您在补充说明里写的“{notes}”与所填的“{box}”不一致，招商专员会与您电话确认以哪个为准。",
  "inquiry.notesDifferNoBox": "您在补充说明里写的“{notes}”与所填的不一致，招商专员会与您电话确认以哪个为准。",
  "inquiry.unread": "您在补充说明里写的“{text}”未能自动识别，没有用于匹配，招商专员会与您电话确认。",
  "inquiry.ceilingOnly":
    "您在补充说明里写的“{text}”只说了多大的场地嫌大，没有说需要多大：暂按面积上限匹配，招商专员会与您电话确认所需面积。",
  "inquiry.unitSizes":
    "您在补充说明里写的“{text}”各栋面积不同：暂按每栋在最小与最大面积之间匹配（见上面的面积），园区的几栋可能都偏小或都偏大，招商专员会与您电话确认每栋的面积。",
  "inquiry.notRead": "补充说明里的以下内容没有自动识别为筛选条件，没有用于匹配，招商专员会阅读并与您确认：{parts}。",
  "inquiry.corrected": "招商专员已与您核实并更正：{changes}",
  "inquiry.tooManyTitle": "查询过于频繁",
  "inquiry.tooMany": "查询次数过多，请 {minutes} 分钟后再试。",
  "inquiry.tooManyHotline": "如需查询您的需求，请致电招商热线 {hotline}，报上编号或公司名称即可。",
  "form.editAgain": "返回表单修改",
  "form.restored": "您填写的内容已填回表单，请核对后再提交。",
  "form.switched": "已切换为中文，您填写的内容都已保留。",
  "form.placesAsked":
    "还没有提交：补充说明里的地点有同名的地方，请在下方点选您指的是哪一个（填入意向区域），或直接再次提交，由招商专员与您核实。",
  "form.switchedConsent": "同意框已取消勾选：请阅读中文版个人信息处理说明后再勾选。",
  "need.moveInHint": "可写 {examples}，或按 年-月 填写（YYYY-MM）",
  "need.unitCount": "几栋/几处（多处时填，面积填合计）",
  "need.regionsHint":
    "省、市或区县名称（可带省市前缀，繁体或拼音亦可），多个用顿号或逗号分隔，如：南京市高淳区、溧水区；也可从下方列表选择",
  "form.unavailable": "系统暂时无法保存您的需求，您填写的内容都还在页面上。请稍后再点一次提交，或直接致电招商热线 {hotline}。",
  "form.rateLimited": "提交过于频繁，请一分钟后再试，或致电招商热线 {hotline}。",
  "form.overloaded": "系统繁忙，您的需求还没有保存，填写的内容都已保留。请几秒后再提交一次，或致电招商热线 {hotline}。",
  "app.tagline": "告诉我们您需要的厂房、土地、仓库或办公室，招商专员会尽快与您联系。",
  "contact.phoneHint": "手机、带区号座机或 400/800 电话；可在号码后加备注，如（微信同号）",
  "inquiry.notFoundHotline": "编号形如 PM-20261203-0001。找不到时请致电招商热线 {hotline}，报上公司名称即可查询。",
  "inquiry.next1": "系统会把您的需求与园区的厂房、土地逐一比对。",
  "inquiry.next2": "负责相应园区的招商专员会在工作时间内尽快给您回电。",
  "inquiry.next3": "如需补充或修改，请致电招商热线 {hotline} 并报上编号。",
  "inquiry.keep": "请记下这个编号，来电咨询时报给我们即可。",
  "inquiry.notFound": "找不到这个需求编号，请核对后再试。",
  "region.found": "搜索结果：点按即可加入",
  "region.fixes": "建议的区域：点按即可替换",
  "region.fix": "用“{suggestion}”替换“{name}”",
} as const;

export type PublicKey = keyof typeof zh;

const en: Record<PublicKey, string> = {
  "inquiry.summary": "What you asked for",
  "inquiry.summary.kind": "Kind",
  "inquiry.summary.area": "Area",
  "inquiry.summary.regions": "Preferred districts",
  "inquiry.summary.anyRegion": "Any",
  "inquiry.summary.anyRegionPreferred": "Any (you prefer {places}, but not only there)",
  "inquiry.summary.regionsOut": "Districts ruled out",
  "inquiry.summary.regionsFirst": "First choice",
  "inquiry.summary.wished": "Would like (not required)",
  "inquiry.summary.budget": "Budget/price (not used as a filter; the recruiter sees it)",
  "inquiry.summary.setAside": "Read in your notes, not a requirement",
  "inquiry.placesRuledOutInBox":
    "Your notes rule out “{notes}”, but the preferred districts you filled in are “{box}”: the recruiter will confirm with you by phone which is right.",
  "inquiry.placesNotInBox":
    "Your notes name “{notes}”, which the preferred districts you filled in (“{box}”) do not cover: we match on what you filled in, and the recruiter will ask you by phone whether you want it too.",
  "inquiry.summary.moveIn": "Move in by",
  "inquiry.summary.month": "{month} {year}",
  "inquiry.summary.specs": "Other requirements",
  "inquiry.summary.tax": "Expected annual tax",
  "inquiry.summary.taxNone": "Not given (a recruiter will ask you)",
  "inquiry.summary.taxRange": "{amount} (you gave the range “{range}”; its lower figure is taken)",
  "inquiry.summary.amountFromNotes": "{amount} (read from your notes: “{text}”)",
  "inquiry.summary.investment": "Planned investment",
  "inquiry.summary.output": "Expected annual output",
  "inquiry.repeat":
    "You already sent the same request, reference {reference}; there is no need to send it again. What you sent this time is kept too (reference {own}), and the recruiter follows it up under {reference}.",
  "inquiry.notesDiffer":
    "Your notes say “{notes}” while the box says “{box}”: the recruiter will confirm with you by phone which is right.",
  "inquiry.notesDifferNoBox":
    "Your notes say “{notes}”, which differs from what you filled in: the recruiter will confirm with you by phone which is right.",
  "inquiry.unread":
    "We could not read “{text}” in your notes, so it was not used for matching: the recruiter will check it with you by phone.",
  "inquiry.ceilingOnly":
    "Your notes say “{text}”: how large is too large, but not the size you need. We match by that upper limit for now; the recruiter will call you to confirm the size you need.",
  "inquiry.unitSizes":
    "Your notes say “{text}”: units of different sizes. We match each unit between the smallest and the largest size for now (see the area above), so a park's units may all be small or all large; the recruiter will call you to confirm each unit's size.",
  "inquiry.notRead":
    "These parts of your notes were not read as conditions and were not used for matching; the recruiter will read them and check with you: {parts}.",
  "inquiry.corrected": "Our recruiter checked this with you and corrected it: {changes}",
  "inquiry.tooManyTitle": "Too many look-ups",
  "inquiry.tooMany": "Too many look-ups. Please try again in {minutes} {minutes:minute|minutes}.",
  "inquiry.tooManyHotline": "To ask about your request, call our hotline {hotline} and give your reference or company name.",
  "form.editAgain": "Back to the form to edit",
  "form.restored": "What you typed is back in the form. Please check it, then send it.",
  "form.switched": "Switched to English. Everything you typed is kept.",
  "form.placesAsked":
    "Not sent yet: a place in your notes names more than one place. Tap the one you mean below (it goes in Preferred districts), or send again as it is and a recruiter will check it with you.",
  "form.switchedConsent": "The consent box is unticked: please read the privacy notice in English, then tick it again.",
  "need.moveInHint": "e.g. {examples}, or year-month (YYYY-MM)",
  "need.unitCount": "How many buildings/units (if several; the area is their total)",
  "need.regionsHint":
    "Provinces, cities or districts — in Chinese (with or without the province/city), Traditional or pinyin — separated by commas, e.g. 南京市高淳区, Lishui District; or choose below",
  "form.unavailable":
    "We cannot save your request right now; everything you typed is still on this page. Please press send again in a moment, or call our hotline {hotline}.",
  "form.rateLimited": "Too many requests. Please try again in a minute or call our hotline {hotline}.",
  "form.overloaded":
    "The system is busy right now: your request has not been saved yet, and everything you typed is kept. Please send it again in a few seconds, or call our hotline {hotline}.",
  "app.tagline": "Tell us which factory, land, warehouse or office you need; a park recruiter will call you back soon.",
  "contact.phoneHint": "Mobile, landline with area code, or 400/800 number; a note after it is kept, e.g. (also WeChat)",
  "inquiry.notFoundHotline":
    "A reference looks like PM-20261203-0001. If you still cannot find it, call our hotline {hotline} with your company name.",
  "inquiry.next1": "We compare your request with the factories and land our parks offer.",
  "inquiry.next2": "The recruiter of each matching park calls you back as soon as possible during office hours.",
  "inquiry.next3": "To add or change anything, call our hotline {hotline} and quote your reference.",
  "inquiry.keep": "Please keep this number and quote it when you call us.",
  "inquiry.notFound": "We cannot find this reference. Please check it.",
  "region.found": "Search results: tap one to add it",
  "region.fixes": "Suggested districts: tap one to use it",
  "region.fix": "Use “{suggestion}” for “{name}”",
};

export const publicMessages = defineMessages({ zh, en });

/** The text for `key` in `lng`, with `{name}` placeholders filled from `params` (app/i18n/i18n.ts). */
export const publicText = publicMessages.t;
