import { REFUSAL_KEY_HEADER } from "~/auth/refused-page";

/**
 * The web process's .xlsx exports (the inventory, the lead list) one at a time, the next ones waiting their turn:
 * each holds its rows and its file in memory (tens of MB for 20,000 spaces even written as a stream), and six at once
 * ran the web's 256 MB heap out — the process aborted and took every request in flight with it (attack 12-05g H1).
 * Beyond EXPORT_WAITING_MAX waiting, an export is refused at once (`"busy"`: the route answers 503, try again).
 */
export const EXPORT_WAITING_MAX = 4;

let busy = false;
const waiting: (() => void)[] = [];

/** Runs `work` when no other export of this process runs; `"busy"` when EXPORT_WAITING_MAX already wait. */
export async function inExportSlot<T>(work: () => Promise<T>): Promise<T | "busy"> {
  if (busy) {
    if (waiting.length >= EXPORT_WAITING_MAX) return "busy";
    await new Promise<void>((resolve) => waiting.push(resolve)); // handed the slot by the one before
  } else busy = true;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else busy = false;
  }
}

/** The answer to an export refused as `"busy"`: 503, the web layer's page in the person's language, try again in 10 s. */
export function exportBusyResponse(): Response {
  return new Response(null, {
    status: 503,
    headers: { [REFUSAL_KEY_HEADER]: "exportBusy", "Retry-After": "10", "Cache-Control": "no-store" },
  });
}
