import { toHalfWidth } from "./numbers";

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters, the last one a mod-31 check character.
 * The charset leaves out I, O, Z, S and V because they are easily confused with 1, 0, 2, 5 and U.
 */
export const CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** Position weights 3^i mod 31 for the 17 body characters, as tabulated in the standard. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

const BODY = new RegExp(`^[${CREDIT_CODE_CHARSET}]{17}$`);

/** Half-width, upper-case, without the spaces and dashes people use to group the code. */
export function normalizeCreditCode(s: string): string {
  return toHalfWidth(s)
    .replace(/[\s\-‐‑–—]/g, "")
    .toUpperCase();
}

/** The check character for a 17-character body, or null when the body is not from the charset. */
export function creditCodeCheckChar(body: string): string | null {
  if (!BODY.test(body)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(body[i]) * WEIGHTS[i];
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/**
 * Charset, length and check character only. The structure of positions 1–8 (registration authority,
 * entity type, region code) is not checked: those tables change and a wrong rejection blocks a lead.
 * The input is normalized first, so "9132 0000 …" and full-width input pass.
 */
export function isValidCreditCode(s: string): boolean {
  const code = normalizeCreditCode(s);
  if (code.length !== 18) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}
