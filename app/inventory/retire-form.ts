import { z } from "zod";

import { inventoryText } from "~/i18n/inventory-messages";
import type { Lng } from "~/i18n/lng";

// The retire / restore form of a park, space or recruiter page (ADR 033): one schema for the browser and
// the action. Retiring asks for a ticked confirmation — a field with its own message, so the check works
// without JavaScript (no confirm() dialog); restoring is harmless and asks for nothing.

export function retireFormSchema(lng: Lng) {
  return z.discriminatedUnion("intent", [
    z.object({
      intent: z.literal("retire"),
      // A ticked HTML checkbox sends "on".
      confirm: z.literal("on", { error: inventoryText(lng, "retire.confirmRequired") }),
    }),
    z.object({ intent: z.literal("restore") }),
  ]);
}

/** Which parks, spaces or recruiters a list shows: those in use (the default), the retired ones, or all. */
export const LIST_STATES = ["active", "retired", "all"] as const;
export type ListState = (typeof LIST_STATES)[number];

/** The list's `state` from its address; anything else is the default, never an error page (the list says so: inventory-list.server.ts). */
export function readListState(url: URL): ListState {
  const v = url.searchParams.get("state");
  return v === "retired" || v === "all" || v === "active" ? v : "active";
}
