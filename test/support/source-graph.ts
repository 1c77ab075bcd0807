import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import ts from "typescript";

/** The repository root (this file is test/support/source-graph.ts). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Every .ts/.tsx file under the given top-level folders, as repository-relative paths with "/". */
export function sourceFiles(folders: string[] = ["app", "search", "worker"]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !name.endsWith(".d.ts")) out.push(relative(ROOT, path).split("\\").join("/"));
    }
  };
  for (const f of folders) walk(join(ROOT, f));
  return out.sort();
}

/**
 * The room a file lives in: `app/<folder>` for files in a folder of app/ (`app` for app's own top-level
 * files: root.tsx, server.ts, entry.server.tsx), else its top-level folder (`search`, `worker`).
 */
export function roomOf(file: string): string {
  const parts = file.split("/");
  if (parts[0] === "app") return parts.length > 2 ? `app/${parts[1]}` : "app";
  return parts[0];
}

/**
 * The repository-relative target (without extension) of each of our own imports in `file` — static
 * imports, re-exports and dynamic `import()` (TypeScript's own pre-parser). Packages are skipped.
 */
export function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(ROOT, file), "utf8"), true, true);
  const out: string[] = [];
  for (const { fileName: spec } of info.importedFiles) {
    if (spec.startsWith("~/")) out.push(`app/${spec.slice(2)}`);
    else if (spec.startsWith("."))
      out.push(
        relative(ROOT, resolve(ROOT, dirname(file), spec))
          .split("\\")
          .join("/"),
      );
  }
  return out;
}

/** Room → room → the files that make that edge (imports inside one room are left out). */
export function roomGraph(files: string[] = sourceFiles()): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of files) {
    const from = roomOf(file);
    if (!graph.has(from)) graph.set(from, new Map());
    for (const target of importsOf(file)) {
      const to = roomOf(target);
      if (to === from) continue;
      const edges = graph.get(from)!;
      edges.set(to, [...(edges.get(to) ?? []), `${file} → ${target}`]);
    }
  }
  return graph;
}

/** Strongly connected components with more than one room (Tarjan): each is an import cycle between rooms. */
export function roomCycles(graph: Map<string, Map<string, string[]>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles.sort((a, b) => a[0].localeCompare(b[0]));
}
