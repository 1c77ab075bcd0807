import { afterAll, beforeAll, beforeEach } from "vitest";

import type { Sql } from "~/db/db.server";

import { createTestDatabase } from "./database";
import { validLeadJson } from "./leads";
import { startApiWebServer } from "./services";

/**
 * A web process on a test database of its own for POST /api/leads tests: started before the file's tests,
 * stopped and the database dropped after; each test posts from a client address of its own (the rate
 * limit counts by address). `postLead` sends a factory lease of 3,000 ㎡ with `need` over it, a phone
 * number of its own per lead (`phonePrefix` and a counter: the repeat check attaches same phone+company+need).
 */
export function leadApiSuite(database: string, phonePrefix: string) {
  const suite = {} as { sql: Sql; web: Awaited<ReturnType<typeof startApiWebServer>> };
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  const addresses = { n: 0, current: "" };
  beforeAll(async () => {
    db = await createTestDatabase(database);
    suite.sql = db.sql;
    suite.web = await startApiWebServer(db.url, { INTAKE_MAX_IN_FLIGHT: "1000", API_RATE_LIMIT_PER_MINUTE: "1000" });
  });
  beforeEach(() => void (addresses.current = `198.51.100.${++addresses.n}`));
  afterAll(async () => {
    await suite.web?.stop();
    await db?.drop();
  });
  let phoneN = 0;
  const postLead = (company: string, need: Record<string, unknown>) => {
    const lead = validLeadJson({ company, phone: `${phonePrefix}${String(++phoneN).padStart(4, "0")}` });
    return fetch(`${suite.web.url}/api/leads`, {
      method: "POST",
      body: JSON.stringify({ ...lead, need: { kind: "factory", deal: "lease", areaMin: 3000, areaUnit: "sqm", ...need } }),
      headers: { "content-type": "application/json", "x-forwarded-for": addresses.current },
    });
  };
  return { suite, postLead };
}
