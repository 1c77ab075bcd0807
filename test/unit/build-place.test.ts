import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { placeBuild } from "../../app/cli/build-place";

// A running `npm start` keeps serving the pages of the build it loaded; `npm test` or `npm run build`
// in the same checkout used to empty public/build under it (remix build's emptyDirSync), so its pages
// named scripts and styles that answered 404.
let root: string;
let n = 0;

function write(path: string, text: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** A finished build aside, as remix build and the worker's esbuild leave it. */
function stage(assets: string[], server: Record<string, string> = { "index.js": `web ${++n}` }): string {
  const staging = join(root, `staging-${++n}`);
  for (const file of assets) write(join(staging, "public", "build", file), `asset ${file}`);
  for (const [file, text] of Object.entries(server)) write(join(staging, "server", file), text);
  return staging;
}

const places = (staging: string, keep?: number) => ({
  staging,
  serverDir: join(root, "build"),
  assetsDir: join(root, "public", "build"),
  recordFile: join(root, "build", "assets-kept.json"),
  keep,
});
const asset = (file: string) => join(root, "public", "build", file);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "parkmatch-build-place-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("placeBuild", () => {
  it("keeps the assets a running build's pages name when a new build is put in place", () => {
    placeBuild(places(stage(["manifest-AAAA.js", "routes/_index-AAAA.js", "_assets/app-AAAA.css"])));
    placeBuild(places(stage(["manifest-BBBB.js", "routes/_index-BBBB.js", "_assets/app-AAAA.css"])));
    for (const file of ["manifest-AAAA.js", "routes/_index-AAAA.js", "manifest-BBBB.js", "routes/_index-BBBB.js"])
      expect(existsSync(asset(file)), file).toBe(true);
  });

  it("replaces the server files, and leaves no staging folder behind", () => {
    const first = stage(["manifest-A.js"], { "index.js": "web one", "worker.js": "worker one" });
    placeBuild(places(first));
    const second = stage(["manifest-B.js"], { "index.js": "web two", "worker.js": "worker two", "version.txt": "b" });
    placeBuild(places(second));
    expect(readFileSync(join(root, "build", "index.js"), "utf8")).toBe("web two");
    expect(readFileSync(join(root, "build", "worker.js"), "utf8")).toBe("worker two");
    expect(readFileSync(join(root, "build", "version.txt"), "utf8")).toBe("b");
    expect(existsSync(first) || existsSync(second)).toBe(false);
  });

  it("removes the files of builds older than the kept ones, never a file a kept build names", () => {
    const removed: string[][] = [];
    for (const name of ["A", "B", "C", "D"])
      removed.push(placeBuild(places(stage([`manifest-${name}.js`, `routes/x-${name}.js`, "_shared/chunk-SAME.js"]), 3)));
    expect(removed.slice(0, 3)).toEqual([[], [], []]);
    expect(removed[3]?.sort()).toEqual(["manifest-A.js", "routes/x-A.js"]);
    for (const name of ["B", "C", "D"]) expect(existsSync(asset(`manifest-${name}.js`))).toBe(true);
    expect(existsSync(asset("_shared/chunk-SAME.js"))).toBe(true);
  });

  it("on a checkout built the old way (no record), keeps only the new build's files", () => {
    write(asset("manifest-OLD.js"), "old");
    expect(placeBuild(places(stage(["manifest-NEW.js"])))).toEqual(["manifest-OLD.js"]);
    expect(existsSync(asset("manifest-NEW.js"))).toBe(true);
  });

  it("reads a damaged record as none, not as a failed build", () => {
    write(join(root, "build", "assets-kept.json"), "{not json");
    expect(() => placeBuild(places(stage(["manifest-X.js"])))).not.toThrow();
    expect(JSON.parse(readFileSync(join(root, "build", "assets-kept.json"), "utf8"))).toEqual([["manifest-X.js"]]);
  });
});
