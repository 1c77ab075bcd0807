/**
 * Counts the turns of the event loop (a setImmediate callback each, one a turn) while `work` runs: work
 * done in slices gives turns between its slices, work done at once none (docs/decisions/120, 125).
 * Counted, not timed: the count does not depend on how fast the machine is.
 */
export async function turnsDuring<T>(work: () => Promise<T>): Promise<{ turns: number; value: T }> {
  let turns = 0;
  let running = true;
  const tick = () => {
    turns++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  try {
    return { value: await work(), turns };
  } finally {
    running = false;
  }
}
