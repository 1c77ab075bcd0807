import { getWebEnv } from "~/utils/env.server";
import { singleton } from "~/utils/singleton.server";

import { createSearchClient, type SearchClient } from "../../search/client";
import { PERSON_WAIT_MS } from "../../search/http-client";
import { webIndexNames } from "../../search/web-index-names";

/**
 * The web process's Meilisearch client for the desks (a person waits: PERSON_WAIT_MS, then the desk says
 * search is unavailable) and the index uids it reads (MEILI_INDEX_PREFIX, as the worker).
 */
export function getDeskSearch(): { search: SearchClient; leadsIndex: string; spacesIndex: string } {
  return singleton("desk-search", () => {
    const env = getWebEnv();
    const names = webIndexNames();
    return {
      search: createSearchClient(env.MEILI_URL, env.MEILI_MASTER_KEY, { timeoutMs: PERSON_WAIT_MS }),
      leadsIndex: names.leads,
      spacesIndex: names.spaces,
    };
  });
}
