import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Sql } from "~/db/db.server";
import { createMailer } from "~/notify/mailer.server";

import type { SearchClient } from "../../search/client";
import { ensureLeadsIndex } from "../../search/leads.index";
import { ensureParksIndex } from "../../search/parks.index";
import { ensureSpacesIndex } from "../../search/spaces.index";
import type { IndexNames, JobContext } from "../../worker/job-context";

/** The three indexes of `indexNames` made with their settings, and a job context over them for calling the index writer directly. */
export async function indexWriterContext(sql: Sql, search: SearchClient, indexNames: IndexNames): Promise<JobContext> {
  await Promise.all([
    ensureLeadsIndex(search, indexNames.leads),
    ensureSpacesIndex(search, indexNames.spaces),
    ensureParksIndex(search, indexNames.parks),
  ]);
  return {
    sql,
    search,
    indexNames,
    mailer: createMailer({ outboxDir: mkdtempSync(join(tmpdir(), "pm-iw-")) }),
    appUrl: "http://localhost",
    routing: { slaMinutes: 120, noticeFallbackMs: 90_000 },
    noticeRetry: { budgetMs: 3_600_000, baseMs: 100, capMs: 1_000 },
    sendLeaseMs: 12_000,
  };
}
