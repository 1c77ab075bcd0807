import { LEADS_INDEX } from "./leads.index";
import { PARKS_INDEX } from "./parks.index";
import { SPACES_INDEX } from "./spaces.index";

/** The three index uids with `MEILI_INDEX_PREFIX` before each (web and worker must agree); "" → leads, spaces, parks. */
export type IndexNames = { leads: string; spaces: string; parks: string };

/**
 * The one way to name an index (ADR 090): every reader and writer of an index takes its uid from here,
 * with the installation's prefix; the bare constants are read nowhere else (test/unit/house/index-names.test.ts).
 */
export function indexNames(prefix = ""): IndexNames {
  return { leads: `${prefix}${LEADS_INDEX}`, spaces: `${prefix}${SPACES_INDEX}`, parks: `${prefix}${PARKS_INDEX}` };
}
