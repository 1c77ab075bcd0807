import type { Settings } from "meilisearch";

import type { Sql } from "~/db/db.server";
import { acknowledgeIndexedVersions, loadParkRows, loadSpaceRows } from "~/inventory/inventory-read.server";

import { ensureIndex, type SearchClient, waitSucceeded } from "./client";
import { type LeadRow, toLeadDocument } from "./lead-document";
import { LEADS_INDEX, leadsSettings } from "./leads.index";
import { PARKS_INDEX, parksSettings } from "./parks.index";
import { toParkDocument, toSpaceDocument } from "./space-document";
import { SPACES_INDEX, spacesSettings } from "./spaces.index";

const BATCH = 5_000;

/**
 * Rebuilds an index from Postgres without search going blank: documents go into a temporary index
 * with the same settings, which is then swapped with the live one in one step.
 */
export async function rebuildIndex<T extends Record<string, unknown>>(
  client: SearchClient,
  uid: string,
  settings: Settings,
  docs: T[],
): Promise<number> {
  await ensureIndex(client, uid, "id", settings); // a swap needs both sides to exist
  const tmp = `${uid}_rebuild_${Date.now()}`;
  await ensureIndex(client, tmp, "id", settings);
  try {
    for (let i = 0; i < docs.length; i += BATCH) {
      await waitSucceeded(client.index(tmp).addDocuments(docs.slice(i, i + BATCH), { primaryKey: "id" }), 300_000);
    }
    await waitSucceeded(client.swapIndexes([{ indexes: [uid, tmp], rename: false }]));
  } finally {
    await waitSucceeded(client.deleteIndex(tmp)).catch(() => {});
  }
  return docs.length;
}

export async function reindexAll(sql: Sql, client: SearchClient, names = { leads: LEADS_INDEX, spaces: SPACES_INDEX, parks: PARKS_INDEX }) {
  const leads = await sql<
    LeadRow[]
  >`select id, reference, status, source, lead, created_at from leads where anonymised_at is null order by created_at`;
  const spaces = await loadSpaceRows(sql);
  const parks = await loadParkRows(sql);
  const counts = {
    leads: await rebuildIndex(client, names.leads, leadsSettings, leads.map(toLeadDocument)),
    spaces: await rebuildIndex(client, names.spaces, spacesSettings, spaces.map(toSpaceDocument)),
    parks: await rebuildIndex(client, names.parks, parksSettings, parks.map(toParkDocument)),
  };
  // The index now shows these versions (a row changed meanwhile keeps a newer one: still pending).
  await acknowledgeIndexedVersions(
    sql,
    spaces.map((r) => [r.id, r.version]),
    parks.map((p) => [p.id, p.version]),
  );
  return counts;
}
