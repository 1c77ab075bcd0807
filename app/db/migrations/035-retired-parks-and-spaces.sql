-- Retiring parks and spaces (ADR 033): a retired row stays (history, matches, audit) but is no longer
-- matched or offered; restoring clears it. A space counts as retired when it or its park is; the
-- readers of the inventory report it as status 'retired' (derived, never stored: spaces.status keeps
-- the listing's own state for when it is restored). Recruiters retire through `active` (ADR 027).
alter table parks add column retired_at timestamptz;
alter table parks add column retired_by text;
alter table spaces add column retired_at timestamptz;
alter table spaces add column retired_by text;
