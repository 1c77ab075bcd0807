import { randomUUID } from "node:crypto";

import autocannon from "autocannon";

import type { LoadConfig, LoadResult } from "./lib";

// The load generator of `npm run bench`: autocannon in a process of its own (test/bench/lib.ts runs it),
// so its CPU is not counted as the server's. Reads its LoadConfig from BENCH_LOAD and prints one line
// of JSON (a LoadResult) when done. Every lead it sends is unique (phone, submission key), and it
// collects the reference of every accepted lead, so the bench can look each one up in Postgres.

const config = JSON.parse(process.env.BENCH_LOAD ?? "{}") as LoadConfig;
let n = 0;

/** A valid lead, unique by its number `i` (phone 1 39 + 8 digits). */
function lead(i: number) {
  const seq = String((config.seed * 1_000_000 + i) % 100_000_000).padStart(8, "0");
  return {
    need: { kind: "factory", deal: "lease", areaMin: 3000 + (i % 15) * 100, areaMax: 6000, areaUnit: "sqm", regions: ["高淳区"] },
    use: { industry: "C35", product: "数控机床" },
    tax: { annualTaxWan: 200 + (i % 600), investmentWan: 5000 },
    company: { name: `南京压测${config.seed}号${i}企业有限公司` },
    contact: { name: "王经理", phone: `139${seq}` },
    consent: true,
  };
}

/** The same lead as the inquiry form posts it (dotted names, consent "on", a fresh submission key). */
function formBody(i: number, key: string): string {
  const l = lead(i);
  const fields: Record<string, string> = {
    submissionKey: key,
    "need.kind": l.need.kind,
    "need.deal": l.need.deal,
    "need.areaMin": String(l.need.areaMin),
    "need.areaMax": String(l.need.areaMax),
    "need.areaUnit": l.need.areaUnit,
    "need.regions": l.need.regions.join("、"),
    "use.industry": l.use.industry,
    "use.product": l.use.product,
    "tax.annualTaxWan": String(l.tax.annualTaxWan),
    "tax.investmentWan": String(l.tax.investmentWan),
    "company.name": l.company.name,
    "contact.name": l.contact.name,
    "contact.phone": l.contact.phone,
    consent: "on",
    website: "",
  };
  return new URLSearchParams(fields).toString();
}

type Ctx = { key?: string };
const accepted: string[] = [];
const statuses: Record<string, number> = {};

const url = new URL(config.url);
const request: autocannon.Request = {
  method: config.kind === "get" ? "GET" : "POST",
  path: url.pathname + url.search,
  headers: {
    ...(config.kind === "api-lead" ? { "content-type": "application/json" } : {}),
    ...(config.kind === "form-lead" ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    ...(config.headers ?? {}),
  },
  setupRequest: (req: autocannon.Request, context: Ctx) => {
    if (config.kind === "get") return req;
    const i = n++;
    if (config.kind === "api-lead") return { ...req, body: JSON.stringify(lead(i)) };
    context.key = randomUUID();
    return { ...req, body: formBody(i, context.key) };
  },
  onResponse: (status: number, body: string, context: Ctx, headers?: Record<string, string | string[]>) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (config.kind === "api-lead" && status === 201) accepted.push((JSON.parse(body) as { reference: string }).reference);
    if (config.kind === "form-lead" && status === 303) {
      const location = String(headers?.location ?? headers?.Location ?? "");
      const ref = /\/inquiry\/(PM-[\d-]+)/.exec(location)?.[1];
      accepted.push(ref ?? `key:${context.key}`);
    }
  },
} as autocannon.Request;

process.stdout.write("load-start\n"); // the parent counts this process's CPU from here (not its start-up)
const result = await autocannon({
  url: url.origin,
  connections: config.connections,
  duration: config.seconds,
  ...(config.rate ? { overallRate: config.rate } : {}),
  timeout: config.timeoutSec ?? 10,
  requests: [request],
});

const out: LoadResult = {
  requests: result.requests.sent,
  statuses,
  errors: result.errors,
  timeouts: result.timeouts,
  seconds: result.duration,
  latency: {
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    mean: result.latency.mean,
  },
  accepted,
};
// Exit only once the answer is flushed: a large one (every accepted reference) outgrows the pipe's buffer,
// and process.exit() right after write() would cut it.
process.stdout.write(`${JSON.stringify(out)}\n`, () => process.exit(0));
