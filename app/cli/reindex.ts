import { z } from "zod";

import { createSql } from "~/db/db.server";
import { parseEnv } from "~/utils/env.server";

import { createSearchClient } from "../../search/client";
import { indexNames } from "../../search/index-names";
import { reindexAll, ReindexRunningError } from "../../search/reindex";

// npm run reindex — rebuilds the leads, spaces and parks indexes from Postgres (temporary index + swap).
const env = parseEnv(
  z.object({
    DATABASE_URL: z.string().url().default("postgres://postgres@127.0.0.1:5432/parkmatch"),
    MEILI_URL: z.string().url({ message: "set MEILI_URL (and MEILI_MASTER_KEY) to the running Meilisearch" }),
    MEILI_MASTER_KEY: z.string().min(16),
    MEILI_INDEX_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9_-]*$/)
      .default(""),
  }),
);
const sql = createSql(env.DATABASE_URL, { max: 2 });
try {
  const counts = await reindexAll(sql, createSearchClient(env.MEILI_URL, env.MEILI_MASTER_KEY), indexNames(env.MEILI_INDEX_PREFIX));
  console.log(`reindexed: ${JSON.stringify(counts)}`);
} catch (error) {
  if (!(error instanceof ReindexRunningError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await sql.end();
}
