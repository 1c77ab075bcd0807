import type { $ZodRawIssue } from "zod/v4/core";

import { defineMessages } from "./i18n";
import type { Lng } from "./lng";

// What a schema rule says when the rule itself gives no message (`.max(100)`, `.url()`, `z.enum(…)`):
// said by us, in the reader's language and naming the limit in words ("最多 100 个字"), never the
// library's own default ("数值过大：期望 string <=100 字符", "Too big: expected string to have <=100
// characters"). Used by every staff form (parseActionForm) and the inventory check (import and admin).
export const libraryErrorMessages = defineMessages({
  zh: {
    textTooLong: "最多 {max} 个字",
    textTooShort: "至少 {min} 个字",
    blank: "不能为空",
    tooManyItems: "最多 {max} 项",
    tooFewItems: "至少 {min} 项",
    numberMax: "不能大于 {max}",
    numberBelow: "应小于 {max}",
    numberMin: "不能小于 {min}",
    numberAbove: "应大于 {min}",
    number: "请输入数字",
    integer: "请输入整数",
    text: "请填写文字",
    url: "请输入以 http:// 或 https:// 开头的网址",
    email: "邮箱格式不正确",
    format: "格式不正确",
    oneOf: "请选择其中之一：{options}",
    multipleOf: "应为 {divisor} 的整数倍",
    unknownFields: "多余的字段：{keys}",
    invalid: "格式不正确",
  },
  en: {
    textTooLong: "At most {max} {max:character|characters}",
    textTooShort: "At least {min} {min:character|characters}",
    blank: "Must not be blank",
    tooManyItems: "At most {max} {max:entry|entries}",
    tooFewItems: "At least {min} {min:entry|entries}",
    numberMax: "Must be at most {max}",
    numberBelow: "Must be less than {max}",
    numberMin: "Must be at least {min}",
    numberAbove: "Must be more than {min}",
    number: "Enter a number",
    integer: "Enter a whole number",
    text: "Enter text",
    url: "Enter a web address starting with http:// or https://",
    email: "This email address is not valid",
    format: "Invalid format",
    oneOf: "Choose one of: {options}",
    multipleOf: "Must be a multiple of {divisor}",
    unknownFields: "Unknown fields: {keys}",
    invalid: "Invalid value",
  },
});

type Key = (typeof libraryErrorMessages.keys)[number];

/**
 * A Zod error map (`schema.safeParse(v, { error })`, `parseWithZod(form, { schema, error })`) that says
 * every rule without a message of its own from the catalog above, in `lng`. A rule's own message
 * (`.max(10, "…")`) still wins: Zod asks a per-parse map only for issues that carry none.
 */
export function libraryErrorMap(lng: Lng) {
  return (issue: $ZodRawIssue): string => {
    const say = (key: Key, params?: Record<string, string | number>) => libraryErrorMessages.t(lng, key, params);
    const i = issue as $ZodRawIssue & Record<string, unknown>;
    const origin = String(i.origin ?? "");
    const bound = (v: unknown) => (typeof v === "bigint" ? v.toString() : Number(v));
    // A rule that gives its message in both languages (`params.say`, e.g. the inventory's rules) is said in `lng`.
    const own = (i.params as { say?: { zh?: unknown; en?: unknown } } | undefined)?.say;
    if (issue.code === "custom" && typeof own?.zh === "string" && typeof own.en === "string") return lng === "en" ? own.en : own.zh;
    switch (issue.code) {
      case "too_big": {
        const max = bound(i.maximum);
        if (origin === "string") return say("textTooLong", { max });
        if (origin === "array" || origin === "set") return say("tooManyItems", { max });
        return say(i.inclusive === false ? "numberBelow" : "numberMax", { max });
      }
      case "too_small": {
        const min = bound(i.minimum);
        if (origin === "string") return Number(min) <= 1 ? say("blank") : say("textTooShort", { min });
        if (origin === "array" || origin === "set") return say("tooFewItems", { min });
        return say(i.inclusive === false ? "numberAbove" : "numberMin", { min });
      }
      case "invalid_type": {
        const expected = String(i.expected ?? "");
        if (expected === "int") return say("integer");
        if (expected === "number" || expected === "bigint") return say("number");
        if (expected === "string") return say("text");
        return say("invalid");
      }
      case "invalid_format": {
        const format = String(i.format ?? "");
        if (format === "url") return say("url");
        if (format === "email") return say("email");
        return say("format");
      }
      case "invalid_value": {
        const values = Array.isArray(i.values) ? (i.values as unknown[]) : [];
        return values.length ? say("oneOf", { options: values.map(String).join(lng === "zh" ? "、" : ", ") }) : say("invalid");
      }
      case "not_multiple_of":
        return say("multipleOf", { divisor: String(i.divisor) });
      case "unrecognized_keys":
        return say("unknownFields", { keys: ((i.keys as string[]) ?? []).join(", ") });
      default:
        return say("invalid");
    }
  };
}
