import { defineMessages } from "./i18n";

// What the enterprise explicitly refused, said beside the need on the staff pages (docs/decisions/158).
const zh = {
  label: "企业明确不要",
  places: "区域 {places}",
} as const;

const en: Record<keyof typeof zh, string> = {
  label: "Ruled out by the enterprise",
  places: "places: {places}",
};

export const refusalMessages = defineMessages({ zh, en });
