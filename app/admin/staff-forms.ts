import { z } from "zod";

import { normalizeEmail } from "~/domain/email";
import { cleanTyped } from "~/domain/format-chars";
import { type AdminOpsKey, opsLabel, opsText } from "~/i18n/admin-ops-messages";
import type { Lng } from "~/i18n/lng";

import { adminChoice } from "./admin-choice";

// The forms of /admin/staff and /invite (one schema each, used by the browser and the action; ADR 028).

export const STAFF_ROLES = ["admin", "recruiter", "hotline"] as const;

/** A role's names in both languages (the form's labels) and the words staff use for it, as the role reader takes them. */
const roleWords = (role: (typeof STAFF_ROLES)[number], also: readonly string[]) => [
  opsLabel("zh", "role", role),
  opsLabel("en", "role", role).toLowerCase(),
  ...also,
];
const ROLE_WORDS: Record<(typeof STAFF_ROLES)[number], readonly string[]> = {
  admin: roleWords("admin", ["系统管理员", "administrator"]),
  recruiter: roleWords("recruiter", ["招商", "招商人员", "招商经理"]),
  hotline: roleWords("hotline", ["热线", "坐席", "热线客服", "客服"]),
};

/** How a new account signs in first: an invitation link, or a password the admin sets. */
const ACCESS = ["invite", "password"] as const;
const ACCESS_WORDS: Record<(typeof ACCESS)[number], readonly string[]> = {
  invite: ["邀请", "邀请链接", "发送邀请", "invitation", "invitation link"],
  password: ["密码", "设置密码", "set a password"],
};
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
      role: adminChoice(STAFF_ROLES, ROLE_WORDS, m("err.choose")),
      recruiterId: z.string().overwrite(cleanTyped).max(100).optional(),
      access: adminChoice(ACCESS, ACCESS_WORDS, m("err.choose")),
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
    z.object({ intent: z.literal("role"), role: adminChoice(STAFF_ROLES, ROLE_WORDS, m("err.choose")) }),
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
