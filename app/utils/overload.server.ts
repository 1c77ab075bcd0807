import { type IntervalHistogram, monitorEventLoopDelay } from "node:perf_hooks";

import { getWebEnv } from "./env.server";
import { singleton } from "./singleton.server";

// Load shedding for the intake (issue 14: "at twice the knee only 429/503 answers, never a lost
// lead"; docs/decisions/035). A web process past its knee does not get faster by taking more: every
// extra request waits in the event loop and the pool, answers grow to seconds, clients time out and
// retry, and a timed-out client cannot tell whether its lead was stored. So when the process is
// overloaded an intake request is refused at once with 503 + Retry-After — before any of its work,
// and so before anything is written: a refused lead is never half-stored, and a 2xx is only ever
// sent after the lead's transaction committed (storeLead returns after COMMIT).
//
// Two signals, as @fastify/under-pressure uses them:
//  - intake requests in flight in this process (taken and not answered yet) above `maxInFlight`:
//    the pool (10 connections) and Postgres are the bottleneck, a queue is building;
//  - event-loop delay (node:perf_hooks monitorEventLoopDelay, mean over the last sample window,
//    less the timer's resolution) above `maxEventLoopDelayMs`: the process's CPU is the bottleneck.

/** Why a request was refused. */
export type ShedReason = "inFlight" | "eventLoopDelay";

/** Admitted (call `release` exactly once when answered), or refused with the reason and the Retry-After seconds. */
export type Admission = { ok: true; release: () => void } | { ok: false; reason: ShedReason; retryAfterSec: number };

export type OverloadBounds = {
  /** Intake requests handled at once by this process; more are refused. */
  maxInFlight: number;
  /** Mean event-loop delay (ms) of the last window above which requests are refused; 0 turns the signal off. */
  maxEventLoopDelayMs: number;
  /**
   * Intake requests that must already be in flight for the event-loop delay to refuse the next one (default
   * 0). With fewer there is no queue of intake to shed: the delay is the machine's (a busy neighbour, a page
   * being rendered) and refusing the one lead in hand relieves nothing (trial 37 M6: two of six leads posted
   * one after another were told "系统繁忙" on a busy machine; docs/decisions/174).
   */
  delayNeedsInFlight?: number;
  /** Length of the event-loop sample window, ms. */
  sampleMs?: number;
  /** Seconds a refused client is told to wait (Retry-After). */
  retryAfterSec?: number;
};

const RESOLUTION_MS = 10;
/** Windows still excused after excused work ended: the one it ended in and the next (its answer rendered). */
const EXCUSED_SAMPLES_AFTER = 2;

/** Admission control for one kind of work in this process. Counters are for /metrics and the benchmarks. */
export class OverloadGuard {
  private inFlight = 0;
  private delayMs = 0;
  private histogram: IntervalHistogram | null = null;
  /** The histogram's count and total (ns) at the last sample: the window is what was added since. */
  private sampledCount = 0;
  private sampledSumNs = 0;
  private timer: NodeJS.Timeout | null = null;
  /** Excused work running now, and the samples still excused after the last one ended (see `excuse`). */
  private excusedRunning = 0;
  private excusedSamplesLeft = 0;
  /** Whether the last window's delay is excused: excused work ran in it. */
  private windowExcused = false;
  readonly shed: Record<ShedReason, number> = { inFlight: 0, eventLoopDelay: 0 };
  admitted = 0;

  constructor(private readonly bounds: OverloadBounds) {
    if (bounds.maxEventLoopDelayMs > 0) {
      this.histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
      this.histogram.enable();
      this.timer = setInterval(() => this.sample(), bounds.sampleMs ?? 500);
      this.timer.unref(); // never keeps the process alive
    }
  }

  /**
   * Takes the reading of the window since the last one (the interval does, every sampleMs; tests call
   * it at a chosen moment). The histogram is never reset: a reset also forgets when the delay timer last
   * ran, so a stall followed by this sample before the delay timer's own turn was never recorded at all
   * (both timers late after the stall, in either order). The window is the difference of running totals.
   */
  sample(): void {
    const h = this.histogram;
    if (!h) return;
    const count = h.count;
    const sumNs = count > 0 ? h.mean * count : 0;
    const n = count - this.sampledCount;
    // The histogram counts the timer's own resolution as delay; only what exceeds it is the loop's.
    this.delayMs = n > 0 ? Math.max(0, (sumNs - this.sampledSumNs) / n / 1e6 - RESOLUTION_MS) : 0;
    this.sampledCount = count;
    this.sampledSumNs = sumNs;
    this.windowExcused = this.excusedRunning > 0 || this.excusedSamplesLeft > 0;
    if (this.excusedRunning === 0 && this.excusedSamplesLeft > 0) this.excusedSamplesLeft--;
  }

  /**
   * Marks work this process does on purpose that holds its event loop, and that refusing intake would not
   * relieve: an admin's inventory import (preview or apply; docs/decisions/155). While it runs, and for
   * the two windows after it ends (the one it ended in, and the one its answer's page is rendered in),
   * the event-loop delay is not read as intake overload: a lead is never refused because an admin
   * previews a file. The in-flight bound still applies. Returns the end mark (a second call does nothing).
   */
  excuse(): () => void {
    this.excusedRunning++;
    this.windowExcused = true;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.excusedRunning--;
      this.excusedSamplesLeft = EXCUSED_SAMPLES_AFTER;
    };
  }

  /**
   * The current readings: requests in flight, the last window's mean event-loop delay in ms, and whether
   * that delay is excused (excused work ran in the window: `excuse`).
   */
  reading(): { inFlight: number; eventLoopDelayMs: number; delayExcused: boolean } {
    return { inFlight: this.inFlight, eventLoopDelayMs: this.delayMs, delayExcused: this.windowExcused || this.excusedRunning > 0 };
  }

  /**
   * Whether a request arriving now would be refused, without taking a slot (counted as shed when so):
   * for an answer that must be decided before the work that takes the slot (the form's early refusal).
   */
  refusal(): { reason: ShedReason; retryAfterSec: number } | null {
    const retryAfterSec = this.bounds.retryAfterSec ?? 5;
    const reason: ShedReason | null =
      this.inFlight >= this.bounds.maxInFlight
        ? "inFlight"
        : this.bounds.maxEventLoopDelayMs > 0 &&
            this.inFlight >= (this.bounds.delayNeedsInFlight ?? 0) &&
            this.delayMs > this.bounds.maxEventLoopDelayMs &&
            !this.windowExcused &&
            this.excusedRunning === 0
          ? "eventLoopDelay"
          : null;
    if (!reason) return null;
    this.shed[reason]++;
    return { reason, retryAfterSec };
  }

  /** Takes a slot, or refuses when either bound is exceeded. Constant time; no I/O. */
  admit(): Admission {
    const refused = this.refusal();
    if (refused) return { ok: false, ...refused };
    this.inFlight++;
    this.admitted++;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return; // a second release must not free someone else's slot
        released = true;
        this.inFlight--;
      },
    };
  }

  /** Stops sampling (tests). */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.histogram?.disable();
  }
}

/**
 * The web process's guard for lead intake (POST /api/leads and POST /, both routes share it), bounded
 * by INTAKE_MAX_IN_FLIGHT and INTAKE_MAX_EVENT_LOOP_DELAY_MS (app/utils/env.server.ts).
 */
export function intakeGuard(): OverloadGuard {
  return singleton("intake-overload-guard", () => new OverloadGuard(intakeBounds(getWebEnv())));
}

/**
 * The intake guard's bounds from the web's settings. The event-loop signal refuses only while at least
 * INTAKE_DELAY_NEEDS_IN_FLIGHT intake requests are in flight: a burst past the knee keeps dozens in flight
 * (bench:intake's 2× knee row), one enterprise at a time never makes a queue (docs/decisions/174).
 */
export function intakeBounds(
  env: Pick<ReturnType<typeof getWebEnv>, "INTAKE_MAX_IN_FLIGHT" | "INTAKE_MAX_EVENT_LOOP_DELAY_MS" | "INTAKE_RETRY_AFTER_SECONDS">,
): OverloadBounds {
  return {
    maxInFlight: env.INTAKE_MAX_IN_FLIGHT,
    maxEventLoopDelayMs: env.INTAKE_MAX_EVENT_LOOP_DELAY_MS,
    delayNeedsInFlight: INTAKE_DELAY_NEEDS_IN_FLIGHT,
    retryAfterSec: env.INTAKE_RETRY_AFTER_SECONDS,
  };
}

/** See intakeBounds. */
export const INTAKE_DELAY_NEEDS_IN_FLIGHT = 4;
