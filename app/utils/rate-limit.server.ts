import { singleton } from "./singleton.server";

/**
 * A fixed-window counter per client and purpose, in the web process's memory. Intake must not depend
 * on Redis, and one web process serves the public pages; the window is short, so a restart loses little.
 */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  /** true when this hit is allowed. */
  hit(key: string, now = Date.now()): boolean {
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      if (this.windows.size > 50_000) this.sweep(now);
      return true;
    }
    w.count++;
    return w.count <= this.limit;
  }

  /** true when the key has used up its window (counts nothing: for limits on failures only). */
  blocked(key: string, now = Date.now()): boolean {
    const w = this.windows.get(key);
    return w !== undefined && now - w.start < this.windowMs && w.count >= this.limit;
  }

  private sweep(now: number) {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}

export function getRateLimiter(name: string, limit: number): RateLimiter {
  return singleton(`rate-limit:${name}:${limit}`, () => new RateLimiter(limit));
}

export type WebContext = { clientIp?: string };

export function clientKey(context: unknown): string {
  return (context as WebContext | undefined)?.clientIp ?? "unknown";
}
