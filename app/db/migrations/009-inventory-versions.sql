-- Matching against a known state of the inventory (docs/decisions/018).
--
-- Every change to a space or a park takes the next number of one sequence (`version`). The index
-- writer records, per row, the version that Meilisearch has confirmed (`indexed_version`): a row whose
-- version is newer than what the index shows is "pending", and lead.match reads pending rows from
-- Postgres instead of trusting the index for them.
create sequence inventory_version;

alter table spaces add column version bigint not null default nextval('inventory_version');
alter table spaces add column indexed_version bigint not null default 0;
-- Last time someone confirmed the listing is still available (set on import/edit and by the admin).
alter table spaces add column verified_at timestamptz;
update spaces set verified_at = updated_at;
alter table spaces alter column verified_at set default now();
alter table spaces alter column verified_at set not null;

alter table parks add column version bigint not null default nextval('inventory_version');
alter table parks add column indexed_version bigint not null default 0;

-- Any write bumps the version, except the index writer's own acknowledgement of indexed_version.
create function bump_inventory_version() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and new.indexed_version is distinct from old.indexed_version then
    return new;
  end if;
  new.version := nextval('inventory_version');
  return new;
end $$;
create trigger spaces_version before insert or update on spaces for each row execute function bump_inventory_version();
create trigger parks_version before insert or update on parks for each row execute function bump_inventory_version();

-- Pending rows are few (what changed in the last moments); these keep finding them cheap.
create index spaces_pending on spaces (kind) where version > indexed_version;
create index parks_pending on parks (id) where version > indexed_version;
create index spaces_verified on spaces (verified_at) where status = 'available';

-- Matches are never deleted: one that stops being live (the space was let, or a re-match dropped it)
-- is withdrawn with the reason, so every page that offered it can say so.
alter table matches add column withdrawn_at timestamptz;
alter table matches add column withdrawn_reason jsonb;
-- The space's version the match was computed against.
alter table matches add column space_version bigint;
create index matches_live_space on matches (space_id) where withdrawn_at is null;

-- What the lead was last matched against, and why the other spaces of its kind were left out.
alter table leads add column matched_version bigint;
alter table leads add column excluded jsonb not null default '[]';
