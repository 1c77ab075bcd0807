import { defineMessages } from "./i18n";

// Answers to requests refused before they reach a page or an API route (ADR 021). zh-CN first.
const zh = {
  badUrl: "网址编码不正确，请检查链接。",
  headersTooLong: "网址或请求头过长（上限 16 KB），请求未处理。请缩短链接或搜索的文字后重试。",
  badRequest: "请求格式不正确，未处理。",
  // The page Node's parser refusals get (app/http/client-error.server.ts, ADR 179).
  "clientError.title": "无法打开这个网址",
  "clientError.home": "返回首页",
  badChars: "“{field}” 含有无法保存的字符（空字符 NUL 或残缺的 Unicode 代理字符），请删除后重试。",
  badCharsTakenOut:
    "“{field}” 含有无法保存的字符（空字符 NUL 或残缺的 Unicode 代理字符），未提交。下面是您填写的内容，这些字符已去掉，核对后可再次提交。",
  badCharsTakenOutUnnamed:
    "提交的内容含有无法保存的字符（空字符 NUL 或残缺的 Unicode 代理字符），未提交。下面是您填写的内容，这些字符已去掉，核对后可再次提交。",
  badCharsUnnamed: "提交的内容含有无法保存的字符（空字符 NUL 或残缺的 Unicode 代理字符），请删除后重试。",
  badEncoding: "请求内容不是有效的 UTF-8 编码。",
  tooDeep: "JSON 嵌套层数过多（上限 {max} 层）。",
  json: "请求体不是有效的 JSON。",
  form: "请求体不是有效的表单数据。",
  formType: "请以网页表单提交（Content-Type: application/x-www-form-urlencoded 或带 boundary 的 multipart/form-data）。",
  jsonType: "请以 Content-Type: application/json 提交。",
  bodyCoding: "请求体请勿压缩（不支持 Content-Encoding，请去掉该请求头并发送原文）。",
  tooBig: "请求体过大（上限 {max} KB）。",
  tooManyFields: "表单的字段过多（上限 {max} 个），未处理。请刷新页面后重新填写提交。",
  // A page's form refused as a whole, its typing carried back (ADR 156)
  tooBigKept: "提交的内容超过 {max} KB 上限，未提交。下面是您填写的内容（过长的文字只保留了前 {chars} 个字），请删减后再次提交。",
  tooManyFieldsKept: "表单的字段过多（上限 {max} 个），未提交。下面是您填写的内容（重复的只保留一份），核对后可再次提交。",
  badEncodingKept: "“{field}” 含有无法识别的字符（不是有效的 UTF-8 编码），未提交。下面是您填写的内容，这些字符已去掉，核对后可再次提交。",
  badEncodingKeptUnnamed:
    "提交的内容含有无法识别的字符（不是有效的 UTF-8 编码），未提交。下面是您填写的内容，这些字符已去掉，核对后可再次提交。",
  // The same refusals said on the hydrated page that sent the form, which still holds the typing (ADR 163)
  tooBigInPage: "提交的内容超过 {max} KB 上限，未提交。请删减较长的文字后再提交。",
  tooManyFieldsInPage: "表单的字段过多（上限 {max} 个），未提交。",
  badEncodingInPage: "“{field}” 含有无法识别的字符（不是有效的 UTF-8 编码），未提交。请删除这些字符后再提交。",
  badEncodingInPageUnnamed: "提交的内容含有无法识别的字符（不是有效的 UTF-8 编码），未提交。请删除这些字符后再提交。",
  crossOrigin: "拒绝来自其他网站的提交。请在本站页面上重新填写并提交。",
  csrf: "页面已过期，请刷新页面后重试。",
  csrfTitle: "页面已过期",
  method: "不支持此请求方法。",
  unavailable: "服务暂时不可用，请稍后再试，或致电招商热线 {hotline}。",
  // A request the web could not answer within ANSWER_DEADLINE_SECONDS (a database that went silent): what was sent may yet be saved (ADR 202)
  unconfirmed: "系统未能及时响应，无法确认刚才的提交是否已保存。请稍后再次提交（同一份提交不会重复登记），或致电招商热线 {hotline}。",
  error: "服务出错了，请稍后再试，或致电招商热线 {hotline}。",
  title: "无法处理此请求",
  back: "返回上一页",
  unavailableTitle: "服务暂时不可用",
  // JSON API answers (app/api/errors.server.ts, ADR 025)
  unauthorized: "需要授权：请附上 Authorization: Bearer <管理令牌>，或先登录。",
  unauthorizedTokenOnly: "此接口只接受管理令牌：请附上 Authorization: Bearer <管理令牌>。在网页上导入请用“后台 → 导入”（/admin/import）。",
  forbidden: "您已登录，但没有权限使用此接口（需要管理员角色）。",
  tooManyTokens: "错误的管理令牌次数过多，请 {seconds} 秒后再试。",
  lookupRateLimited: "查询太频繁：每个账号每分钟最多查 {max} 次。",
  notFound: "找不到该记录。",
  noSuchApi: "没有这个接口地址。",
  postOnly: "此地址只接受 POST 请求。",
  jsonObject: "请求体应为 JSON 对象。",
  importRows: "{count} 行有误，未导入任何数据。",
  importFailed: "导入失败，未导入任何数据。",
  importBusy: "另有导入正在进行，本次未读取、未写入任何数据，请一分钟后重试。",
  exportBusy: "同时在生成的导出文件太多，本次未生成文件，请稍等片刻后重试。",
  importTooMany: "共 {rows} 行，超过每次 {max} 行：请分批导入，未导入任何数据。",
  callOutcome: "应为 {choices} 之一。",
  retryMinutes: "应为 1 到 10080 之间的分钟数。",
  callClosed: "该呼叫任务已经结束。",
  notAHandover: "只有转交任务可以标记为“专员拒绝”。",
  divisionCode: "应为六位行政区划代码。",
  personQuery: "请输入手机号或线索编号。",
  // A staff form that is not the page's own (app/http/action-form.server.ts formShapeRefusal)
  formIncomplete: "表单不完整，请刷新页面后重试（未保存任何内容）。",
  fieldTwice: "此项只能填一个值，但提交了 {count} 个，请刷新页面后重试。",
  formTwice: "表单中有一项提交了不止一个值，请刷新页面后重试（未保存任何内容）。",
  // A key written twice in one JSON object (ADR 113): the form's own words for a field sent twice (ADR 102, validation-messages.ts sentTwice).
  sentTwice: "此项收到了 {count} 个值（{values}），请只保留一个后再提交",
} as const;

export type HttpKey = keyof typeof zh;

const en: Record<HttpKey, string> = {
  badUrl: "The address is not encoded correctly; please check the link.",
  headersTooLong:
    "The address or the request headers are too long (limit 16 KB); the request was not processed. Shorten the link or the search text and try again.",
  badRequest: "The request is malformed and was not processed.",
  "clientError.title": "This address cannot be opened",
  "clientError.home": "Go to the home page",
  badChars: "“{field}” contains characters that cannot be stored (NUL or a broken Unicode surrogate); remove them and try again.",
  badCharsTakenOutUnnamed:
    "What was sent contains characters that cannot be stored (NUL or a broken Unicode surrogate); nothing was sent. What you typed is below with those characters taken out: check it and send again.",
  badCharsTakenOut:
    "“{field}” contains characters that cannot be stored (NUL or a broken Unicode surrogate); nothing was sent. What you typed is below with those characters taken out: check it and send again.",
  badCharsUnnamed:
    "What was sent contains characters that cannot be stored (NUL or a broken Unicode surrogate); remove them and try again.",
  badEncoding: "The request is not valid UTF-8.",
  tooDeep: "The JSON is nested too deeply (at most {max} {max:level|levels}).",
  json: "The request body is not valid JSON.",
  form: "The request body is not valid form data.",
  formType: "Submit a web form (Content-Type: application/x-www-form-urlencoded, or multipart/form-data with a boundary).",
  jsonType: "Send the request with Content-Type: application/json.",
  bodyCoding: "Send the request body uncompressed (Content-Encoding is not supported; drop the header and send the plain body).",
  tooBig: "The request body is too large (limit {max} KB).",
  tooManyFields: "The form has too many fields (limit {max}) and was not processed. Reload the page, fill it in and send it again.",
  tooBigKept:
    "The form is larger than {max} KB and was not sent. What you typed is below (a very long text keeps only its first {chars} characters); shorten it and send it again.",
  tooManyFieldsKept:
    "The form has too many fields (limit {max}) and was not sent. What you typed is below (anything repeated kept once); check it and send it again.",
  badEncodingKept:
    "“{field}” contains characters that could not be read (not valid UTF-8); the form was not sent. What you typed is below with them taken out; check it and send it again.",
  badEncodingKeptUnnamed:
    "The form contains characters that could not be read (not valid UTF-8) and was not sent. What you typed is below with them taken out; check it and send it again.",
  tooBigInPage: "The form is larger than {max} KB and was not sent. Shorten the long text and send it again.",
  tooManyFieldsInPage: "The form has too many fields (limit {max}) and was not sent.",
  badEncodingInPage:
    "“{field}” contains characters that could not be read (not valid UTF-8); the form was not sent. Remove them and send it again.",
  badEncodingInPageUnnamed:
    "The form contains characters that could not be read (not valid UTF-8) and was not sent. Remove them and send it again.",
  crossOrigin: "Submissions from other sites are refused. Please fill in the form on this site and send it again.",
  csrf: "This page has expired; reload it and try again.",
  csrfTitle: "Page expired",
  method: "This request method is not supported here.",
  unavailable: "The service is temporarily unavailable. Please try again later or call our hotline {hotline}.",
  unconfirmed:
    "The service did not answer in time, so we cannot confirm that what you sent was saved. Please send it again later (the same submission is never registered twice) or call our hotline {hotline}.",
  error: "Something went wrong. Please try again later or call our hotline {hotline}.",
  title: "This request cannot be processed",
  back: "Back to the previous page",
  unavailableTitle: "Service temporarily unavailable",
  unauthorized: "Authorization required: send Authorization: Bearer <admin token>, or sign in first.",
  unauthorizedTokenOnly:
    "This API takes the admin token only: send Authorization: Bearer <admin token>. To import in the browser, use Admin → Import (/admin/import).",
  forbidden: "You are signed in but have no permission for this API (it needs the admin role).",
  tooManyTokens: "Too many wrong admin tokens; try again in {seconds} {seconds:second|seconds}.",
  lookupRateLimited: "Too many lookups: each account may look up at most {max} {max:time|times} a minute.",
  notFound: "No such record.",
  noSuchApi: "There is no API at this address.",
  postOnly: "This address accepts POST only.",
  jsonObject: "The request body must be a JSON object.",
  importRows: "{count} bad {count:row|rows}; nothing was imported.",
  importFailed: "The import failed; nothing was imported.",
  importBusy: "Other imports are running; nothing of this one was read or written. Try again in a minute.",
  exportBusy: "Too many exports are being prepared at once; no file was made this time. Please try again in a moment.",
  importTooMany: "{rows} rows, more than {max} at a time: import in parts; nothing was imported.",
  callOutcome: "Must be one of {choices}.",
  retryMinutes: "Must be a number of minutes from 1 to 10080.",
  callClosed: "This call task is closed already.",
  notAHandover: "Only a hand-over can be marked as declined by the recruiter.",
  divisionCode: "Must be a six-digit division code.",
  personQuery: "Enter a phone number or a lead reference.",
  formIncomplete: "The form is incomplete; reload the page and try again (nothing was saved).",
  fieldTwice: "This field takes one value, but {count} were sent; reload the page and try again.",
  formTwice: "A field of the form was sent with more than one value; reload the page and try again (nothing was saved).",
  sentTwice: "This field was sent {count} {count:time|times} ({values}); keep one value and send again",
};

export const httpMessages = defineMessages({ zh, en });

/** The text for `key` in `lng`, with `{name}` placeholders filled from `params` (app/i18n/i18n.ts). */
export const httpText = httpMessages.t;

/** Whether `key` names one of these messages (a key carried in a header, REFUSAL_KEY_HEADER). */
export function isHttpKey(key: string): key is HttpKey {
  return Object.hasOwn(zh, key);
}
