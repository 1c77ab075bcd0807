import type { Lng } from "./lng";

// The one i18n module (ADR 026). Every catalog in app/i18n/*-messages.ts is `defineMessages({ zh, en })`;
// every user-visible text goes through the translator it returns. zh-CN is the source language: its keys
// are the catalog's keys, and English must carry exactly the same ones (a missing or an extra English key
// is a type error here, and test/unit/i18n/catalogs.test.ts checks values and placeholders at run time).

/** A text in both languages, zh-CN first (stored reasons, labels sent to both kinds of readers). */
export type Bilingual = { zh: string; en: string };

/** Values for `{name}` placeholders. */
export type Params = Record<string, string | number>;

/** A catalog: both languages' templates, the translator and its helpers. `K` is the union of its keys. */
export type Messages<K extends string> = {
  readonly zh: Readonly<Record<K, string>>;
  readonly en: Readonly<Record<K, string>>;
  /** Every key, in zh's order. */
  readonly keys: readonly K[];
  /** The text for `key` in `lng` with `{name}` placeholders filled from `params` (a missing value reads as ""). */
  t(lng: Lng, key: K, params?: Params): string;
  /** The text in both languages; `params` may depend on the language (a label, a note's brackets). */
  both(key: K, params?: Params | ((lng: Lng) => Params)): Bilingual;
  /** True when `key` is a key of this catalog (for keys built at run time, e.g. `${prefix}.${value}`). */
  has(key: string): key is K;
  /** `${prefix}.${value}` when that is a key, else `value` as it is; `fallback` for an empty value. */
  label(lng: Lng, prefix: string, value: string | null | undefined, fallback: string): string;
};

// `{name}`, or `{name:one|other}`: the word that agrees with the number `name` (English: "{n} matched
// {n:space|spaces}"). zh-CN has no plural forms and writes `{n}` alone.
const PLACEHOLDER = /\{(\w+)(?::([^{}|]*)\|([^{}|]*))?\}/g;
const EN_PLURAL = new Intl.PluralRules("en");

/**
 * The one placeholder replacement: `{name}` → `String(params.name)`; a name missing from `params` (or
 * null/undefined there, as a caller's optional field may be at run time) → "".
 * `{name:one|other}` → `one` when params.name is a number (or numeric text) whose English plural
 * category is "one" (1), else `other` (0, 2, 1.5, missing …) — CLDR's rule for English.
 * A replacer function, so `$&` or `$1` in a value is inserted as it is.
 */
export function fill(template: string, params: Params = {}): string {
  return template.replace(PLACEHOLDER, (_, name: string, one: string | undefined, other: string | undefined) => {
    const value: unknown = Object.hasOwn(params, name) ? params[name] : undefined;
    if (one !== undefined && other !== undefined) {
      const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
      return Number.isFinite(n) && EN_PLURAL.select(n) === "one" ? one : other;
    }
    return value === undefined || value === null ? "" : String(value);
  });
}

/** The `{name}` placeholders of a template, sorted and without repeats (for the catalog test). */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort();
}

/**
 * A catalog from its zh-CN and English templates. Type-checked: `en` must have exactly `zh`'s keys
 * (a missing key fails `Record<keyof Z, string>`, an extra one the `never` of the second part).
 */
export function defineMessages<Z extends Record<string, string>, E extends Record<keyof Z, string>>(catalog: {
  zh: Z;
  en: E & Record<Exclude<keyof E, keyof Z>, never>;
}): Messages<keyof Z & string> {
  type K = keyof Z & string;
  const zh = catalog.zh as Record<K, string>;
  const en = catalog.en as Record<K, string>;
  const t = (lng: Lng, key: K, params?: Params) => fill((lng === "en" ? en : zh)[key], params);
  const has = (key: string): key is K => Object.hasOwn(zh, key);
  return {
    zh,
    en,
    keys: Object.keys(zh) as K[],
    t,
    both: (key, params) => {
      const of = (lng: Lng) => (typeof params === "function" ? params(lng) : params);
      return { zh: t("zh", key, of("zh")), en: t("en", key, of("en")) };
    },
    has,
    label(lng, prefix, value, fallback) {
      if (!value) return fallback;
      const key = `${prefix}.${value}`;
      return has(key) ? t(lng, key) : value;
    },
  };
}

/**
 * A link that keeps the page's language: `/admin/x` → `/admin/x?lng=en` (or `&lng=en` after a query)
 * when `lng` is English; zh-CN is the default and adds nothing. A `#fragment` stays last.
 */
export function lngHref(path: string, lng: Lng): string {
  if (lng !== "en") return path;
  const hash = path.indexOf("#");
  const [base, fragment] = hash === -1 ? [path, ""] : [path.slice(0, hash), path.slice(hash)];
  return `${base}${base.includes("?") ? "&" : "?"}lng=en${fragment}`;
}

/** The side of a {zh, en} pair a reader of `lng` reads. */
export function pick(lng: Lng, text: Bilingual): string {
  return lng === "en" ? text.en : text.zh;
}
