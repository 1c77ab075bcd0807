-- The confirmation page's reading of the notes (the clauses no reader used, docs/decisions/133), kept with the lead
-- (docs/decisions/142): read once, on the first view, not again on every GET (attack L9: 0.6–1 s of CPU a view for
-- notes made to be slow to read). {"of": <fingerprint of what the reading depends on>, "notRead": [...]}; a need or
-- flags edited since give another fingerprint, and the page reads the notes again and keeps that. null: not read yet.
alter table leads add column notes_reading jsonb;
