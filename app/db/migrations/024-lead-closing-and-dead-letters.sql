-- An admin closes a lead as spam or as a duplicate of another (docs/decisions/028): status 'closed',
-- the reason, who and when; a duplicate names the lead it repeats.
alter table leads drop constraint leads_status_check;
alter table leads add constraint leads_status_check
  check (status in ('received', 'indexed', 'matched', 'unmatched', 'assigned', 'won', 'lost', 'closed'));
alter table leads add column closed_as text check (closed_as in ('spam', 'duplicate'));
alter table leads add column closed_note text;
alter table leads add column duplicate_of uuid references leads (id) on delete set null;
alter table leads add column closed_at timestamptz;

-- A dead letter an admin has dealt with (resent another way, or nothing more to do) leaves the list.
alter table notifications drop constraint notifications_status_check;
alter table notifications add constraint notifications_status_check
  check (status in ('pending', 'sending', 'sent', 'dead', 'handled'));
alter table notifications add column handled_at timestamptz;
alter table notifications add column handled_by text;
