import { errorMessage, log } from "./log.server";

/**
 * The last line of defence of a long-running process (web, worker): an exception that escaped every
 * handler, or a promise rejection nobody handled, leaves the process in an unknown state. Log it (the
 * message and stack: no request data) and exit with status 70 (EX_SOFTWARE) within `exitAfterMs`,
 * so the supervisor (`npm start`, systemd, Kubernetes) starts a clean process instead of keeping a
 * half-broken one or one that hangs. `onExit` (closing the server) gets that long to finish.
 * Installed once per process; returns nothing.
 */
export function installLastResortHandlers(processName: string, onExit?: () => void, exitAfterMs = 2_000): void {
  const g = globalThis as unknown as { __parkmatchLastResort?: boolean };
  if (g.__parkmatchLastResort) return;
  g.__parkmatchLastResort = true;
  let exiting = false;
  const die = (kind: string) => (error: unknown) => {
    log.error(`${processName}: ${kind}; exiting for the supervisor to restart`, {
      error: errorMessage(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
    if (exiting) return;
    exiting = true;
    process.exitCode = 70;
    setTimeout(() => process.exit(70), exitAfterMs).unref();
    try {
      onExit?.();
    } catch {
      process.exit(70);
    }
  };
  process.on("uncaughtException", die("uncaught exception"));
  process.on("unhandledRejection", die("unhandled promise rejection"));
}
