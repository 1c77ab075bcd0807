import { industryLabel, sectionOf } from "~/domain/industries";
import type { Lead } from "~/domain/lead-schema";
import { landlineLocalDigits, phoneTailDigits } from "~/domain/phone";
import { divisionByCode, withRegionCodes } from "~/domain/regions";
import { searchCopyIfDifferent, searchText } from "~/domain/search-text.server";

import type { LeadDocument } from "./leads.index";
import { companyChars, contactHeads } from "./lookup-words";

/**
 * What a lead's search document is made of: columns that never change after intake, and the stored lead,
 * which changes only by a desk's edit of the need (app/hotline/desk-lead.server.ts updateLeadNeed), an
 * erasure or a migration — each queues the lead's `lead.index` row itself. Not the status: the leads
 * index is searched for ids only, and the status moves with every match, routing and close
 * (docs/decisions/209).
 */
export type LeadRow = {
  id: string;
  reference: string;
  source: string;
  lead: Lead;
  createdAt: Date;
};

export function toLeadDocument(row: LeadRow): LeadDocument {
  const { lead } = row;
  const regionCodes = withRegionCodes(lead).need.regionCodes ?? [];
  return {
    id: row.id,
    reference: row.reference,
    source: row.source,
    companyName: lead.company.name,
    // The search form (docs/decisions/078): the caller lookup and the lead list find 南京華興 typed as 南京华兴 and back.
    companyFolded: searchText(lead.company.name),
    // One word per character: the caller lookup's company typed in part (search/lookup-words.ts).
    companyChars: companyChars(searchText(lead.company.name)),
    creditCode: lead.company.creditCode ?? null,
    contactName: lead.contact.name,
    contactFolded: searchCopyIfDifferent(lead.contact.name),
    // The name and its starts as words of the contact alone: the caller lookup's 张 / 张先生 (search/lookup-words.ts).
    contactHeads: contactHeads(searchText(lead.contact.name)),
    // Digits only, without +86, so a search for "13812345678" or "025" finds it.
    phoneDigits: lead.contact.phone.replace(/^\+86/, "").replace(/\D/g, ""),
    // A landline's number without its area code, as a caller of the same city says it ("8345 6789").
    phoneLocal: landlineLocalDigits(lead.contact.phone),
    // Its last 4–8 digits, so a caller who gives only "尾号5678" is found (search/callers.query.ts).
    phoneTails: phoneTailDigits(lead.contact.phone),
    product: lead.use.product ?? "",
    productFolded: searchCopyIfDifferent(lead.use.product),
    industry: lead.use.industry ?? "",
    section: sectionOf(lead.use.industry) ?? "",
    industryName: industryLabel(lead.use.industry, "zh"),
    kind: lead.need.kind,
    deal: lead.need.deal,
    areaMinSqm: lead.need.areaMinSqm ?? null,
    areaMaxSqm: lead.need.areaMaxSqm ?? null,
    regions: lead.need.regions ?? [],
    regionsFolded: (lead.need.regions ?? []).flatMap((r) => searchCopyIfDifferent(r) ?? []),
    // The divisions the regions resolved to: a search for 高淳区 finds a lead typed 高淳區 or Gaochun.
    regionCodes,
    regionNames: regionCodes.map((c) => divisionByCode(c)?.path ?? c),
    notes: lead.need.notes ?? null,
    notesFolded: searchCopyIfDifferent(lead.need.notes),
    createdAt: Math.floor(row.createdAt.getTime() / 1000),
  };
}
