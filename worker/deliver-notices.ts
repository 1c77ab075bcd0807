import type { Notice } from "~/assignments/notifications.server";
import { dueNow } from "~/db/outbox.server";
import { log } from "~/utils/log.server";

import type { JobContext } from "./job-context";
import { failureText } from "./job-failure";
import { notifyEmailJob } from "./notify-email.job";
import { notifyHotlineJob } from "./notify-hotline.job";

/** Retries of a notice that failed inline start this soon, through its notify.* job. */
const FIRST_RETRY_MS = 1_000;

/**
 * Delivers the notices a routing transaction just committed, in this job, instead of a queue hop per
 * notice: the recruiter's email leaves within milliseconds and costs no extra job. Each notice's
 * outbox row is the safety net: done when delivery is recorded; if delivery failed it is brought
 * forward and its notify.* job retries with backoff; if this process dies, it comes due by itself.
 */
export async function deliverNotices(ctx: JobContext, notices: Notice[]): Promise<void> {
  await Promise.all(
    notices.map(async (notice) => {
      const data = { outboxId: notice.outboxId, id: notice.notificationId };
      try {
        if (notice.topic === "notify.email") await notifyEmailJob(ctx, data);
        else await notifyHotlineJob(ctx, data);
      } catch (error) {
        log.info("notice not delivered inline; its job retries", {
          topic: notice.topic,
          notification: notice.notificationId,
          error: failureText(error), // scrubbed as a job's failure is (ADR 096)
        });
        await dueNow(ctx.sql, notice.outboxId, FIRST_RETRY_MS).catch(() => {}); // else it comes due after the fallback delay
      }
    }),
  );
}
