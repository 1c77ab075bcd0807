import type { SubmissionResult } from "@conform-to/react";
import { z } from "zod";

import { createLeadSchema, type Lead } from "~/domain/lead-schema";
import { hotlineText } from "~/i18n/hotline-messages";
import type { Lng } from "~/i18n/lng";
import { ui } from "~/i18n/ui-messages";

// A stored lead's need corrected by staff on a call — the hotline agent (/hotline/leads/<id>) or the
// recruiter holding the lead (/queue/assignments/<id>/need): one form, one reading (the one lead schema,
// channel hotline), one save (need-edit.server.ts). Browser-safe: the form validates with the same schema.

/** The need form's fields, by their form names. */
export const NEED_KEYS = [
  ...["kind", "deal", "areaUnit", "areaMin", "areaMax", "regions", "moveInBy", "ceilingMinM", "floorLoadMinKg"].map((k) => `need.${k}`),
  ...["powerMinKva", "craneMinT", "singleStorey", "notes"].map((k) => `need.${k}`),
  "use.industry",
  "use.product",
];

/** The form as Conform sees it (every field typed text): the shape of the hotline's phone-lead form. */
export type NeedTyped = {
  need: Record<string, string>;
  use: Record<string, string>;
  tax: Record<string, string>;
  company: Record<string, string>;
  contact: Record<string, string>;
  consent: string;
};

/** A stored lead's need as the form's typed text (areas in the unit it was asked in). */
export function needAsTyped(lead: Lead): NeedTyped {
  const n = lead.need as Lead["need"] & Record<string, unknown>;
  const s = (v: unknown) => (v === undefined || v === null ? "" : String(v));
  return {
    need: {
      kind: s(n.kind),
      deal: s(n.deal),
      areaUnit: s(n.areaUnit),
      areaMin: s(n.areaMin),
      areaMax: s(n.areaMax),
      regions: (n.regions ?? []).join("、"),
      moveInBy: s(n.moveInBy),
      ceilingMinM: s(n.ceilingMinM),
      floorLoadMinKg: s(n.floorLoadMinKg),
      powerMinKva: s(n.powerMinKva),
      craneMinT: s(n.craneMinT),
      singleStorey: n.singleStorey ? "on" : "",
      notes: s(n.notes),
    },
    use: { industry: s(lead.use.industry), product: s(lead.use.product) },
    tax: {},
    company: {},
    contact: {},
    consent: "",
  };
}

/**
 * The one lead schema (channel hotline) reading only the need and use fields of this form: the stored
 * company and contact (in the browser, stand-ins) complete the lead, and consent was recorded when the
 * lead was taken. `keepBlank`: the need fields the notes may not fill (emptied on purpose, ADR 091).
 */
export function needOnlySchema(lng: Lng, lead: Lead | null, keepBlank: readonly string[] = []) {
  return z.preprocess(
    (payload) => ({
      ...(payload as Record<string, unknown>),
      company: { name: lead?.company.name || "—", creditCode: lead?.company.creditCode },
      contact: { name: lead?.contact.name || "—", phone: lead?.contact.phone || "13800000000" },
      consent: true,
    }),
    createLeadSchema(lng, "hotline", { keepBlank: new Set(keepBlank) }),
  );
}

/** One need field's value as staff read it: a choice's label, "(blank)". */
export function shownNeedValue(lng: Lng, key: string, v: string | string[]): string {
  const text = Array.isArray(v) ? v.join("、") : v.trim();
  if (!text) return hotlineText(lng, "editNeed.blank");
  if (key === "need.kind" || key === "need.deal" || key === "need.areaUnit") return ui(lng, `${key}.${text}` as never);
  if (key === "need.singleStorey") return hotlineText(lng, "editNeed.ticked");
  return text;
}

/** The answer to a need form that was not saved. `base`: the next one (a 409) or the one posted (a 400); `changed`: a 409's notes beside the fields another person changed. */
export type NeedAnswer = { form: "need"; result: SubmissionResult<string[]>; base?: string; changed?: Record<string, string> };
