import type * as ZxcvbnCore from "@zxcvbn-ts/core";
import type { ZxcvbnFactory, ZxcvbnResult } from "@zxcvbn-ts/core";
import type * as ZxcvbnCommon from "@zxcvbn-ts/language-common";

import { loadOnUse } from "~/domain/load-on-use.server";
import { opsText } from "~/i18n/admin-ops-messages";
import type { Lng } from "~/i18n/lng";

import { passwordProblem } from "./password.server";

// How guessable a staff password is (ADR 107): zxcvbn's estimate (@zxcvbn-ts/core with the common
// password lists and keyboard layouts of @zxcvbn-ts/language-common), with the person's own email, name
// and recruiter id and this system's own words as "user inputs", so `zhoumin@example.test2026` or
// `parkmatch2026` count as guessed. Server only: the lists weigh ~2 MB and never reach a page.

/** Why a password is refused; each has its zh-CN/en text (`err.passwordWeak.*`, app/i18n/admin-ops-messages.ts). */
export type PasswordWeakness = "short" | "long" | "repeat" | "sequence" | "common" | "personal" | "date" | "guessable";

/** zxcvbn's score (0–4) a staff password must reach: 3 = "safely unguessable" (about 10^8 guesses and more). */
export const MIN_PASSWORD_SCORE = 3;

// Passwords common among Chinese users that the English lists do not hold (pinyin and number words:
// 5201314 = 我爱你一生一世), and this system's own names: a password built on them is guessed early.
const LOCAL_WORDS = [
  "woaini",
  "5201314",
  "1314520",
  "woaini1314",
  "iloveyou",
  "qq123456",
  "a123456",
  "123456a",
  "aa123456",
  "abc123456",
  "zhaoshang",
  "yuanqu",
  "changfang",
  "mima",
  "parkmatch",
  "admin",
  "hotline",
  "recruiter",
  "example",
];

// The lists (~0.1 s of CPU to load and unpack) at the first password weighed, not at the web's start (ADR 175).
const zxcvbnCore = loadOnUse<typeof ZxcvbnCore>("@zxcvbn-ts/core");
const zxcvbnCommon = loadOnUse<typeof ZxcvbnCommon>("@zxcvbn-ts/language-common");
let factory: ZxcvbnFactory | null = null;
function zxcvbn(): ZxcvbnFactory {
  const { adjacencyGraphs, dictionary } = zxcvbnCommon();
  factory ??= new (zxcvbnCore().ZxcvbnFactory)({
    dictionary: { ...dictionary, parkmatch: LOCAL_WORDS },
    graphs: adjacencyGraphs,
    // Only the first 64 characters are weighed: 200 random ones took 1.4 s of the event loop, 64 about
    // 0.3 s on the shared 2-core machine; 64 characters not guessed early are strong whatever follows.
    maxLength: 64,
  });
  return factory;
}

/** The words of a person zxcvbn should treat as known: the email whole and in its parts, the name, the recruiter id. */
export function personalWords(person: { email?: string | null; name?: string | null; recruiterId?: string | null }): string[] {
  const email = (person.email ?? "").trim().toLowerCase();
  const parts = email.split(/[@._+-]+/).filter((p) => p.length >= 3);
  const name = (person.name ?? "").trim();
  return [...new Set([email, email.split("@")[0] ?? "", ...parts, name, ...name.split(/\s+/), person.recruiterId ?? ""])].filter(
    (w) => w.length >= 2,
  );
}

function why(result: ZxcvbnResult): PasswordWeakness {
  const warning = result.feedback.warning ?? "";
  if (warning === "userInputs") return "personal";
  if (warning === "simpleRepeat" || warning === "extendedRepeat") return "repeat";
  if (warning === "sequences" || warning === "straightRow" || warning === "keyPattern") return "sequence";
  if (warning === "dates" || warning === "recentYears") return "date";
  if (warning) return "common"; // topTen, topHundred, common, similarToCommon, wordByItself, names…
  // No one warning: say which kind of pattern weighs most.
  const patterns = new Set(result.sequence.map((m) => m.pattern));
  if (result.sequence.some((m) => m.pattern === "dictionary" && m.dictionaryName === "userInputs")) return "personal";
  if (patterns.has("repeat")) return "repeat";
  if (patterns.has("sequence") || patterns.has("spatial")) return "sequence";
  if (patterns.has("date")) return "date";
  return "guessable";
}

/**
 * Why `password` may not be a staff password, or null when it may: shorter than 10 characters (code
 * points) or longer than 200 (UTF-16 units) as before (`passwordProblem`), or guessed too soon by zxcvbn
 * (score < MIN_PASSWORD_SCORE) knowing `personal` (personalWords of the account). Read as it is hashed
 * (NFKC), so full-width digits are the digits they look like. Weighs the first 64 characters; takes ms to ~0.3 s (the first call ~1 s more: the lists are loaded).
 */
export function passwordWeakness(password: string, personal: string[] = []): PasswordWeakness | null {
  const length = passwordProblem(password);
  if (length) return length;
  const normalised = password.normalize("NFKC");
  if (normalised.trim() === "") return "repeat";
  const result = zxcvbn().check(normalised, personal);
  if (result.score < MIN_PASSWORD_SCORE) return why(result);
  // zxcvbn weighs "zhoumin.example" (the email's own words) as several unknown pieces; what is left
  // once the person's words and the separators are taken out must be a password by itself.
  return leftOver(normalised, personal).length < 6 ? "personal" : null;
}

/** `password` less every personal word (case-insensitively) and every character that is not a letter or digit. */
function leftOver(password: string, personal: string[]): string {
  let rest = password.toLowerCase();
  for (const word of [...personal].sort((a, b) => b.length - a.length)) {
    const w = word.toLowerCase();
    if (w.length >= 2) rest = rest.split(w).join(" ");
  }
  return [...rest.replace(/[^\p{L}\p{N}]+/gu, "")].join("");
}

/** The field message for a refused password in `lng`: why, and what to choose instead. */
export function passwordWeaknessText(lng: Lng, weakness: PasswordWeakness): string {
  if (weakness === "short") return opsText(lng, "err.passwordShort");
  if (weakness === "long") return opsText(lng, "err.passwordLong");
  return opsText(lng, "err.passwordWeak", { why: opsText(lng, `err.passwordWeak.${weakness}`) });
}
