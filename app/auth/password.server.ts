import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from "node:crypto";

// Staff passwords: scrypt from node:crypto (no native add-on to install), a random salt per password.
// Stored as `scrypt$N$r$p$<salt b64url>$<hash b64url>`, so the cost can be raised later.
const COST = { N: 16_384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

/** Constant-time comparison; a malformed stored value never matches. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? "").split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 1_048_576) return false;
  const expected = Buffer.from(parts[5], "base64url");
  if (expected.length !== KEY_LENGTH) return false;
  const key = await derive(password, Buffer.from(parts[4], "base64url"), { N, r, p });
  return timingSafeEqual(key, expected);
}

/** What a password must be: long enough to resist guessing, short enough not to be a denial of service. */
export function passwordProblem(password: string): "short" | "long" | null {
  if ([...password].length < 10) return "short";
  if (password.length > 200) return "long";
  return null;
}
