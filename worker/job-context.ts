import type { Sql } from "~/db/db.server";
import type { SearchClient } from "../search/client";

export type IndexNames = { leads: string; spaces: string; parks: string };

/** What every job gets: the clients it may use. Never personal data — that is read from Postgres. */
export type JobContext = {
  sql: Sql;
  search: SearchClient;
  indexNames: IndexNames;
};
