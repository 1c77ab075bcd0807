// The one rule for the notes' clauses no reader used (docs/decisions/133, 159, 173, 180): the confirmation page, the staff's
// pages, the hotline desk and — since ADR 180 — the inquiry form's live reading all list what this says. Browser-safe: the
// form's script runs it as the person types (the places are the caller's: the server's division-name reader, or the
// browser's place phrases; docs/decisions/181 bounds the difference).

import { refusedDeals } from "./deal-refusal";
import { eiaNeedFromNotes } from "./eia-need";
import { simplifiedInPlace } from "./fold-text";
import { kindWordTexts, type NotesExtractor, parseNeedText } from "./need-text";
import { notesNotRead } from "./notes-not-read";
import { ITEM_NAME_AFTER } from "./units";

export type ClausesNotReadInput = {
  /** The need's kind as chosen ("factory" …), as the readers take it. */
  kind?: string;
  /** The time the notes are read at (a month said without a year). */
  at: Date;
  /** The money reader (need-money.ts extractMoney): without it a budget would be listed as not read. */
  extras: readonly NotesExtractor[];
  /** Figure texts read elsewhere (the schema's flags on the notes): their clause is read when the rest is glue. */
  read?: readonly string[];
  /** Texts that read their whole clause (the places found, with their stance; a place's flag). */
  said?: readonly string[];
};

/**
 * The clauses of `notes` no reader used, as typed, in order, at most NOT_READ_MAX (notes-not-read.ts): the notes read by
 * parseNeedText at `at` (the figures with the item's name after them, the unread figures, budgets, wishes, figures set aside),
 * a refused deal's clause, and the caller's `read` / `said`. [] for no notes.
 */
export function clausesNotRead(notes: string, o: ClausesNotReadInput): string[] {
  if (!notes) return [];
  const parsed = parseNeedText(notes, o.at, o.extras, o.kind);
  const read = [
    ...parsed.found.map((f) => withItemName(notes, f)),
    ...parsed.unread,
    ...parsed.budget,
    ...parsed.wished,
    ...parsed.setAside.map((x) => x.text),
    // The chosen kind's own words ("厂房" on a factory lead) say what its box says, wherever the kind reader's first word was.
    ...kindWordTexts(notes, o.kind),
    ...(o.read ?? []),
  ];
  // A deal refused ("只租不买"): said as a refusal (docs/decisions/162, 168), its whole clause read — the deal reader reports
  // the word it took ("租"), not the refusal's words.
  // The EIA category the project needs ("需要环评报告书"): read whether it filled the box or was compared with it (docs/decisions/216).
  const eia = eiaNeedFromNotes(notes);
  const said = [...refusedDeals(notes).map((r) => r.text), ...(eia ? [eia.text] : []), ...(o.said ?? [])];
  return notesNotRead(notes, read, said);
}

/**
 * A figure's text as read, with the item's name right after it where the notes say it ("2台630千伏安" + "变压器",
 * "630 kVA" + " transformers"): the reader reads past the name (units.ts readCounted), so the clause is read with it
 * (trial37 H1, docs/decisions/173). Every place the text stands is looked at; the first with a name after it wins. The
 * names are Simplified words, looked for in the notes written Simplified index for index ("變壓器", "行車": ADR 180).
 */
function withItemName(notes: string, f: { field: string; text: string }): string {
  const item = f.field === "powerMinKva" || f.field === "craneMinT" ? ITEM_NAME_AFTER[f.field] : undefined;
  if (!item || !f.text) return f.text;
  const simple = simplifiedInPlace(notes);
  for (let at = notes.indexOf(f.text); at >= 0; at = notes.indexOf(f.text, at + 1)) {
    const after = at + f.text.length;
    const name = item.exec(simple.slice(after, after + 40))?.[0];
    if (name) return f.text + notes.slice(after, after + name.length);
  }
  return f.text;
}
