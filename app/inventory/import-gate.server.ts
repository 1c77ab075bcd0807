// One inventory import at a time in a web process (an attack, 12-05: two 20,000-row .xlsx previews sent at
// once ran the web's 256 MB heap out and it aborted, dropping every request in flight). ADR 125 lets other
// requests run between an import's slices, so a second import no longer waits behind the first by itself:
// each holds its workbook, rows and plan (~100 MB at 20,000 rows) at the same time. The gate makes them
// take turns; a few wait, more are told the service is busy (docs/decisions/125).
//
// While an import runs it holds the event loop in turns (slices of a few ms, and what cannot be sliced:
// the garbage collector's pauses over its ~100 MB), so the intake's load shedding is told to excuse the
// delay (docs/decisions/155): a lead is not refused because an admin previews a file.

import { intakeGuard } from "~/utils/overload.server";

/** What `run` answers when the queue is full: nothing was read or written. */
export const IMPORT_BUSY = Symbol("import busy");

/**
 * Runs import work one at a time (`max` at once) with at most `queue` more waiting in arrival order;
 * a caller beyond that gets IMPORT_BUSY at once (its request answered 429 with Retry-After, nothing written: a limit on the caller, not a fault of the service). A slot is
 * handed to the next waiter when the work settles, whether it succeeded or threw.
 */
export class ImportGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /**
   * `max` at once, `queue` more waiting; `holding`, when given, is called as each work starts and its
   * answer when the work settles (the intake guard's `excuse`).
   */
  constructor(
    private readonly max = 1,
    private readonly queue = 2,
    private readonly holding?: () => () => void,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T | typeof IMPORT_BUSY> {
    if (this.running < this.max) this.running++;
    else if (this.waiting.length < this.queue) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else return IMPORT_BUSY;
    const held = this.holding?.();
    try {
      return await work();
    } finally {
      held?.();
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes on: `running` stays
      else this.running--;
    }
  }
}

/** The web process's gate: the admin's workbook upload (preview and apply) and POST /api/import share it. */
export const importGate = new ImportGate(1, 2, () => intakeGuard().excuse());
