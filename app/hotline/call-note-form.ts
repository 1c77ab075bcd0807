import { z } from "zod";

import { NOTE_MAX } from "~/domain/call-outcomes";
import { cleanTyped } from "~/domain/format-chars";
import type { Lng } from "~/i18n/lng";
import { validationMessage } from "~/i18n/validation-messages";

/** /hotline/leads/<id>'s "this call" note (the page and its action): required, at most NOTE_MAX; a note of only invisible characters is blank. */
export const callNoteSchema = (lng: Lng) =>
  z.object({
    body: z.preprocess(
      (v) => (typeof v === "string" ? cleanTyped(v) : v),
      z
        .string({ error: validationMessage(lng, "required") })
        .min(1, validationMessage(lng, "required"))
        .max(NOTE_MAX, validationMessage(lng, "tooLong", { max: NOTE_MAX })),
    ),
  });
