import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

/** How many builds' browser assets stay in public/build: a page loaded from an older build keeps its scripts. */
export const KEPT_BUILDS = 3;

export type BuildPlaces = {
  /** The finished build aside: `<staging>/server/*` (index.js, worker.js, metafiles) and `<staging>/public/build/**`. */
  staging: string;
  /** Where the web and worker processes are started from (build/). */
  serverDir: string;
  /** Where express serves /build/ from (public/build). */
  assetsDir: string;
  /** The list of the last builds' asset files (one JSON file, outside what express serves). */
  recordFile: string;
  keep?: number;
};

function filesUnder(dir: string, root = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path, root) : [relative(root, path)];
  });
}

function readRecord(file: string): string[][] {
  try {
    const value: unknown = JSON.parse(readFileSync(file, "utf8"));
    return Array.isArray(value) ? value.filter((b): b is string[] => Array.isArray(b)) : [];
  } catch {
    return [];
  }
}

/**
 * Puts a finished build in place without taking anything from under a running `npm start` (docs/decisions/089).
 *
 * `remix build` empties its assets folder before it writes, so building straight into public/build
 * left a running web process's pages naming scripts and styles that were gone (every page of the
 * service lost its JS and CSS while `npm test` or `npm run build` ran in the same checkout). The build
 * is made in `staging` instead; its assets (content-hashed names, so an old and a new build never
 * share a name with different content) are added to `assetsDir`, and the files of builds older than
 * the last `keep` are removed. The server files are renamed over the old ones one by one, so a process
 * (re)started at any moment reads a whole file, old or new; one already running keeps the build it loaded.
 *
 * @returns the asset files (paths relative to assetsDir) removed as older than the kept builds.
 */
export function placeBuild(places: BuildPlaces): string[] {
  const keep = places.keep ?? KEPT_BUILDS;
  const stagedAssets = join(places.staging, "public", "build");
  const stagedServer = join(places.staging, "server");
  const added = filesUnder(stagedAssets);
  mkdirSync(places.assetsDir, { recursive: true });
  cpSync(stagedAssets, places.assetsDir, { recursive: true, force: true });

  mkdirSync(places.serverDir, { recursive: true });
  for (const file of filesUnder(stagedServer)) {
    const target = join(places.serverDir, file);
    mkdirSync(dirname(target), { recursive: true });
    renameSync(join(stagedServer, file), target);
  }

  // A checkout built before this record existed has no list: what is not the new build is not kept.
  const builds = [added, ...readRecord(places.recordFile)].slice(0, keep);
  const kept = new Set(builds.flat());
  const removed = filesUnder(places.assetsDir).filter((file) => !kept.has(file));
  for (const file of removed) rmSync(join(places.assetsDir, file), { force: true });
  writeFileSync(places.recordFile, JSON.stringify(builds));
  rmSync(places.staging, { recursive: true, force: true });
  return removed;
}
