import type { Lng } from "~/i18n/lng";
import { ui } from "~/i18n/ui-messages";

/**
 * What the notes said that is read but no requirement, in the page's language — the one wording of the live preview
 * (assist-preview.ts) and the confirmation page (routes/inquiry.$reference.tsx; trial39 L15, docs/decisions/189): "自有/现有
 * （不作为需求）：现有厂房3000平不够用" / "own or present premises (not a requirement): …".
 */
export type SetAsideSaid = { code: "ownPremises" | "notNeeded" | "otherUse" | "areaRuledOut"; text: string };

const KEYS = {
  ownPremises: "need.ownRead",
  otherUse: "need.otherUseRead",
  areaRuledOut: "need.areaRuledOutRead",
  notNeeded: "need.notNeededRead",
} as const;

export function setAsideText(lng: Lng, s: SetAsideSaid): string {
  return ui(lng, KEYS[s.code], { text: s.text });
}
