import { defineMessages } from "./i18n";

// Punctuation that differs between the languages: joining lists and clauses, a label before its text.
const zh = {
  list: "、",
  clauses: "；",
  label: "：",
} as const;

const en: Record<keyof typeof zh, string> = {
  list: ", ",
  clauses: "; ",
  label: ": ",
};

/** `punctuationMessages.t(lng, "list")` joins "A、B" / "A, B"; "clauses" "A；B" / "A; B"; "label" "：" / ": ". */
export const punctuationMessages = defineMessages({ zh, en });
