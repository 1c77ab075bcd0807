import type { ValidationKey } from "~/i18n/validation-messages";

/**
 * The mark of a value the lead schema made itself (a refusal, an area box's reading) on its way from a field's
 * preprocess to its check. JSON cannot carry a symbol: an API client's object shaped like one ({"refused": "own",
 * "key": …}, {"asSqm": 5000, "asMu": -1}) is no such value, only an object the field refuses (attack37: a forged
 * refusal named a message key that is none — a 500 —, a forged area reading stored a negative area; ADR 171). Its own
 * module so that a reader the schema calls (area-box-words.ts) makes its refusals with the same mark.
 */
export const MADE: unique symbol = Symbol("made by the lead schema");

/**
 * A typed value the field refused for a reason of its own (field-value.ts; a counted figure's problem,
 * units.ts readCounted; an area box's remark with no room in the notes, area-box-words.ts), carried to the message.
 */
export type Refused = (
  | { refused: "minOnly" | "maxOnly" }
  | { refused: "range"; low: string; high: string }
  | { refused: "own"; key: ValidationKey; params?: Record<string, string | number> }
) & { [MADE]: true };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A refusal with the schema's mark. */
export const refusal = (r: DistributiveOmit<Refused, typeof MADE>): Refused => ({ ...r, [MADE]: true }) as Refused;

/** Whether `v` is a refusal the schema (or a reader it called) made — never a client's object of that shape. */
export const isRefused = (v: unknown): v is Refused =>
  typeof v === "object" && v !== null && (v as Partial<Refused>)[MADE] === true && "refused" in v;
