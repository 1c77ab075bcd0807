import { defineMessages } from "./i18n";

// What the inventory's own rules say (app/inventory/inventory-schema.ts), in both languages: the admin
// reads them beside a cell of the Excel import or a field of /admin/parks|spaces|recruiters in their
// language; the JSON import (API, CLI) reports the English. Rules without a message of their own are
// said by library-error-messages.ts.
export const inventoryRuleMessages = defineMessages({
  zh: {
    idChars: "编号只能用字母、数字和 _ . -",
    dateFormat: "日期格式应为 年-月-日（如 2026-12-01）",
    dateNoSuchDay: "没有这一天",
    timeFormat: "时间格式应为 时:分（如 09:00）",
    industryUnknown: "未知的行业代码 {code}（GB/T 4754，如 C35）",
    districtCodeFormat: "区县代码应为 6 位数字（GB/T 2260）",
    districtCodeNotCounty: "{code} 不是区县一级的行政区划代码（GB/T 2260）",
    districtCodeMismatch: "区划代码 {code} 是{coded}，与所填的{named}（{namedCode}）不一致：请改正区划代码，或清空它按省市区自动识别",
    districtAmbiguous: "{where} 对应多个区县，请写规范名称或填区县代码{nearest}",
    districtUnknown: "{where} 不是区县一级的行政区划（GB/T 2260），请写规范名称或填区县代码{nearest}",
    districtNearest: "；最接近的：{names}",
    figureRange: "{name}只能填一个数，{example}；“{typed}”是一个范围（{low}到{high}）",
    figurePositive: "“{typed}”是负数：{name}应大于 0",
    figureNotNegative: "“{typed}”是负数：{name}不能为负数，不清楚请留空",
    availableWhichYear: "“{typed}”可能指今年，也可能指明年：请写“今年{typed}”或“明年{typed}”，或写年月，例如 {example}",
    availableSpans: "“{typed}”跨 {from} 和 {to} 两个月：请写明年月，例如 {from}",
    availableNoSuchDay: "“{typed}”：{year}年{month}月没有{day}日（这个月只有 {days} 天），例如 {example}",
    availableNoSuchMonth: "“{typed}”：没有{month}月，月份是 1 到 12，例如 {example}",
    availableRead: "编号 {id}：可入驻时间“{typed}”读作 {month}（时段按其第一个月）",
    availableUnread: "无法识别可入驻时间“{typed}”，例如 2027-03、2027-03-15、下半年、年底 或 明年3月",
    headerUnitUnknown: "列“{header}”的单位“{unit}”无法识别：请把表头写成“{own}”，或把单位写在每个单元格里",
    divisibleOverArea: "最小可分割面积不能大于面积",
    storeysDisagree: "与层数不符：只有 1 层才是单层（层数大于 1 则单层填“否”），请改正层数或单层",
    phoneInvalid: "不是有效的大陆电话号码",
    awayOrder: "休假结束日早于开始日",
    awayOneWindow: "只能填一段休假",
    hoursOrder: "上班时间应早于下班时间",
    wecomUrl: "请填企业微信群机器人的 Webhook 地址：https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…（在群里添加机器人后复制）",
  },
  en: {
    idChars: "id: letters, digits, _ . - only",
    dateFormat: "date: YYYY-MM-DD",
    dateNoSuchDay: "date: no such day",
    timeFormat: "time: HH:MM",
    industryUnknown: "unknown industry code {code} (GB/T 4754, e.g. C35)",
    districtCodeFormat: "districtCode: six digits (GB/T 2260)",
    districtCodeNotCounty: "districtCode: {code} is not a county-level division code (GB/T 2260)",
    districtCodeMismatch:
      "districtCode: {code} is {coded}, but the names say {named} ({namedCode}); correct the code, or leave it blank to take it from the names",
    districtAmbiguous: "district: {where} names several county-level divisions{nearest}; give the official name or the districtCode",
    districtUnknown: "district: {where} is not a county-level division (GB/T 2260){nearest}; give the official name or the districtCode",
    districtNearest: "; nearest: {names}",
    figureRange: "{name} takes one figure, {example}; “{typed}” is a range ({low} to {high})",
    figurePositive: "“{typed}” is negative: {name} must be greater than 0",
    figureNotNegative: "“{typed}” is negative: {name} must not be negative; leave it blank when unknown",
    availableWhichYear: "“{typed}” could mean this year or next: add the year (今年{typed} / 明年{typed}) or write a month, e.g. {example}",
    availableSpans: "“{typed}” spans two months ({from} and {to}): write the month, e.g. {from}",
    availableNoSuchDay: "“{typed}”: month {month} of {year} has no day {day} (it has {days} {days:day|days}), e.g. {example}",
    availableNoSuchMonth: "“{typed}”: there is no month {month}, months are 1 to 12, e.g. {example}",
    availableRead: "id {id}: available from “{typed}” read as {month} (a period reads as its first month)",
    availableUnread:
      "cannot read the available-from date “{typed}”, e.g. 2027-03, 2027-03-15, 下半年 (second half), 年底 (year end) or 明年3月",
    headerUnitUnknown: "column “{header}”: the unit “{unit}” is not understood; name the column “{own}”, or write the unit in each cell",
    divisibleOverArea: "divisibleMinSqm must not exceed areaSqm",
    storeysDisagree:
      "single storey disagrees with floors: only a building of 1 floor is single storey (more floors: single storey “no”); correct one of them",
    phoneInvalid: "phone: not a valid mainland number",
    awayOrder: "away: the last day is before the first",
    awayOneWindow: "away: one window at most",
    hoursOrder: "workingHours: the start is not before the end",
    wecomUrl:
      "wecomWebhookUrl: the group robot's webhook address, https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… (copied when the robot is added to the group)",
  },
});
