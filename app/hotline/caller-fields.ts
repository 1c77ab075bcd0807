import type { HotlineKey } from "~/i18n/hotline-messages";

/**
 * The caller's boxes at the top of the hotline desk, in the order the page shows them, each with its label's key (the desk
 * says 来电号码 where the web form says 联系电话). The error summary and the refusal beside the save button name a refused
 * box by this label and in this order, ahead of the need's boxes (trial42).
 */
export const CALLER_BOXES = [
  ["contact.phone", "caller.phone"],
  ["company.name", "caller.company"],
  ["contact.name", "caller.contact"],
  ["company.creditCode", "caller.creditCode"],
  ["contact.title", "caller.title"],
] as const satisfies readonly (readonly [string, HotlineKey])[];

export const CALLER_BOX_NAMES: readonly string[] = CALLER_BOXES.map(([name]) => name);

/** The desk's own label key of a caller's box, or undefined for a box the form shares with the web (ui messages). */
export function callerBoxLabel(name: string): HotlineKey | undefined {
  return CALLER_BOXES.find(([n]) => n === name)?.[1];
}
