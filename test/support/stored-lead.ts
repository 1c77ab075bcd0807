import { expect } from "vitest";

import type { Sql } from "~/db/db.server";

/** The stored need and flags of the lead a `POST /api/leads` answer created (expects its 201). */
export async function storedNeedAndFlags(
  sql: Sql,
  res: Response,
): Promise<{ need: Record<string, unknown>; flags: { field: string; code: string; text: string }[] }> {
  expect(res.status, await res.clone().text()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  return (
    await sql<{ need: Record<string, unknown>; flags: { field: string; code: string; text: string }[] }[]>`
      select lead->'need' as need, lead->'flags' as flags from leads where id = ${id}`
  )[0];
}
