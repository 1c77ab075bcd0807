import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { webProcessArgs } from "../../app/cli/web-entry";
import { WORKER_SEMI_SPACE_MB, workerProcessArgs } from "../../app/cli/worker-entry";

// Issue 14 (docs/decisions/048): the heap bounds are what keeps each process under 250 MB (V8 lets an
// unbounded heap grow to 4× what it keeps alive). `npm start` gives them through webProcessArgs and
// workerProcessArgs; a process started alone with `npm run start:web` / `start:worker` must get the same.
const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;

describe("the processes' node arguments", () => {
  it("bound the old space and the semi-spaces of both processes, which run their builds", () => {
    for (const args of [webProcessArgs(), workerProcessArgs()]) {
      expect(args.filter((a) => /^--max-old-space-size=\d+$/.test(a))).toHaveLength(1);
      expect(args.filter((a) => /^--max-semi-space-size=\d+$/.test(a))).toHaveLength(1);
      expect(args.at(-1)).toMatch(/^build\/(index|worker)\.js$/);
    }
  });

  it("give the worker 16 MB semi-spaces and the web 8 (docs/decisions/062: the worker's GC, the web's RSS)", () => {
    expect(WORKER_SEMI_SPACE_MB).toBe(16);
    expect(workerProcessArgs()).toContain("--max-semi-space-size=16");
    expect(webProcessArgs()).toContain("--max-semi-space-size=8");
  });

  it("are the same under npm run start:web and start:worker as under npm start", () => {
    expect(scripts["start:web"]).toBe(`node ${webProcessArgs().join(" ")}`);
    expect(scripts["start:worker"]).toBe(`node ${workerProcessArgs().join(" ")}`);
  });
});
