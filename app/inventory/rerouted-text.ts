import { inventoryText } from "~/i18n/inventory-messages";
import type { Lng } from "~/i18n/lng";

/**
 * What became of a recruiter's open offers when they retired or went out of post: `moved` in all, of which
 * `unassigned` went to the unassigned queue (no other recruiter in post covers the park). The two are said
 * apart (attack-desks finding 6); "" when none moved. Used by the edit and retire flashes and the import page.
 */
export function reroutedText(lng: Lng, moved: number, unassigned: number): string {
  const toOthers = moved - unassigned;
  return [
    toOthers ? inventoryText(lng, "edit.rerouted", { count: toOthers }) : "",
    unassigned ? inventoryText(lng, "edit.rerouteUnassigned", { count: unassigned }) : "",
  ]
    .filter(Boolean)
    .join(" ");
}
