import { describe, expect, it } from "vitest";

import { IMPORT_BUSY, ImportGate } from "~/inventory/import-gate.server";

// One import at a time in a web process, a few waiting, more told busy (docs/decisions/125, amended).

function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}
const turn = () => new Promise((r) => setImmediate(r));

describe("ImportGate", () => {
  it("runs one at a time, the waiting in arrival order, and tells the one past the queue it is busy", async () => {
    const gate = new ImportGate(1, 2);
    const started: string[] = [];
    const steps = { a: deferred(), b: deferred(), c: deferred() };
    const run = (name: keyof typeof steps) =>
      gate.run(async () => {
        started.push(name);
        await steps[name].promise;
        return name;
      });
    const a = run("a");
    const b = run("b");
    const c = run("c");
    expect(await gate.run(async () => "d")).toBe(IMPORT_BUSY); // one running, two waiting: the fourth is refused at once
    await turn();
    expect(started).toEqual(["a"]);
    steps.a.resolve();
    expect(await a).toBe("a");
    await turn();
    expect(started).toEqual(["a", "b"]);
    steps.b.reject(new Error("the database went away")); // a failed import hands its turn on too
    await expect(b).rejects.toThrow("the database went away");
    await turn();
    expect(started).toEqual(["a", "b", "c"]);
    steps.c.resolve();
    expect(await c).toBe("c");
    expect(await gate.run(async () => "e")).toBe("e"); // all settled: the next runs at once
  });

  it("lets a second in when it allows two at once", async () => {
    const gate = new ImportGate(2, 0);
    const hold = deferred();
    const first = gate.run(() => hold.promise.then(() => 1));
    const second = gate.run(() => hold.promise.then(() => 2));
    expect(await gate.run(async () => 3)).toBe(IMPORT_BUSY);
    hold.resolve();
    expect([await first, await second]).toEqual([1, 2]);
  });

  it("marks each work's run (the intake guard's excuse, docs/decisions/155): from its start until it settles, thrown or not; a waiting one only once it runs", async () => {
    const marks: string[] = [];
    let n = 0;
    const gate = new ImportGate(1, 1, () => {
      const id = ++n;
      marks.push(`start ${id}`);
      return () => marks.push(`end ${id}`);
    });
    const hold = deferred();
    const first = gate.run(() => hold.promise);
    const second = gate.run(async () => "second");
    await turn();
    expect(marks).toEqual(["start 1"]); // the second waits unmarked
    hold.reject(new Error("the file is broken"));
    await expect(first).rejects.toThrow("the file is broken");
    expect(await second).toBe("second");
    expect(marks).toEqual(["start 1", "end 1", "start 2", "end 2"]);
    expect(await gate.run(async () => "busy?")).toBe("busy?");
  });
});
