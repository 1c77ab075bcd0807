import { z } from "zod";

import { parseClockMinute } from "~/domain/clock-time";
import { opsText } from "~/i18n/admin-ops-messages";
import type { Lng } from "~/i18n/lng";

/** The office-hours form (/admin/office-hours): two times of day, the end after the start; minutes after midnight out. */
export function officeHoursSchema(lng: Lng) {
  const time = z.string({ error: opsText(lng, "err.required") }).transform((s, ctx) => {
    const m = parseClockMinute(s);
    if (m === null) {
      ctx.addIssue({ code: "custom", message: opsText(lng, "err.time") });
      return z.NEVER;
    }
    return m;
  });
  return z
    .object({ start: time, end: time })
    .refine((v) => v.end > v.start && v.end <= 1440 && v.start < 1440, { path: ["end"], message: opsText(lng, "err.timeOrder") });
}
