import { performance } from "node:perf_hooks";

// Long synchronous work in the web process (a 20 MB inventory import checked row by row) holds every other
// request of the process until it ends: such work is done in slices, each a few milliseconds, with a turn
// of the event loop between them (docs/decisions/120).

/** How long one slice of work runs before the event loop gets a turn, in milliseconds. */
export const SLICE_MS = 8;

/** Resolves after the event loop's next turn (pending I/O and timers first). */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What sliceClock returns. */
export type SliceClock = { pause: () => Promise<void> | undefined };

/**
 * A clock for work done in slices: `pause()` waits for the event loop's next turn once `sliceMs` have
 * passed since the last turn, else resolves at once (no turn, no cost beyond a clock read). Call it
 * between units of work (a row): a unit is never cut.
 */
export function sliceClock(sliceMs: number = SLICE_MS): SliceClock {
  let since = performance.now();
  return {
    pause() {
      if (performance.now() - since < sliceMs) return undefined;
      return nextTurn().then(() => {
        since = performance.now();
      });
    },
  };
}

/**
 * Work written as steps (a generator that yields between units of work, its answer returned at the end):
 * run to the end at once, for callers that may hold the event loop (the command line, small inputs).
 */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The same steps run in slices of `sliceMs` with a turn of the event loop between them (sliceClock): same answer. */
export async function runStepsInSlices<T>(steps: Generator<void, T>, sliceMs: number = SLICE_MS): Promise<T> {
  const clock = sliceClock(sliceMs);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await clock.pause();
  }
}
