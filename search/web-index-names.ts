import { getWebEnv } from "~/utils/env.server";

import { type IndexNames, indexNames } from "./index-names";

/**
 * The web process's Meilisearch index uids, with MEILI_INDEX_PREFIX before each (as the worker's, from
 * the same variable): the one way the web names an index (ADR 090). An unprefixed uid would read
 * another installation's index on a shared Meilisearch, or none.
 */
export function webIndexNames(): IndexNames {
  return indexNames(getWebEnv().MEILI_INDEX_PREFIX);
}
