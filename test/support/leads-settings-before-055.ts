import type { Settings } from "meilisearch";

import { leadsSettings } from "../../search/leads.index";

/**
 * The leads index's settings before docs/decisions/055 (what an existing deployment's index still has):
 * eleven filterable and two sortable attributes and facet search, which nothing reads.
 */
export const leadsSettingsBefore055: Settings = {
  ...leadsSettings,
  filterableAttributes: [
    "status",
    "kind",
    "deal",
    "industry",
    "section",
    "regions",
    "regionCodes",
    "createdAt",
    "areaMinSqm",
    "areaMaxSqm",
    "source",
  ],
  sortableAttributes: ["createdAt", "areaMinSqm"],
  facetSearch: true,
};
