import { errorMessage, log } from "~/utils/log.server";

/**
 * Runs `pass` now and then every `everyMs` in this process (a timer, not a queue: each worker
 * process runs its own, and the passes are safe to run in several at once). A failed pass is logged
 * as `${what} failed` and tried again next time. `stop` clears the timer and waits for a running pass.
 */
export function startPeriodic(what: string, everyMs: number, pass: () => Promise<unknown>): { stop: () => Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = pass().catch((error) => log.warn(`${what} failed`, { error: errorMessage(error) }));
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
