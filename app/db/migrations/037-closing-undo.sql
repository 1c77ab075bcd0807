-- Every closing step on the recruiter desk can be undone for a short while (issue 12 item 6, ADR 034).

-- "Signed" ends the lead's other assignments (another park won it). To undo the signing, those must go
-- back to where they stood: closed_from/closed_at record that (as for "lost"), closed_by names the
-- signed assignment that closed them, so neither their recruiter's undo nor the desk's "undo lost"
-- banner treats them as their own closing.
alter table assignments add column closed_by uuid references assignments (id) on delete set null;
create index assignments_closed_by on assignments (closed_by) where closed_by is not null;

-- The lead's status before a signing made it `won` (undo puts it back).
alter table assignments add column lead_status_before text;
