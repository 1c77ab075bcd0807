import { z } from "zod";

/**
 * A person's privacy request at /admin/privacy (find, erase) and /admin/privacy/export: `query` is a
 * phone number or a lead reference as typed (cut to 40 characters; an empty one finds nobody),
 * `intent` find (default) or erase, `confirm` must be "yes" to erase (checked by the action).
 */
export const privacyRequestSchema = z.object({
  query: z
    .string()
    .default("")
    .transform((s) => s.slice(0, 40)),
  intent: z.enum(["find", "erase"]).default("find"),
  confirm: z.string().optional(),
});
