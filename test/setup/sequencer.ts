import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files that start several web and worker processes and kill them (the fault suite, two of each). Most
 * of their time is paced waiting — leads at 1 a second, a fault's outage held 0.3–2.5 s, a late second send
 * waited for — so they run beside the other files instead of alone after them (ADR 212).
 */
export const HEAVY_FILES = ["test/integration/faults.test.ts", "test/integration/two-processes.test.ts"];

/**
 * The order the run's files are queued in (the queue feeds the two workers, first come first served): vitest's
 * own (by project, then failed and longest first when a run before this one left its times, else largest
 * first), with the heavy files spread over it — `placeApart`, so neither of them shares the machine with
 * the other.
 */
export default class SuiteSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return placeApart(sorted, (spec) => spec.project.name === "heavy");
  }
}

/**
 * `files` with those `isHeavy` picks spread evenly: the first at the front, the k-th of h after k/h of the
 * others (with 400 files and two heavy ones: at 0 and after 200). Two heavy files are then never queued side by
 * side unless nothing else is queued. The others keep their order.
 */
export function placeApart<T>(files: readonly T[], isHeavy: (file: T) => boolean): T[] {
  const heavy = files.filter(isHeavy);
  const others = files.filter((f) => !isHeavy(f));
  const out: T[] = [];
  let next = 0;
  heavy.forEach((file, k) => {
    const at = Math.floor((k * others.length) / heavy.length);
    out.push(...others.slice(next, at), file);
    next = at;
  });
  out.push(...others.slice(next));
  return out;
}
