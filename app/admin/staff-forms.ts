import { z } from "zod";

import { normalizeEmail } from "~/domain/email";
import { cleanTyped } from "~/domain/format-chars";
import { type AdminOpsKey, opsText } from "~/i18n/admin-ops-messages";
import type { Lng } from "~/i18n/lng";

// The forms of /admin/staff and /invite (one schema each, used by the browser and the action; ADR 028).

export const STAFF_ROLES = ["admin", "recruiter", "hotline"] as const;
/** An invitation link works this long, once. */
export const INVITATION_HOURS = 72;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function password(lng: Lng) {
  const m = (k: AdminOpsKey) => opsText(lng, k);
  return z
    .string({ error: m("err.required") })
    .refine((p) => [...p].length >= 10, m("err.passwordShort"))
    .refine((p) => p.length <= 200, m("err.passwordLong"));
}

/** New account: email, name, role, the recruiter record (recruiters), and a password or an invitation. */
export function createStaffSchema(lng: Lng) {
  const m = (k: AdminOpsKey, p?: Record<string, number>) => opsText(lng, k, p);
  return z
    .object({
      email: z
        .string({ error: m("err.required") })
        .overwrite(normalizeEmail)
        .max(200, m("err.tooLong", { max: 200 }))
        .regex(EMAIL, m("err.email")),
      name: z
        .string()
        .overwrite(cleanTyped)
        .max(100, m("err.tooLong", { max: 100 }))
        .optional(),
      role: z.enum(STAFF_ROLES, { error: m("err.choose") }),
      recruiterId: z.string().overwrite(cleanTyped).max(100).optional(),
      access: z.enum(["invite", "password"], { error: m("err.choose") }),
      password: z.string().optional(),
    })
    .superRefine((v, ctx) => {
      if (v.access !== "password") return;
      const r = password(lng).safeParse(v.password ?? "");
      if (!r.success) ctx.addIssue({ code: "custom", path: ["password"], message: r.error.issues[0].message });
    });
}

/** One change on /admin/staff/<id>, told apart by the submit button's `intent`. */
export function changeStaffSchema(lng: Lng) {
  const m = (k: AdminOpsKey) => opsText(lng, k);
  return z.discriminatedUnion("intent", [
    z.object({ intent: z.literal("role"), role: z.enum(STAFF_ROLES, { error: m("err.choose") }) }),
    z.object({ intent: z.literal("recruiter"), recruiterId: z.string().overwrite(cleanTyped).max(100).optional() }),
    z.object({ intent: z.literal("password"), password: password(lng).optional() }),
    z.object({ intent: z.literal("deactivate") }),
    z.object({ intent: z.literal("reactivate") }),
  ]);
}

/** The invited person's new password. */
export function invitationSchema(lng: Lng) {
  return z.object({ password: password(lng) });
}
