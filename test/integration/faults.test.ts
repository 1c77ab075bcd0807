import { expect, it } from "vitest";

import { FAULT_KINDS, formatReport, runFaultSuite } from "../faults/suite";

// The short fault suite (the full one is `npm run test:faults`, docs/reliability.md): a few faults of
// each kind while leads arrive through the API and the form; nothing acknowledged may be lost, left
// unindexed, unmatched or unrouted, or stored twice, and neither process may crash.
it("no acknowledged lead is lost, unfinished or doubled while the worker, web, Redis, Meilisearch, SMTP and Postgres connections fail", async () => {
  const report = await runFaultSuite({ faultsPerKind: 2, minAcknowledged: 30, leadsPerSecond: 1, settleTimeoutMs: 120_000 });
  console.log(formatReport(report));
  for (const kind of FAULT_KINDS) expect(report.faults[kind]).toBeGreaterThanOrEqual(2);
  expect(report.acknowledged).toBeGreaterThanOrEqual(30);
  expect(report.lost).toEqual([]);
  expect(report.notIndexed).toEqual([]);
  expect(report.notMatched).toEqual([]);
  expect(report.notTerminal).toEqual([]);
  expect(report.duplicateLeads).toBe(0);
  expect(report.crashes).toEqual([]);
}, 400_000);
