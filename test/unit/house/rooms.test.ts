import { describe, expect, it } from "vitest";

import { importsOf, roomCycles, roomGraph, roomOf, sourceFiles } from "../../support/source-graph";

// The import rules of docs/architecture.md ("Who may import whom") and ADR 024, read from the source.

const files = sourceFiles();
const graph = roomGraph(files);

/**
 * Room cycles that exist today and are allowed, with the reason; this list may only shrink.
 * - app ↔ app/components: the root route's loader data is read by the admin page shell (`useRootData`).
 * - app/db ↔ app/utils: the pool uses the singleton helper, the health check uses the pool.
 * - app/domain ↔ app/i18n: the lead schema's messages, and the flag messages keyed by the domain's flags.
 */
const KNOWN = [
  ["app", "app/components"],
  ["app/db", "app/utils"],
  ["app/domain", "app/i18n"],
].map((c) => c.join(" ↔ "));

const edgesTo = (from: (room: string) => boolean, to: (room: string) => boolean): string[] =>
  [...graph].filter(([r]) => from(r)).flatMap(([, edges]) => [...edges].filter(([r]) => to(r)).flatMap(([, list]) => list));

describe("rooms and who may import whom", () => {
  it("finds the rooms it is meant to check (the parser sees our imports)", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(graph.get("worker")?.has("app/assignments")).toBe(true);
    expect(graph.get("search")?.has("app/inventory")).toBe(true);
    expect(importsOf("app/routes/hotline.tsx")).toContain("app/hotline/call-task-list.server");
  });

  it("has no import cycle between search/ and any room of app/", () => {
    const withSearch = roomCycles(graph).filter((c) => c.includes("search"));
    expect(withSearch, JSON.stringify(withSearch.map((c) => c.map((r) => [r, [...(graph.get(r)?.keys() ?? [])]])))).toEqual([]);
  });

  it("has no import cycle between rooms other than the known, shrinking few", () => {
    const unknown = roomCycles(graph)
      .map((c) => c.join(" ↔ "))
      .filter((c) => !KNOWN.includes(c));
    expect(unknown).toEqual([]);
  });

  it("detects a cycle when one is planted (the check can fail)", () => {
    const planted = roomGraph(files);
    planted.get("app/inventory")!.set("search", ["planted"]);
    expect(roomCycles(planted).some((c) => c.includes("search") && c.includes("app/inventory"))).toBe(true);
  });

  it("keeps app/domain free of I/O rooms: it imports only app/domain and app/i18n", () => {
    expect(
      edgesTo(
        (r) => r === "app/domain",
        (r) => r !== "app/i18n",
      ),
    ).toEqual([]);
  });

  it("never imports routes or worker/ from a module, nor components from the worker", () => {
    expect(
      edgesTo(
        (r) => r !== "app/routes" && r !== "app",
        (r) => r === "app/routes",
      ),
    ).toEqual([]);
    expect(
      edgesTo(
        (r) => r !== "worker",
        (r) => r === "worker",
      ),
    ).toEqual([]);
    expect(
      edgesTo(
        (r) => r === "worker" || r === "search",
        (r) => r === "app/components" || r === "app",
      ),
    ).toEqual([]);
  });

  it("names a file's room by its folder", () => {
    expect(roomOf("app/root.tsx")).toBe("app");
    expect(roomOf("app/hotline/call-tasks.server.ts")).toBe("app/hotline");
    expect(roomOf("search/reindex.ts")).toBe("search");
  });
});
