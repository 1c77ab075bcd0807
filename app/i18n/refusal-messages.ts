import { defineMessages } from "./i18n";

// What the enterprise explicitly refused, said beside the need on the staff pages (docs/decisions/158).
const zh = {
  label: "企业明确不要",
  places: "区域 {places}",
  // docs/decisions/162: the deal refused, then the enterprise's words ("购买（“只租不买”）").
  "deal.lease": "租赁（“{text}”）",
  "deal.buy": "购买（“{text}”）",
} as const;

const en: Record<keyof typeof zh, string> = {
  label: "Ruled out by the enterprise",
  places: "places: {places}",
  "deal.lease": 'leasing ("{text}")',
  "deal.buy": 'buying ("{text}")',
};

export const refusalMessages = defineMessages({ zh, en });
