import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";

import postgres from "postgres";

import { hashPassword } from "~/auth/password.server";
import { createSql } from "~/db/db.server";
import { migrate } from "~/db/migrate.server";
import { inventoryWorkbook } from "~/inventory/excel/write-workbook.server";
import { importInventory, validateInventory } from "~/inventory/import.server";

import { freePort } from "../../search/launcher";
import { demoInventory, generatedSpaces } from "../fixtures/inventory";
import { validLeadForm } from "../support/leads";

// How long a large import holds the web process's event loop (docs/decisions/120, 125): the web (a build
// directory, `build` by default — give another to compare) on a database of its own, a client asking a
// page that needs nothing but the event loop every few milliseconds while each import is sent; the
// longest wait of those requests is the time the loop was held. Prints one line per body: the JSON
// bodies of POST /api/import, then the admin's .xlsx upload (/admin/import: preview, then apply).
// `forms`: the web with the intake's default event-loop bound (ADR 035), a 10,000-row .xlsx previewed while
// inquiry forms (POST /) are sent in waves of 10 a second: how many of those sent during the preview were
// refused with 503, and why (the web's /metrics; docs/decisions/155).
//
//   node --import tsx test/bench/import-event-loop.ts [buildDir] [json|xlsx|forms]
//   (IMPORT_BENCH_ROWS: the .xlsx upload's rows, 20,000 unless told)
//
// Not a test: figures depend on the machine (the lead engineer's runs are under `nice -n 19`).

const buildDir = resolve(process.argv[2] ?? "build");
const only = process.argv[3] ?? "";
const TOKEN = "import-event-loop-bench-token-0123456789abcdef";
const DB = `parkmatch_bench_import_loop_${process.pid}`;
const ADMIN = "postgres://postgres@127.0.0.1:5432/postgres";
const MB = 1024 * 1024;

/** `n` spaces in the demo parks, each with a `notes` text of `notesChars` characters (made the body large). */
function spaces(n: number, notesChars: number, bad = false) {
  const notes = "交通便利，近高速出入口，配套齐全。".repeat(Math.ceil(notesChars / 17)).slice(0, notesChars);
  return generatedSpaces(n).map((s) => ({ ...s, notes, ...(bad ? { areaSqm: -1 } : {}) }));
}
/** As many spaces as fit in `bytes` of JSON at `notesChars` each (at most `max`). */
function bodyOf(bytes: number, notesChars: number, max: number, bad = false): string {
  const one = Buffer.byteLength(JSON.stringify(spaces(1, notesChars)[0])) + 1;
  return JSON.stringify({ spaces: spaces(Math.min(max, Math.floor(bytes / one)), notesChars, bad) });
}

async function startWeb(databaseUrl: string, env: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  // IMPORT_BENCH_WEB_ARGS: node options for the web (`--cpu-prof --cpu-prof-dir=…` to see what holds the loop).
  const extra = (process.env.IMPORT_BENCH_WEB_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...extra, "--max-old-space-size=256", "--max-semi-space-size=8", `${buildDir}/index.js`], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      ADMIN_API_TOKEN: TOKEN,
      MEILI_URL: process.env.MEILI_URL ?? "http://127.0.0.1:7799",
      MEILI_MASTER_KEY: process.env.MEILI_MASTER_KEY ?? "bench-master-key-0123456789",
      QUEUE_PREFIX: `pmbench-loop-${process.pid}`,
      INTAKE_MAX_EVENT_LOOP_DELAY_MS: "0",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    try {
      if ((await fetch(`${url}/inquiry/received`)).status < 500) return { url, child };
    } catch {
      // not listening yet
    }
  }
  child.kill("SIGKILL");
  throw new Error("web did not start");
}

/**
 * The page asked back to back from a thread of its own (the posting thread is busy sending 20 MB, which
 * must not count as the web's wait), until told to stop: the waits, in ms.
 */
const PINGER = `
const { parentPort, workerData } = require("node:worker_threads");
let running = true;
const waits = [];
parentPort.on("message", () => { running = false; });
(async () => {
  while (running) {
    const t = performance.now();
    await (await fetch(workerData + "/inquiry/received")).arrayBuffer();
    waits.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 5));
  }
  parentPort.postMessage(waits);
})();`;

/** Runs `send` while a client asks a cheap page back to back; the answer and the longest wait. */
async function measure(url: string, label: string, bytes: number, send: () => Promise<Response>): Promise<string> {
  const pinger = new Worker(PINGER, { eval: true, workerData: url });
  const done = new Promise<number[]>((r) => pinger.once("message", r));
  await new Promise((r) => setTimeout(r, 300)); // the idle waits first
  const t = performance.now();
  const res = await send();
  const text = await res.text();
  const answer = text.slice(0, 160).replace(/\s+/g, " ");
  const took = performance.now() - t;
  pinger.postMessage("stop");
  const waits = await done;
  await pinger.terminate();
  waits.sort((a, b) => a - b);
  const max = waits[waits.length - 1];
  const p99 = waits[Math.floor(waits.length * 0.99)];
  console.log(
    `${label.padEnd(44)} ${(bytes / MB).toFixed(1).padStart(5)} MB → ${res.status} in ${took.toFixed(0).padStart(6)} ms;` +
      ` page waits: max ${max.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms (${waits.length} asked) | ${answer}`,
  );
  return text;
}

/** POST /api/import of `text` (the admin token). */
function postJson(url: string, label: string, text: string) {
  const body = Buffer.from(text);
  return measure(url, label, body.length, () =>
    fetch(`${url}/api/import?lng=en`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body,
    }),
  );
}

const ADMIN_EMAIL = "bench-import-admin@example.test";
const ADMIN_PASSWORD = "bench-导入-2026-loop";

/** Signs the bench's admin in: the session cookie and the CSRF token of /admin/import. */
async function signIn(url: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  const page = await (await fetch(`${url}/admin/import`, { headers: { cookie } })).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!csrf) throw new Error(`admin sign-in failed (${res.status})`);
  return { cookie, csrf };
}

/**
 * `n` good new spaces (ids X…) as the admin's workbook (.xlsx bytes), each with notes of `notesChars`
 * of its own (a shared string each: 20,000 rows of 200 chars unzip to ~20 MB, under the 24 MB bound).
 */
async function workbookOf(n: number, notesChars: number): Promise<Buffer> {
  const rows = spaces(n, notesChars).map((s, i) => ({ ...s, id: `X${i + 1}`, notes: `${i} ${s.notes}`.slice(0, notesChars) }));
  const checked = validateInventory({ spaces: rows });
  if (!checked.ok) throw new Error("generated spaces refused");
  return inventoryWorkbook(checked.value);
}

/** The admin's upload of `xlsx` (/admin/import, preview), then its apply when the preview allows it. */
async function uploadXlsx(url: string, label: string, xlsx: Buffer): Promise<void> {
  const { cookie, csrf } = await signIn(url);
  const form = new FormData();
  form.append("csrf", csrf);
  form.append("intent", "preview");
  form.append("file", new Blob([new Uint8Array(xlsx)]), "空间.xlsx");
  const html = await measure(url, `${label}: preview`, xlsx.length, () =>
    fetch(`${url}/admin/import?lng=en`, { method: "POST", redirect: "manual", headers: { cookie }, body: form }),
  );
  const previewId = /name="previewId" value="([^"]+)"/.exec(html)?.[1];
  const hash = /name="hash" value="([^"]+)"/.exec(html)?.[1];
  if (!previewId || !hash) return;
  const apply = new URLSearchParams({ csrf, intent: "apply", previewId, hash });
  await measure(url, `${label}: apply`, 0, () =>
    fetch(`${url}/admin/import?lng=en`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: apply,
    }),
  );
}

/**
 * The admin's preview of `xlsx` while inquiry forms are sent in waves of 10 a second: the forms sent
 * before the preview answered, how many of them were refused (503), and the web's count of refusals by reason.
 */
async function previewWithForms(url: string, xlsx: Buffer): Promise<void> {
  const { cookie, csrf } = await signIn(url);
  const form = new FormData();
  form.append("csrf", csrf);
  form.append("intent", "preview");
  form.append("file", new Blob([new Uint8Array(xlsx)]), "空间.xlsx");
  let previewing = true;
  const t = performance.now();
  const preview = fetch(`${url}/admin/import?lng=en`, { method: "POST", redirect: "manual", headers: { cookie }, body: form }).then(
    async (res) => {
      await res.arrayBuffer();
      previewing = false;
      return res.status;
    },
  );
  const answers: Promise<number>[] = [];
  for (let wave = 0; previewing; wave++) {
    for (let i = 0; i < 10; i++) {
      const n = wave * 10 + i;
      const body = new URLSearchParams(
        validLeadForm({
          "company.name": `南京导入压测${n}号有限公司`,
          "contact.phone": `139${String(30_000_000 + n)}`,
          submissionKey: crypto.randomUUID(),
        }),
      );
      answers.push(
        fetch(`${url}/?index`, { method: "POST", redirect: "manual", body }).then(async (res) => (await res.arrayBuffer(), res.status)),
      );
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  const status = await preview;
  const took = performance.now() - t;
  const statuses = await Promise.all(answers);
  const count = (s: number) => statuses.filter((x) => x === s).length;
  console.log(
    `xlsx ${(xlsx.length / MB).toFixed(1)} MB preview → ${status} in ${took.toFixed(0)} ms; ${statuses.length} forms sent meanwhile: ` +
      `${count(303)} × 303, ${count(503)} × 503, others ${statuses.length - count(303) - count(503)}; ` +
      (await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text())
        .split("\n")
        .filter((l) => l.startsWith("parkmatch_intake_shed_total{"))
        .join(", "),
  );
}

const admin = postgres(ADMIN, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists "${DB}" with (force)`);
const databaseUrl = `postgres://postgres@127.0.0.1:5432/${DB}`;
await migrate(databaseUrl);
const sql = createSql(databaseUrl);
const demo = demoInventory();
if (!(await importInventory(sql, { parks: demo.parks, recruiters: demo.recruiters })).ok) throw new Error("demo parks refused");
await sql`insert into users (email, name, role, password_hash) values (${ADMIN_EMAIL}, '导入压测', 'admin', ${await hashPassword(ADMIN_PASSWORD)})`;
let web: Awaited<ReturnType<typeof startWeb>> | undefined;
try {
  // inside: a web that does not start still has its database dropped; `forms` with the intake's default event-loop bound
  web = await startWeb(databaseUrl, only === "forms" ? { INTAKE_MAX_EVENT_LOOP_DELAY_MS: "150", API_RATE_LIMIT_PER_MINUTE: "100000" } : {});
  console.log(`build: ${buildDir}`);
  if (only === "forms") await previewWithForms(web.url, await workbookOf(10_000, 200));
  if (only !== "xlsx" && only !== "forms") {
    await postJson(web.url, "20,000 good spaces (notes 300 chars)", bodyOf(19.5 * MB, 300, 20_000));
    await postJson(web.url, "19.5 MB of good spaces (notes 900 chars)", bodyOf(19.5 * MB, 900, 20_000));
    await postJson(web.url, "20,000 bad spaces (area -1, notes 300 chars)", bodyOf(19.5 * MB, 300, 20_000, true));
    await postJson(web.url, "too many rows (small rows, 19.5 MB)", bodyOf(19.5 * MB, 0, 1_000_000));
    await postJson(web.url, "over the byte bound (25 MB)", bodyOf(25 * MB, 900, 1_000_000));
  }
  if (only !== "json" && only !== "forms") {
    // New spaces (the JSON runs stored G…): the preview plans 20,000 creations (IMPORT_BENCH_ROWS), the apply writes them.
    const rows = Number(process.env.IMPORT_BENCH_ROWS ?? 20_000);
    await uploadXlsx(web.url, `xlsx ${rows.toLocaleString("en-US")} new spaces (notes 200 chars)`, await workbookOf(rows, 200));
  }
} finally {
  web?.child.kill("SIGTERM");
  await sql.end();
  await admin.unsafe(`drop database if exists "${DB}" with (force)`);
  await admin.end();
}
