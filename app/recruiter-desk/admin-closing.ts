import { deskText } from "~/i18n/desk-messages";
import type { Lng } from "~/i18n/lng";

/** How an admin closed a lead, as the recruiter's pages show it: spam, or a duplicate of `duplicateOf` (a reference). */
export type AdminClosing = { as: "spam" | "duplicate"; duplicateOf: string | null };

/**
 * The status a recruiter reads for an assignment of a lead an admin closed (ADR 107): the admin's reason
 * ("管理员已关闭：与 PM-20261204-0001 重复"), never the bare "已流失" the closing wrote on the assignment.
 */
export function adminClosingText(lng: Lng, closing: AdminClosing): string {
  if (closing.as === "spam") return deskText(lng, "closed.byAdmin.spam");
  return closing.duplicateOf
    ? deskText(lng, "closed.byAdmin.duplicate", { reference: closing.duplicateOf })
    : deskText(lng, "closed.byAdmin.duplicateUnknown");
}
