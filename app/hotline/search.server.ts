import { getWebEnv } from "~/utils/env.server";
import { singleton } from "~/utils/singleton.server";

import { createSearchClient, type SearchClient } from "../../search/client";
import { indexNames } from "../../search/index-names";

/** The web process's Meilisearch client and the index uids it reads (MEILI_INDEX_PREFIX, as the worker). */
export function getDeskSearch(): { search: SearchClient; leadsIndex: string; spacesIndex: string } {
  return singleton("desk-search", () => {
    const env = getWebEnv();
    const names = indexNames(env.MEILI_INDEX_PREFIX);
    return { search: createSearchClient(env.MEILI_URL, env.MEILI_MASTER_KEY), leadsIndex: names.leads, spacesIndex: names.spaces };
  });
}
