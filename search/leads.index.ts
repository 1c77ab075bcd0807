import type { Settings } from "meilisearch";

import { ensureIndex, type SearchClient } from "./client";

export const LEADS_INDEX = "leads";

/**
 * What a staff member searches by: company, product, reference, contact, the need in words. Every text a
 * person typed is also there in its search form (`*Folded`, app/domain/search-text.server.ts: Traditional
 * → Simplified character by character, full-width folded, lower case), and queries are sent in that
 * form, so either script finds either (docs/decisions/078). Apart from companyFolded a search form is
 * stored only when it differs from the text (null otherwise): most leads are typed in Simplified, and
 * their words are not indexed twice.
 */
export const leadsSettings: Settings = {
  searchableAttributes: [
    "companyName",
    "companyFolded",
    "companyChars",
    "reference",
    "product",
    "productFolded",
    "contactName",
    "contactFolded",
    "contactHeads",
    "phoneDigits",
    "phoneLocal",
    "phoneTails",
    "creditCode",
    "notes",
    "notesFolded",
    "industryName",
    "regions",
    "regionsFolded",
    "regionNames",
  ],
  // Nothing filters or facets on this index: the lead list filters in Postgres and asks Meilisearch only
  // for the ids its words find (app/admin/lead-list.server.ts), the privacy export reads a document by id.
  // Each filterable or sortable attribute is a facet database that every lead's document is written
  // into: the empty lists (stated, not left out, so that an index made with the old lists drops them when
  // the worker applies these settings) cut Meilisearch's CPU per indexing task by ~15–20 %
  // (docs/decisions/055). One sortable attribute is paid for: createdAt, a number that never changes
  // after intake, so that the hotline's caller lookup (search/callers.query.ts) shows the newest of the
  // ~100 leads whose number ends 5678 in a million, not the first indexed (docs/decisions/088).
  filterableAttributes: [],
  sortableAttributes: ["createdAt"],
  // Meilisearch's default rules with `sort` moved before proximity, attribute and exactness: a search
  // that asks for a sort (the caller lookup alone) gets every lead its words find without a typo newest
  // first, not the leads whose 华为 sits one word earlier in the name; a search without one (the lead
  // list) is ranked as before (docs/decisions/088).
  rankingRules: ["words", "typo", "sort", "proximity", "attribute", "exactness"],
  facetSearch: false,
  // Chinese has no spaces between words: tell the tokenizer which language it is reading.
  localizedAttributes: [{ attributePatterns: ["*"], locales: ["cmn"] }],
  pagination: { maxTotalHits: 10_000 },
  // A number or code one digit off is another enterprise, not a typo (the hotline's caller lookup).
  // contactHeads are code words (search/lookup-words.ts): one hex digit off is another name.
  typoTolerance: { disableOnAttributes: ["phoneDigits", "phoneLocal", "phoneTails", "creditCode", "reference", "contactHeads"] },
};

export type LeadDocument = {
  id: string;
  reference: string;
  source: string;
  companyName: string;
  /** companyName in its search form (search-text.server.ts: Traditional → Simplified, full-width → ASCII, lower case). */
  companyFolded: string;
  /** companyFolded as one word per character, letters and digits only (companyChars, search/lookup-words.ts). */
  companyChars: string;
  creditCode: string | null;
  contactName: string;
  /** The search form of contactName, productFolded of product, …: null (or none) when it is the text itself lower-cased. */
  contactFolded: string | null;
  /** The contact's name and its starts as code words of the contact alone (contactHeads, search/lookup-words.ts). */
  contactHeads: string[];
  phoneDigits: string;
  /** A landline's digits after its area code (landlineLocalDigits); null for other numbers. */
  phoneLocal: string | null;
  /** The number's last 4–8 digits (phoneTailDigits): what a caller gives as "尾号…". */
  phoneTails: string[];
  product: string;
  productFolded: string | null;
  industry: string;
  section: string;
  industryName: string;
  kind: string;
  deal: string;
  areaMinSqm: number | null;
  areaMaxSqm: number | null;
  regions: string[];
  regionsFolded: string[];
  /** GB/T 2260 codes the regions resolved to, and those divisions' full names. */
  regionCodes: string[];
  regionNames: string[];
  notes: string | null;
  notesFolded: string | null;
  createdAt: number;
};

/** Applies settings before any document arrives, and waits until Meilisearch has taken them. */
export async function ensureLeadsIndex(client: SearchClient, uid: string): Promise<void> {
  await ensureIndex(client, uid, "id", leadsSettings);
}
