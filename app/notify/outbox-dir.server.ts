import { resolve } from "node:path";

import { DEFAULT_OUTBOX_DIR } from "./mailer.server";

/**
 * The one place that decides where development mails live: `MAIL_OUTBOX_DIR`, else `.data/outbox`
 * under the working directory. The worker's mailer writes there (when SMTP_URL is unset) and
 * /admin/outbox reads from there, so both must call this.
 */
export function getOutboxDir(env: Record<string, string | undefined> = process.env): string {
  const configured = env.MAIL_OUTBOX_DIR?.trim();
  return resolve(configured ? configured : DEFAULT_OUTBOX_DIR);
}
