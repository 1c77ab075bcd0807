import { defineMessages } from "./i18n";

// An amount of money stored in 万元, said in each language (app/domain/money-format.ts, ADR 134).
const zh = {
  wan: "{amount} 万元",
  yuan: "{amount}",
  "per.year": "/年",
  "per.mu": "/亩",
  million: "{n}",
  billion: "{n}",
} as const;

const en: Record<keyof typeof zh, string> = {
  wan: "{amount}",
  yuan: "CNY\u00a0{amount}",
  "per.year": "/year",
  "per.mu": "/mu",
  million: "{n}\u00a0million",
  billion: "{n}\u00a0billion",
};

export const moneyMessages = defineMessages({ zh, en });
