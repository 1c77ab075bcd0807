import type { RoutingOptions } from "~/assignments/route-lead.server";
import type { Sql } from "~/db/db.server";
import type { SpaceRowCache } from "~/inventory/space-row-cache.server";
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
  routing: RoutingOptions;
  /**
   * Email notices that fail for a temporary reason are tried again with capped exponential backoff
   * (baseMs doubling up to capMs) until budgetMs after their first failure (NOTICE_RETRY_HOURS).
   */
  noticeRetry: { budgetMs: number; baseMs: number; capMs: number };
  /** How long a sender holds a notification: longer than the slowest possible SMTP send (ms). */
  sendLeaseMs: number;
  /** Days after which a listing shows a warning; twice that, it is not offered (SPACE_VERIFY_DAYS). */
  verifyDays?: number;
  /** The space rows lead.match keeps between jobs, checked against their versions on every read (issue 14); none: read whole. */
  spaceRows?: SpaceRowCache;
  /** Test seam: the clock matching judges listing freshness by (default: the real one). */
  clock?: () => Date;
  /** Test seam: called after the SMTP server accepted a mail and before Postgres records it. */
  afterSend?: (notificationId: string) => void | Promise<void>;
};
