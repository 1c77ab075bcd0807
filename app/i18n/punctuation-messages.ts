import { defineMessages } from "./i18n";

// Punctuation that differs between the languages: joining lists and clauses, a label before its text.
const zh = {
  list: "、",
  clauses: "；",
  label: "：",
  open: "（",
  close: "）",
} as const;

const en: Record<keyof typeof zh, string> = {
  list: ", ",
  clauses: "; ",
  label: ": ",
  open: " (",
  close: ")",
};

/**
 * `punctuationMessages.t(lng, "list")` joins "A、B" / "A, B"; "clauses" "A；B" / "A; B"; "label" "：" / ": "; "open"
 * and "close" put a remark after a word, "已关闭（重复提交）" / "Closed (duplicate)".
 */
export const punctuationMessages = defineMessages({ zh, en });
