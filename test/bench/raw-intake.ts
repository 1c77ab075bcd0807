import { createServer } from "node:http";

import { createSql } from "~/db/db.server";

// The intake bench's baseline (npm run bench:intake): a bare node:http server that reads the body,
// parses the JSON and does one insert into Postgres (table bench_raw_leads, created here), then answers
// 201 {id}. Same driver and pool size as the web process. Run as its own process by the bench with
// BENCH_RAW_DB (database URL) and BENCH_RAW_PORT; prints "raw-ready" when listening.

const sql = createSql(process.env.BENCH_RAW_DB!, { applicationName: "bench-raw" });
await sql`create table if not exists bench_raw_leads (id bigserial primary key, body jsonb not null, created_at timestamptz not null default now())`;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      res.writeHead(400).end();
      return;
    }
    sql`insert into bench_raw_leads (body) values (${sql.json(body as never)}) returning id`.then(
      ([row]) => {
        res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id: row.id, reference: String(row.id) }));
      },
      () => res.writeHead(503).end(),
    );
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.BENCH_RAW_PORT), "127.0.0.1", () => process.stdout.write("raw-ready\n"));
process.on("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  void sql.end({ timeout: 2 }).finally(() => process.exit(0));
});
