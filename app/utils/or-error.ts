/** `error` as an Error (a thrown non-Error wrapped), so it can stand as one item's answer in a list. */
export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** `run()`, or the Error it threw: for work done item by item where one item's failure is its own (docs/decisions/074). */
export function orError<T>(run: () => T): T | Error {
  try {
    return run();
  } catch (error) {
    return toError(error);
  }
}
