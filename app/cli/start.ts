import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

import { DemoPasswordRefused, seedDemoStaff } from "~/auth/demo-accounts.server";
import { passwordWeaknessText } from "~/auth/password-strength.server";
import { createSql } from "~/db/db.server";
import { migrate } from "~/db/migrate.server";
import { cliMessages } from "~/i18n/cli-messages";
import { seedDemoIfEmpty } from "~/inventory/seed.server";

import { meiliCommand, meiliHealthy } from "../../search/launcher";
import { supervise, type Supervised } from "./supervisor";
import { DEFAULT_WEB_HEAP_MB, webProcessArgs } from "./web-entry";
import { DEFAULT_WORKER_HEAP_MB, workerProcessArgs } from "./worker-entry";

// npm start: migrate, seed the demo inventory into an empty database, start Meilisearch (unless
// MEILI_URL is given), then the web and worker processes, each restarted if it dies; Ctrl-C stops them all.

const root = fileURLToPath(new URL("../../", import.meta.url));
const dataDir = `${root}.data`;
mkdirSync(dataDir, { recursive: true });

// A local .env (see .env.example) is read when present; the real environment wins.
if (existsSync(`${root}.env`)) process.loadEnvFile(`${root}.env`);

const env: Record<string, string> = Object.fromEntries(
  Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""),
);
env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/parkmatch";
env.NODE_ENV ??= "production"; // the build is a production build

/** A development secret kept under .data/ (admin token, demo password), so things work out of the box; production sets its own. */
function devSecret(name: string): string {
  const file = `${dataDir}/${name}`;
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString("hex"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

const port = Number(env.PORT ?? 3000);
// Links in emails and shortlists name this address: with only PORT changed they must follow it.
env.APP_URL ??= `http://localhost:${port}`;
// A taken port would otherwise make the supervised web process crash and restart forever.
const portFree = await new Promise<boolean>((resolve) => {
  const probe = createServer()
    .once("error", () => resolve(false))
    .listen(port, () => probe.close(() => resolve(true)));
});
if (!portFree) {
  const taken = cliMessages.both("portTaken", { port });
  console.error(taken.zh);
  console.error(taken.en);
  process.exit(1);
}

// The web and worker processes' heaps are bounded (why: app/cli/web-entry.ts, app/cli/worker-entry.ts).
function heapMb(name: "WEB_HEAP_MB" | "WORKER_HEAP_MB", fallback: number): number {
  const mb = Number(env[name] ?? fallback);
  if (Number.isInteger(mb) && mb >= 64) return mb;
  const bad = cliMessages.both("badHeap", { name, value: env[name] ?? "", fallback });
  console.error(bad.zh);
  console.error(bad.en);
  process.exit(1);
}
const webHeapMb = heapMb("WEB_HEAP_MB", DEFAULT_WEB_HEAP_MB);
const workerHeapMb = heapMb("WORKER_HEAP_MB", DEFAULT_WORKER_HEAP_MB);

const applied = await migrate(env.DATABASE_URL);
if (applied.length) console.log(`migrations applied: ${applied.join(", ")}`);
if (env.SEED_DEMO !== "0") {
  const sql = createSql(env.DATABASE_URL, { max: 1 });
  if (await seedDemoIfEmpty(sql)) {
    console.log("demo inventory seeded");
    try {
      const accounts = await seedDemoStaff(sql, devSecret("demo-staff-password"));
      console.log(`demo staff accounts at /login: ${accounts.join(", ")} (password in .data/demo-staff-password)`);
    } catch (error) {
      if (!(error instanceof DemoPasswordRefused)) throw error;
      // A hand-edited weak password: the service starts, without demo sign-ins, and says why.
      for (const lng of ["zh", "en"] as const) console.error(`.data/demo-staff-password: ${passwordWeaknessText(lng, error.weakness)}`);
    }
  }
  await sql.end();
}

// The bundled Meilisearch is supervised like the web and worker processes, on the same port and key: if
// it dies, search and matching pause (jobs and index writes retry) instead of waiting for a manual restart.
let meili: Supervised | undefined;
if (!env.MEILI_URL) {
  const { command, args, env: meiliEnv, url, masterKey } = await meiliCommand({ dataDir: `${dataDir}/meili`, logLevel: "ERROR" });
  meili = supervise("meilisearch", args, { command, cwd: root, env: meiliEnv, onRestart });
  try {
    await meiliHealthy(url, 60_000);
  } catch (error) {
    await meili.stop(5_000); // not left running behind a start that gave up
    throw error;
  }
  env.MEILI_URL = url;
  env.MEILI_MASTER_KEY = masterKey;
  console.log(`Meilisearch ${url}`);
}
if (!env.ADMIN_API_TOKEN) {
  env.ADMIN_API_TOKEN = devSecret("admin-api-token");
  console.log(
    `ADMIN_API_TOKEN not set: using the development token in .data/admin-api-token (for scripts: /api/*, /metrics; people sign in at /login)`,
  );
}

// A child that dies (a crash, an OOM kill, a last-resort exit after a fault) is started again with
// backoff; the others keep running (docs/decisions/019).
const supervised = [
  supervise("web", webProcessArgs(webHeapMb), {
    cwd: root,
    env: env as NodeJS.ProcessEnv,
    onRestart,
  }),
  supervise("worker", workerProcessArgs(workerHeapMb), { cwd: root, env: env as NodeJS.ProcessEnv, onRestart }),
];
function onRestart(r: { name: string; code: number | null; signal: string | null; delayMs: number; restarts: number }) {
  console.error(`${r.name} exited (${r.signal ?? r.code}); restarting in ${(r.delayMs / 1000).toFixed(1)} s (restart ${r.restarts})`);
}

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  // Ctrl-C reaches every child at once: whichever exits first is not restarted while the others stop.
  for (const s of [...supervised, meili]) s?.endRestarts();
  await Promise.all(supervised.map((s) => s.stop(12_000)));
  await meili?.stop(5_000);
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

console.log(`parkmatch: http://localhost:${env.PORT ?? 3000}`);
