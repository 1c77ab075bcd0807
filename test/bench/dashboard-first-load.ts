import { performance } from "node:perf_hooks";

import postgres from "postgres";

import { hashPassword } from "~/auth/password.server";
import { createSql } from "~/db/db.server";
import { ensureDatabase, migrate } from "~/db/migrate.server";

import { generateHistory } from "../support/generated-history";
import { startWebServer } from "../support/services";

// The admin dashboard's first load after a web process starts, next to the loads after it (ADR 119: a
// trial's first load took 4.2 s, later ones ~1 s). Each round starts a fresh web process (the build,
// `npm run build` first) on a generated year (test/support/generated-history.ts, DASH_LEADS leads,
// 20,000 by default; kept in the database and reused), signs an admin in, opens /admin (where the sign-in
// lands), waits DASH_PAUSE_MS, then times GET /admin/dashboard: the first load, then DASH_LATER more.
// Prints the figures; writes nothing.
//   node --import tsx test/bench/dashboard-first-load.ts   (DASH_ROUNDS=3, DASH_LATER=5, DASH_DB=parkmatch_dashfirst)

const LEADS = Number(process.env.DASH_LEADS ?? 20_000);
const ROUNDS = Number(process.env.DASH_ROUNDS ?? 3);
const LATER = Number(process.env.DASH_LATER ?? 5);
const NAME = process.env.DASH_DB ?? "parkmatch_dashfirst";
/** Between the landing page and the dashboard: a person reading /admin, then a click. */
const PAUSE_MS = Number(process.env.DASH_PAUSE_MS ?? 1500);
const URL_ = `postgres://postgres@127.0.0.1:5432/${NAME}`;
const EMAIL = "dash-first@example.test";
const PASSWORD = "dash-first-长口令-2026-Kx9";

async function prepare(): Promise<void> {
  await ensureDatabase(URL_);
  await migrate(URL_);
  const sql = createSql(URL_, { max: 4 });
  try {
    const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from leads`;
    if (n === 0) await generateHistory(sql, LEADS);
    await sql`insert into users (email, name, role, password_hash) values (${EMAIL}, '看板', 'admin', ${await hashPassword(PASSWORD)})
              on conflict do nothing`;
  } finally {
    await sql.end({ timeout: 2 });
  }
}

async function timed(url: string, cookie: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(`${url}/admin/dashboard`, { headers: { cookie } });
  await res.text();
  if (res.status !== 200) throw new Error(`dashboard answered ${res.status}`);
  return performance.now() - t;
}

async function main(): Promise<void> {
  await prepare();
  const firsts: number[] = [];
  const laters: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Postgres's own caches are warm after round 0; each round is a new web process (its pool, its modules).
    const web = await startWebServer({
      DATABASE_URL: URL_,
      MEILI_URL: "http://127.0.0.1:9", // not read by the dashboard
      MEILI_MASTER_KEY: "x".repeat(16),
      ADMIN_API_TOKEN: "dash-first-token-0123456789",
    });
    try {
      const login = await fetch(`${web.url}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: EMAIL, password: PASSWORD }),
      });
      const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
      if (login.status !== 303 || !cookie) throw new Error(`sign-in answered ${login.status}`);
      // As a person: the sign-in lands on /admin, and the dashboard is opened from there a moment later.
      const landing = await fetch(`${web.url}/admin`, { headers: { cookie } });
      await landing.text();
      if (landing.status !== 200) throw new Error(`/admin answered ${landing.status}`);
      await new Promise((r) => setTimeout(r, PAUSE_MS));
      const first = await timed(web.url, cookie);
      const later: number[] = [];
      for (let i = 0; i < LATER; i++) later.push(await timed(web.url, cookie));
      firsts.push(first);
      laters.push(...later);
      console.log(`round ${round + 1}: first ${first.toFixed(0)} ms; later ${later.map((x) => x.toFixed(0)).join(", ")} ms`);
    } finally {
      await web.stop();
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `first load: median ${median(firsts).toFixed(0)} ms of ${firsts.length}; later loads: median ${median(laters).toFixed(0)} ms of ${laters.length}`,
  );
  if (process.env.DASH_DROP === "1") {
    const admin = postgres("postgres://postgres@127.0.0.1:5432/postgres", { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${NAME}" with (force)`);
    await admin.end();
  }
}

await main();
