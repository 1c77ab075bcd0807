import { defineMessages } from "./i18n";
import type { Lng } from "./lng";

// Field-level messages, in the person's language. Keys are used by the lead schema only.
const zh = {
  required: "请填写此项",
  choose: "请选择一项",
  chooseFrom: "“{typed}”不是可选项；可选：{options}",
  number: "请输入数字，例如 5000、5千 或 ５０００",
  area: "请输入面积，例如 5000、5千平 或 50亩；范围可写成 3000-5000",
  // Session 41: an area box not read says what was typed, and what to write instead (figure-refusal.ts areaRefusal).
  areaUnread: "没能从“{typed}”读出面积：请写平方米或亩，例如 5000、5千平 或 50亩；范围可写成 3000-5000",
  areaPing:
    "“{typed}”的单位是坪，我们按平方米或亩收面积：如是台湾、日本的坪（1坪约3.3平方米），{figure}坪约合 {sqm} 平方米，请写“{sqm}”；如是平方米，请写“{figure}平”",
  areaCount: "“{typed}”是数量，不是面积：面积请写平方米或亩，例如 5000 或 50亩；需要几栋（几处）请填在“几栋/几处”里",
  areaStoreys: "“{typed}”是楼层数，不是面积：面积请写平方米或亩，例如 5000；楼层的要求请写在补充说明里",
  areaLength: "“{typed}”是长度，不是面积：如是平方米，请写“{figure}平”或“{figure}平方米”；土地可写亩，例如 50亩",
  areaUnitUnknown: "“{typed}”里的“{unit}”不是我们认得的面积单位：请写平方米或亩，例如 5000、5千平 或 50亩",
  numberHeight: "请输入高度，例如 9 或 9米",
  heightUnclear: "看不清“{typed}”是几米：请写成小数，例如 8.5 或 8.05",
  loadUnitMissing:
    "承重“{typed}”没有单位，按公斤/平方米只有 {typed} 公斤，不像楼面承重：如是 {typed} 吨/平方米，请写“{typed}吨”或 {kg}；如确是公斤，请写“{typed}公斤”",
  numberMoney: "请输入金额（万元），例如 500 或 500万",
  taxEstimate: "请填写预计年纳税额（估算即可，单位万元），例如 300",
  "dealRefusedByNotes.lease": "补充说明说不租（“{text}”），上面选了租赁，请确认：改选购买或都可以，或改一下补充说明",
  "dealRefusedByNotes.buy": "补充说明说不买（“{text}”），上面选了购买，请确认：改选租赁或都可以，或改一下补充说明",
  // docs/decisions/197: the kind ticked is one the notes refuse ("不要厂房，要地自建" beside 厂房).
  kindRefusedByNotes: "补充说明说不要{kind}（“{text}”），上面选了{kind}，请确认：改选需要的类型，或改一下补充说明",
  // docs/decisions/168: a bracketed remark of an area box moves to the notes (ADR 165); no room left there.
  areaRemarkNoRoom: "括号里的“{remark}”要放进补充说明，但补充说明最多 {max} 个字，已放不下：请把补充说明写短一些，或去掉括号里的话",
  // docs/decisions/162: "不确定", "还不清楚" in the required tax box — why it is asked, and what will do.
  taxUnknown:
    "此项必填：园区按年纳税（亩均税收）的门槛招商，没有这个数无法判断哪些园区能接收。不确定也没关系，请估一个大概的数（单位万元），例如 300 或“300万左右”；若只知道范围，可直接填范围，例如 300-500（按较低的数计）",
  // docs/decisions/190: "same as phone" only beside a mobile — a landline or a 400/800 number has no WeChat.
  "wechatSameNotMobile.landline": "所填电话是座机，座机号没有微信，这里不能填“同手机号”：请填写微信号，或留空",
  "wechatSameNotMobile.service": "所填电话是 400/800 号码，这类号码没有微信，这里不能填“同手机号”：请填写微信号，或留空",
  "phoneWechatNotMobile.landline": "座机号没有微信：请去掉号码后的“{text}”，或改填手机号",
  "phoneWechatNotMobile.service": "400/800 号码没有微信：请去掉号码后的“{text}”，或改填手机号",
  singleStoreyOnly: "此项只表示是否必须单层：必须单层填“是”，不要求填“否”；想要多层等其他要求请写在补充说明里",
  moneyPerMu: "这是每亩的金额（如亩均税收、投资强度）：此项填总额（万元），例如 500；每亩的数字请写在补充说明里",
  moneyPerMonth: "此项填一年的金额（万元）：每月 {monthly} 万即每年 {yearly} 万，请填 {yearly}",
  moneyPerMonthBare: "此项填一年的金额（万元），不是每月的，例如 500",
  numberLoad: "请输入承重，例如 3000 或 3吨/平方米",
  numberPower: "请输入配电容量，例如 1000、1000千伏安 或 2台500千伏安",
  numberCrane: "请输入行车吨位，例如 10 或 10吨",
  powerCountOnly: "请写明每台变压器的容量，例如“2台500千伏安”，或直接填合计容量，例如 1000",
  powerSizes: "变压器容量不一：请填合计容量（千伏安），例如 {hint}；各台的容量写在补充说明里",
  powerCount: "看不清几台、每台多大：请写成“2台500千伏安”，或直接填合计容量，例如 1000",
  craneCountOnly: "请写明行车吨位，例如 10 或 10吨（几台写在补充说明里）",
  craneSizes: "行车吨位不一：此项填最大一台的吨位，例如 {hint}；其余的写在补充说明里",
  craneCount: "看不清几台、每台几吨：请写成“2台10吨”，或只填每台的吨位，例如 10",
  negative: "不能为负数",
  tooLarge: "数值过大，请核对",
  tooLong: "最多 {max} 个字",
  tooMany: "最多 {max} 项",
  phone: "请输入有效的手机号、带区号的座机或 400/800 号码",
  phoneTwo: "这里只能填一个号码：请留下一个，另一个写在补充说明里",
  // A number valid outside the mainland (ADR 113): said which numbers are taken, and where this one can go.
  phoneAbroadHK: "这是香港的号码：目前只能受理中国大陆的号码（手机、带区号的座机或 400/800）。请留一个大陆号码，香港号码可以写在补充说明里",
  phoneAbroadMO: "这是澳门的号码：目前只能受理中国大陆的号码（手机、带区号的座机或 400/800）。请留一个大陆号码，澳门号码可以写在补充说明里",
  phoneAbroadTW:
    "这是台湾地区的号码：目前只能受理中国大陆的号码（手机、带区号的座机或 400/800）。请留一个大陆号码，台湾号码可以写在补充说明里",
  phoneAbroad: "这是境外的号码：目前只能受理中国大陆的号码（手机、带区号的座机或 400/800）。请留一个大陆号码，境外号码可以写在补充说明里",
  creditCode: "统一社会信用代码应为 18 位数字或字母，不含字母 I、O、Z、S、V（字母 O 多为数字 0，I 多为数字 1）",
  creditCodeLength: "统一社会信用代码应为 18 位，这里是 {n} 位：请对照营业执照核对是否漏输或多输",
  creditCodeChars: "统一社会信用代码里不会有{where}：代码只用数字和字母，不含字母 I、O、Z、S、V（字母 O 多为数字 0，I 多为数字 1）",
  creditCodeCharAt: "第 {at} 位的“{char}”",
  creditCodeAuthority: "统一社会信用代码第 1 位（登记管理部门代码）无效，请核对",
  creditCodeOrgType: "统一社会信用代码第 2 位（机构类别代码）与第 1 位的登记管理部门不符，请核对",
  creditCodeDivision: "统一社会信用代码第 3–8 位不是有效的行政区划代码，请核对",
  creditCodeOrgCode: "统一社会信用代码第 9–17 位（组织机构代码）校验不符，请核对",
  creditCodeIdCard: "这是身份证号码，请填写企业的统一社会信用代码（营业执照上的 18 位代码）",
  areaBound: "请至少填写最小面积或最大面积（也可写在补充说明里）",
  areaOrder: "最小面积不能大于最大面积",
  industry: "请选择行业大类（国民经济行业分类 GB/T 4754-2017，如 C39）",
  email: "邮箱格式不正确",
  month: "请按 年-月 填写（YYYY-MM），也可写{examples}",
  monthUnread: "没能从“{typed}”读出月份：请写年-月，例如 {example}",
  monthPast: "入驻时间不能早于本月",
  monthWhichYear: "“{typed}”可能指今年，也可能指明年：请写“今年{typed}”或“明年{typed}”，或写年月，例如 {example}",
  monthSpans: "“{typed}”跨 {from} 和 {to} 两个月：请写明年月，例如 {to}",
  monthNoSuchDay: "“{typed}”：{year}年{month}月没有{day}日（这个月只有 {days} 天）；请写存在的日期，或只写年月，例如 {example}",
  monthNoSuchMonth: "“{typed}”：没有{month}月，月份是 1 到 12；请写年月，例如 {example}",
  minOnly: "此项填最低要求；“以下”“不超过”这样的上限请写在补充说明里",
  maxOnly: "此项填上限；“以上”“至少”这样的下限请填在最小面积里",
  areaMinOnly: "此项填最小面积；“以下”“不超过”这样的上限请填在最大面积里",
  areaUnclear:
    "“{typed}”看不出是多少：小数点后有三位以上数字，或逗号不是每三位一个（是 1.5 还是 15000？）；请重写，例如 15000、1.5万 或 5000",
  figureUnclear: "“{typed}”看不出是多少：小数点后有三位以上数字，或逗号不是每三位一个（是 8 还是 8000？）；请重写，例如 8、8.5 或 1000",
  areaRange: "这是一个范围：请在最小面积填“{low}”，最大面积填“{high}”",
  range: "这是一个范围（“{low}”到“{high}”），此项只填一个数；范围请写在补充说明里",
  consent: "请阅读并同意个人信息处理说明后提交",
  consentOral: "请先向来电人说明个人信息处理规则，并确认其口头同意",
  regionUnknown: "未能识别区域“{name}”，请填写省、市或区县名称，如 南京市高淳区",
  regionUnknownSuggest: "未能识别区域“{name}”，您要找的是否是：{suggestions}",
  regionAmbiguous: "“{name}”有多个同名区域，请加上省市名称：{suggestions}",
  regionZone: "“{name}”像是开发区或新区的名称，我们还不知道它在哪个区县：请填写它所在的区县，如 南京市高淳区",
  regionZoneSuggest: "“{name}”像是开发区或新区的名称，我们还不知道它在哪个区县：请填写它所在的区县，或填写：{suggestions}",
  // ADR 113 amended: a zone in the picker's search list; the notes' places a typed regions box leaves out (the desk's preview).
  regionZoneOption: "{name}（在{districts}）",
  // ADR 118: a zone kind alone names no place; a zone over many districts asks which.
  regionGeneric: "“{name}”没有说是哪里：请填写它所在的区县或园区的全名，如 南京市高淳区、南京江北新区",
  regionSpans: "“{name}”的园区分布在多个区（一区多园），不知道要哪个区：请填写要的区县（可以填几个），或填写：{suggestions}",
  placesNotInBox: "备注中的地点 {places} 不在所填意向区域里：按所填的意向区域匹配，如也要这些地点，请加到意向区域",
  integer: "请输入整数",
  unitCount: "请填写需要几栋（几处）：2 到 99 的整数，例如 3；只要一处请留空",
  invalid: "格式不正确",
  sentTwice: "此项收到了 {count} 个值（{values}），请只保留一个后再提交",
  json: "请求体不是有效的 JSON",
  jsonObject: "请求体应为 JSON 对象",
  rateLimited: "请求过于频繁，请稍后再试",
  idempotencyConflict: "该 Idempotency-Key 已用于另一份不同的需求，请换一个新的键",
  idempotencyKey: "Idempotency-Key 应为 1–200 个可见字符",
  unavailable: "服务暂时不可用，需求未保存，请稍后重试或致电招商热线 {hotline}",
  overloaded: "系统繁忙，需求未保存，请几秒后重试",
} as const;

export type ValidationKey = keyof typeof zh;

const en: Record<ValidationKey, string> = {
  required: "This field is required",
  choose: "Please choose one",
  chooseFrom: "“{typed}” is not one of the choices: {options}",
  number: "Enter a number, e.g. 5000",
  area: "Enter an area, e.g. 5000, 5000 sqm or 50 mu; a range can be written 3000-5000",
  areaUnread:
    "“{typed}” could not be read as an area: write square metres or mu, e.g. 5000, 5000 sqm or 50 mu; a range can be written 3000-5000",
  areaPing:
    "“{typed}” is in ping (坪); we take areas in square metres or mu: if it is the ping of Taiwan or Japan (about 3.3 ㎡ each), {figure} ping is about {sqm} ㎡ — write “{sqm}”; if square metres were meant, write “{figure} sqm”",
  areaCount:
    "“{typed}” is a count, not an area: write the area in square metres or mu, e.g. 5000 or 50 mu; put how many buildings (units) in “How many buildings/units”",
  areaStoreys:
    "“{typed}” is a number of storeys, not an area: write the area in square metres or mu, e.g. 5000; put storey wishes in the notes",
  areaLength:
    "“{typed}” is a length, not an area: if square metres were meant, write “{figure} sqm”; land can be written in mu, e.g. 50 mu",
  areaUnitUnknown: "“{unit}” in “{typed}” is no unit of area we know: write square metres or mu, e.g. 5000, 5000 sqm or 50 mu",
  numberHeight: "Enter a height, e.g. 9 or 9 m",
  heightUnclear: "It is unclear how many metres “{typed}” is: type a decimal, e.g. 8.5 or 8.05",
  loadUnitMissing:
    "The floor load “{typed}” has no unit, and {typed} kg/㎡ is no floor’s load: for {typed} t/㎡ write “{typed} t” or {kg}; if it is kilograms, write “{typed} kg”",
  numberMoney: "Enter an amount in 10,000 yuan, e.g. 500 or 500万",
  taxEstimate: "Enter the expected annual tax — an estimate is fine — in 10,000 yuan, e.g. 300",
  "dealRefusedByNotes.lease":
    'Your notes rule out leasing ("{text}"), but Lease is ticked above. Please confirm: tick Buy or Either, or change the notes',
  "dealRefusedByNotes.buy":
    'Your notes rule out buying ("{text}"), but Buy is ticked above. Please confirm: tick Lease or Either, or change the notes',
  kindRefusedByNotes:
    'Your notes rule out {kind} ("{text}"), but {kind} is ticked above. Please confirm: tick the kind you need, or change the notes',
  areaRemarkNoRoom:
    "The words in brackets, “{remark}”, are kept in the notes, but the notes take at most {max} {max:character|characters} and have no room left: shorten the notes, or take the bracketed words out of this box",
  taxUnknown:
    "This is required: parks admit enterprises by annual tax (tax per mu), so without a figure we cannot tell which parks can take you. Not sure is fine — give a rough figure in 10,000 yuan, e.g. 300 or “about 300”; if you only know a range, enter it, e.g. 300-500 (its lower figure is taken)",
  "wechatSameNotMobile.landline":
    "The phone given is a landline, which has no WeChat, so WeChat cannot be “same as phone”: enter the WeChat ID, or leave this blank",
  "wechatSameNotMobile.service":
    "The phone given is a 400/800 number, which has no WeChat, so WeChat cannot be “same as phone”: enter the WeChat ID, or leave this blank",
  "phoneWechatNotMobile.landline": "A landline has no WeChat: take “{text}” off after the number, or give a mobile number",
  "phoneWechatNotMobile.service": "A 400/800 number has no WeChat: take “{text}” off after the number, or give a mobile number",
  singleStoreyOnly:
    "This only says whether a single-storey building is required: yes if it must be, no if not; other wishes (several floors) go in the notes",
  moneyPerMu:
    "That is an amount per mu (like tax per mu or investment intensity): enter the total in 10,000 yuan, e.g. 500, and put the per-mu figure in the notes",
  moneyPerMonth: "Enter the amount for a year (10,000 yuan): {monthly} a month is {yearly} a year, so enter {yearly}",
  moneyPerMonthBare: "Enter the amount for a year (10,000 yuan), not per month, e.g. 500",
  numberLoad: "Enter a floor load, e.g. 3000 or 3 t/sqm",
  numberPower: "Enter a power supply, e.g. 1000, 1000 kVA or 2 × 500 kVA",
  numberCrane: "Enter a crane capacity, e.g. 10 or 10 t",
  powerCountOnly: "Say how large each transformer is, e.g. 2 × 500 kVA, or type the total, e.g. 1000",
  powerSizes: "The transformers differ in size: type their total in kVA, e.g. {hint}, and list each one in the notes",
  powerCount: "It is unclear how many transformers of what size: write e.g. 2 × 500 kVA, or type the total, e.g. 1000",
  craneCountOnly: "Give the crane's capacity, e.g. 10 or 10 t (how many cranes can go in the notes)",
  craneSizes: "The cranes differ in capacity: type the largest, e.g. {hint}, and list the others in the notes",
  craneCount: "It is unclear how many cranes of what capacity: write e.g. 2 × 10 t, or just each crane's capacity, e.g. 10",
  negative: "Must not be negative",
  tooLarge: "This number is too large, please check it",
  tooLong: "At most {max} {max:character|characters}",
  tooMany: "At most {max} {max:entry|entries}",
  phone: "Enter a valid mobile number, a landline with area code, or a 400/800 number",
  phoneTwo: "Only one number fits here: keep one and write the other in the notes",
  phoneAbroadHK:
    "This is a Hong Kong number: we can only take mainland China numbers for now (a mobile, a landline with area code, or 400/800). Please leave a mainland number; you can add this one in the notes",
  phoneAbroadMO:
    "This is a Macau number: we can only take mainland China numbers for now (a mobile, a landline with area code, or 400/800). Please leave a mainland number; you can add this one in the notes",
  phoneAbroadTW:
    "This is a Taiwan number: we can only take mainland China numbers for now (a mobile, a landline with area code, or 400/800). Please leave a mainland number; you can add this one in the notes",
  phoneAbroad:
    "This number is from outside mainland China: we can only take mainland China numbers for now (a mobile, a landline with area code, or 400/800). Please leave a mainland number; you can add this one in the notes",
  creditCode:
    "The unified social credit code has 18 digits or letters, never I, O, Z, S or V (an O is usually the digit 0, an I the digit 1)",
  creditCodeLength:
    "The unified social credit code has 18 digits or letters; this one has {n}: check it against the business licence for one left out or typed twice",
  creditCodeChars:
    "The credit code cannot have {where}: it has digits and letters, never I, O, Z, S or V (an O is usually the digit 0, an I the digit 1)",
  creditCodeCharAt: "“{char}” at character {at}",
  creditCodeAuthority: "Character 1 of the credit code (registration authority) is not valid; please check it",
  creditCodeOrgType: "Character 2 of the credit code (organisation type) does not belong to the authority in character 1; please check it",
  creditCodeDivision: "Characters 3–8 of the credit code are not a valid administrative division code; please check them",
  creditCodeOrgCode: "Characters 9–17 of the credit code (organisation code) fail their check; please check them",
  creditCodeIdCard: "This is a resident ID number; enter the company's unified social credit code (18 characters on the business licence)",
  areaBound: "Give at least a minimum or a maximum area (or write it in the notes)",
  areaOrder: "The minimum area must not be larger than the maximum",
  industry: "Choose an industry division (GB/T 4754-2017, e.g. C39)",
  email: "This email address is not valid",
  month: "Use year-month (YYYY-MM), or words such as {examples}",
  monthUnread: "“{typed}” could not be read as a month: write the year and month, e.g. {example}",
  monthPast: "The move-in month cannot be in the past",
  monthWhichYear: "“{typed}” could mean this year or next: add the year (今年{typed} / 明年{typed}) or write a month, e.g. {example}",
  monthSpans: "“{typed}” spans two months ({from} and {to}): write the month, e.g. {to}",
  monthNoSuchDay:
    "“{typed}”: month {month} of {year} has no day {day} (it has {days} {days:day|days}); write a day that exists, or just the month, e.g. {example}",
  monthNoSuchMonth: "“{typed}”: there is no month {month}, months are 1 to 12; write a year and month, e.g. {example}",
  minOnly: "This field is a minimum; write an upper limit ('at most …') in the notes",
  maxOnly: "This field is a maximum; put a lower limit ('at least …') in the minimum area",
  areaMinOnly: "This field is the minimum area; put an upper limit ('at most …') in the maximum area",
  areaUnclear:
    "“{typed}” is unclear: three or more digits after the point, or commas not every three digits (1.5 or 15000?); please write it again, e.g. 15000 or 5000",
  figureUnclear:
    "“{typed}” is unclear: three or more digits after the point, or commas not every three digits (8 or 8000?); please write it again, e.g. 8, 8.5 or 1000",
  areaRange: "This is a range: put “{low}” in the minimum area and “{high}” in the maximum area",
  range: "This is a range (“{low}” to “{high}”); this field takes one figure — write the range in the notes",
  consent: "Please read and accept the personal information notice",
  consentOral: "Explain the personal information notice to the caller and confirm their oral consent first",
  regionUnknown: "Unknown region “{name}”: enter a province, city or district, e.g. 南京市高淳区 or Gaochun District",
  regionUnknownSuggest: "Unknown region “{name}”. Did you mean: {suggestions}",
  regionAmbiguous: "Several regions are called “{name}”; add the province or city: {suggestions}",
  regionZone:
    "“{name}” looks like a development zone or new area we do not know yet: enter the district or county it is in, e.g. 南京市高淳区 or Gaochun District",
  regionZoneSuggest:
    "“{name}” looks like a development zone or new area we do not know yet: enter the district or county it is in, or: {suggestions}",
  regionZoneOption: "{name}, in {districts}",
  regionGeneric:
    "“{name}” does not say where: enter the district or county it is in, or the zone's full name, e.g. 南京市高淳区 (Gaochun District) or 南京江北新区",
  regionSpans:
    "“{name}” has parks in several districts, so which one is not known: enter the district or districts wanted, or: {suggestions}",
  placesNotInBox:
    "places {places} in the notes are not in Preferred districts: matching uses Preferred districts as typed; add them there if they are wanted too",
  integer: "Enter a whole number",
  unitCount: "Enter how many buildings (units) are needed: a whole number from 2 to 99, e.g. 3; leave it blank for one",
  invalid: "Invalid value",
  sentTwice: "This field was sent {count} {count:time|times} ({values}); keep one value and send again",
  json: "The request body is not valid JSON",
  jsonObject: "The request body must be a JSON object",
  rateLimited: "Too many requests, please try again later",
  idempotencyConflict: "This Idempotency-Key was already used for a different request; use a new key",
  idempotencyKey: "Idempotency-Key must be 1–200 visible characters",
  unavailable: "Service temporarily unavailable; the request was not saved. Retry later or call our hotline {hotline}",
  overloaded: "The system is busy; the request was not saved. Retry in a few seconds",
};

export const validationMessages = defineMessages({ zh, en });

/** The text for `key` in `lng`, with `{name}` placeholders filled from `params` (app/i18n/i18n.ts). */
export const validationMessage = validationMessages.t;

/** Every message template of one language (for the test that no library default reaches a person). */
export function validationTemplates(lng: Lng): string[] {
  return Object.values(validationMessages[lng]);
}
