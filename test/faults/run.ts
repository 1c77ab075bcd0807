import { formatReport, passed, runFaultSuite } from "./suite";

// npm run test:faults — the full fault suite (docs/reliability.md). Options:
//   --faults-per-kind=N (default 20)  --min-acknowledged=N (default 500)  --rate=leads/s (default 1.5)
const arg = (name: string, fallback: number) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = hit ? Number(hit.split("=")[1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};

const report = await runFaultSuite({
  faultsPerKind: arg("faults-per-kind", 20),
  minAcknowledged: arg("min-acknowledged", 500),
  leadsPerSecond: arg("rate", 1.5),
  settleTimeoutMs: 300_000,
  progress: (line) => console.log(`[faults] ${line}`),
});
console.log(formatReport(report));
for (const [what, list] of [
  ["lost", report.lost],
  ["not indexed", report.notIndexed],
  ["not matched", report.notMatched],
  ["not terminal", report.notTerminal],
] as const) {
  if (list.length) console.log(`${what}: ${list.slice(0, 20).join(", ")}${list.length > 20 ? " …" : ""}`);
}
process.exit(passed(report) ? 0 : 1);
