import { DEFAULT_VERIFY_DAYS, type HardOptions } from "~/domain/matching/hard";

import type { JobContext } from "./job-context";

/** The clock and the SPACE_VERIFY_DAYS that hard checks in jobs use. */
export function matchingOptions(ctx: JobContext): Required<HardOptions> {
  return { now: (ctx.clock?.() ?? new Date()).toISOString(), verifyDays: ctx.verifyDays ?? DEFAULT_VERIFY_DAYS };
}
