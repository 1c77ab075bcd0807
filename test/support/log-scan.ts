import { existsSync, readFileSync } from "node:fs";

import { findFullPhones } from "~/domain/phone-in-text";

export type PhoneInLog = { line: number; phones: string[]; text: string };

/**
 * Every line of a log file that carries a full mainland phone number (app/domain/phone-in-text.ts),
 * with the numbers found. A missing file has none. The text is cut, so a report never repeats a whole record.
 */
export function scanLogForPhones(path: string): PhoneInLog[] {
  if (!existsSync(path)) return [];
  const found: PhoneInLog[] = [];
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((text, i) => {
      const phones = findFullPhones(text);
      if (phones.length) found.push({ line: i + 1, phones, text: text.slice(0, 200) });
    });
  return found;
}

/** Throws, naming the lines, when the log file holds a full phone number (the test run's teardown). */
export function assertNoPhonesInLog(path: string): { lines: number } {
  const found = scanLogForPhones(path);
  if (found.length) {
    const sample = found
      .slice(0, 5)
      .map((f) => `  line ${f.line}: ${f.phones.join(", ")}`)
      .join("\n");
    throw new Error(`full phone numbers in the test run's logs (${path}), ${found.length} line(s):\n${sample}`);
  }
  return { lines: existsSync(path) ? readFileSync(path, "utf8").split("\n").filter(Boolean).length : 0 };
}
