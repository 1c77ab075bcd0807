import { defineMessages } from "./i18n";
import type { Lng } from "./lng";

// Field-level messages, in the person's language. Keys are used by the lead schema only.
const zh = {
  required: "请填写此项",
  choose: "请选择一项",
  number: "请输入数字，例如 5000、5千 或 ５０００",
  area: "请输入面积，例如 5000、5千平 或 50亩",
  numberHeight: "请输入高度，例如 9 或 9米",
  numberMoney: "请输入金额（万元），例如 500 或 500万",
  numberLoad: "请输入承重，例如 3000 或 3吨/平方米",
  numberPower: "请输入配电容量，例如 1000 或 1000千伏安",
  numberCrane: "请输入行车吨位，例如 10 或 10吨",
  negative: "不能为负数",
  tooLarge: "数值过大，请核对",
  tooLong: "最多 {max} 个字",
  tooMany: "最多 {max} 项",
  phone: "请输入有效的手机号、带区号的座机或 400/800 号码",
  creditCode: "统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）",
  creditCodeAuthority: "统一社会信用代码第 1 位（登记管理部门代码）无效，请核对",
  creditCodeOrgType: "统一社会信用代码第 2 位（机构类别代码）与第 1 位的登记管理部门不符，请核对",
  creditCodeDivision: "统一社会信用代码第 3–8 位不是有效的行政区划代码，请核对",
  creditCodeOrgCode: "统一社会信用代码第 9–17 位（组织机构代码）校验不符，请核对",
  creditCodeIdCard: "这是身份证号码，请填写企业的统一社会信用代码（营业执照上的 18 位代码）",
  areaBound: "请至少填写最小面积或最大面积（也可写在补充说明里）",
  areaOrder: "最小面积不能大于最大面积",
  industry: "请选择行业大类（国民经济行业分类 GB/T 4754-2017，如 C39）",
  email: "邮箱格式不正确",
  month: "请按 年-月 填写，例如 2027-03，也可写“尽快”“年底”“明年3月”“三个月内”",
  monthPast: "入驻时间不能早于本月",
  minOnly: "此项填最低要求；“以下”“不超过”这样的上限请写在补充说明里",
  maxOnly: "此项填上限；“以上”“至少”这样的下限请填在最小面积里",
  areaRange: "这是一个范围：请在最小面积填“{low}”，最大面积填“{high}”",
  range: "这是一个范围（“{low}”到“{high}”），此项只填一个数；范围请写在补充说明里",
  consent: "请阅读并同意个人信息处理说明后提交",
  consentOral: "请先向来电人说明个人信息处理规则，并确认其口头同意",
  regionUnknown: "未能识别区域“{name}”，请填写省、市或区县名称，如 南京市高淳区",
  regionUnknownSuggest: "未能识别区域“{name}”，您要找的是否是：{suggestions}",
  regionAmbiguous: "“{name}”有多个同名区域，请加上省市名称：{suggestions}",
  integer: "请输入整数",
  invalid: "格式不正确",
  json: "请求体不是有效的 JSON",
  jsonObject: "请求体应为 JSON 对象",
  rateLimited: "请求过于频繁，请稍后再试",
  idempotencyConflict: "该 Idempotency-Key 已用于另一份不同的需求，请换一个新的键",
  idempotencyKey: "Idempotency-Key 应为 1–200 个可见字符",
  unavailable: "服务暂时不可用，需求未保存，请稍后重试或致电招商热线 {hotline}",
  overloaded: "提交的人太多，需求未保存，请几秒后重试",
} as const;

export type ValidationKey = keyof typeof zh;

const en: Record<ValidationKey, string> = {
  required: "This field is required",
  choose: "Please choose one",
  number: "Enter a number, e.g. 5000",
  area: "Enter an area, e.g. 5000, 5000 sqm or 50 mu",
  numberHeight: "Enter a height, e.g. 9 or 9 m",
  numberMoney: "Enter an amount in 10,000 yuan, e.g. 500 or 500万",
  numberLoad: "Enter a floor load, e.g. 3000 or 3 t/sqm",
  numberPower: "Enter a power supply, e.g. 1000 or 1000 kVA",
  numberCrane: "Enter a crane capacity, e.g. 10 or 10 t",
  negative: "Must not be negative",
  tooLarge: "This number is too large, please check it",
  tooLong: "At most {max} {max:character|characters}",
  tooMany: "At most {max} {max:entry|entries}",
  phone: "Enter a valid mobile number, a landline with area code, or a 400/800 number",
  creditCode: "The unified social credit code has 18 digits or capital letters (no I, O, Z, S or V)",
  creditCodeAuthority: "Character 1 of the credit code (registration authority) is not valid; please check it",
  creditCodeOrgType: "Character 2 of the credit code (organisation type) does not belong to the authority in character 1; please check it",
  creditCodeDivision: "Characters 3–8 of the credit code are not a valid administrative division code; please check them",
  creditCodeOrgCode: "Characters 9–17 of the credit code (organisation code) fail their check; please check them",
  creditCodeIdCard: "This is a resident ID number; enter the company's unified social credit code (18 characters on the business licence)",
  areaBound: "Give at least a minimum or a maximum area (or write it in the notes)",
  areaOrder: "The minimum area must not be larger than the maximum",
  industry: "Choose an industry division (GB/T 4754-2017, e.g. C39)",
  email: "This email address is not valid",
  month: "Use year-month, e.g. 2027-03, or words such as 'as soon as possible' or 'within 3 months'",
  monthPast: "The move-in month cannot be in the past",
  minOnly: "This field is a minimum; write an upper limit ('at most …') in the notes",
  maxOnly: "This field is a maximum; put a lower limit ('at least …') in the minimum area",
  areaRange: "This is a range: put “{low}” in the minimum area and “{high}” in the maximum area",
  range: "This is a range (“{low}” to “{high}”); this field takes one figure — write the range in the notes",
  consent: "Please read and accept the personal information notice",
  consentOral: "Explain the personal information notice to the caller and confirm their oral consent first",
  regionUnknown: "Unknown region “{name}”: enter a province, city or district, e.g. 南京市高淳区 or Gaochun District",
  regionUnknownSuggest: "Unknown region “{name}”. Did you mean: {suggestions}",
  regionAmbiguous: "Several regions are called “{name}”; add the province or city: {suggestions}",
  integer: "Enter a whole number",
  invalid: "Invalid value",
  json: "The request body is not valid JSON",
  jsonObject: "The request body must be a JSON object",
  rateLimited: "Too many requests, please try again later",
  idempotencyConflict: "This Idempotency-Key was already used for a different request; use a new key",
  idempotencyKey: "Idempotency-Key must be 1–200 visible characters",
  unavailable: "Service temporarily unavailable; the request was not saved. Retry later or call our hotline {hotline}",
  overloaded: "Too many submissions right now; the request was not saved. Retry in a few seconds",
};

export const validationMessages = defineMessages({ zh, en });

/** The text for `key` in `lng`, with `{name}` placeholders filled from `params` (app/i18n/i18n.ts). */
export const validationMessage = validationMessages.t;

/** Every message template of one language (for the test that no library default reaches a person). */
export function validationTemplates(lng: Lng): string[] {
  return Object.values(validationMessages[lng]);
}
