import type { Sql } from "~/db/db.server";
import type { Mailer } from "~/notify/mailer.server";
import type { SearchClient } from "../search/client";

export type IndexNames = { leads: string; spaces: string; parks: string };

/** What every job gets: the clients it may use. Never personal data — that is read from Postgres. */
export type JobContext = {
  sql: Sql;
  search: SearchClient;
  indexNames: IndexNames;
  mailer: Mailer;
  appUrl: string;
  slaMinutes: number;
  /** Test seam: called after the SMTP server accepted a mail and before Postgres records it. */
  afterSend?: (notificationId: string) => void | Promise<void>;
};

/** Where a job stands in its retries: the last attempt dead-letters instead of throwing. */
export type Attempt = { attemptsMade: number; attempts: number };

export function isLastAttempt(a: Attempt): boolean {
  return a.attemptsMade + 1 >= a.attempts;
}
