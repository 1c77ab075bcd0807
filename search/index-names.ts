import { LEADS_INDEX } from "./leads.index";
import { PARKS_INDEX } from "./parks.index";
import { SPACES_INDEX } from "./spaces.index";

/** The three index uids with `MEILI_INDEX_PREFIX` before each (web and worker must agree); "" → leads, spaces, parks. */
export function indexNames(prefix = ""): { leads: string; spaces: string; parks: string } {
  return { leads: `${prefix}${LEADS_INDEX}`, spaces: `${prefix}${SPACES_INDEX}`, parks: `${prefix}${PARKS_INDEX}` };
}
