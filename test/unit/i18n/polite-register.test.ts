import { readdirSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import type { Messages } from "~/i18n/i18n";

import { ROOT } from "../../support/source-graph";

// Every page speaks to its reader as 您, staff pages and public ones alike: a 你 among them reads as
// a different voice ("你刚拒绝了…" beside "您的队列"). Checked over every zh catalog in app/i18n, so a
// new message is held to it too.

/**
 * "file key" → why that message may say 你: only a customer's own words quoted back to them. None today;
 * an entry here must say whose words it quotes.
 */
const QUOTED: Record<string, string> = {};

const CATALOG_DIR = join(ROOT, "app/i18n");

/** Every zh message text with the 你 it carries, as "file key: text". */
async function informalMessages(): Promise<string[]> {
  const out: string[] = [];
  for (const file of readdirSync(CATALOG_DIR).filter((f) => f.endsWith("-messages.ts"))) {
    const mod = (await import(join(CATALOG_DIR, file))) as Record<string, unknown>;
    for (const v of Object.values(mod)) {
      if (typeof v !== "object" || v === null || !("zh" in v) || !("t" in v)) continue;
      for (const [key, text] of Object.entries((v as Messages<string>).zh as Record<string, unknown>))
        if (typeof text === "string" && text.includes("你") && !(`${file} ${key}` in QUOTED)) out.push(`${file} ${key}: ${text}`);
    }
  }
  return out;
}

describe("the zh catalogs' register", () => {
  it("address the reader as 您, never 你", async () => {
    expect(await informalMessages()).toEqual([]);
  });

  it("every allowed 你 says whose words it quotes", () => {
    for (const [where, why] of Object.entries(QUOTED)) expect(why.trim(), where).not.toBe("");
  });
});
