-- Leads: the contract-shaped, normalised lead (jsonb) next to exactly what the person typed (raw),
-- plus the few columns we look leads up by.
create table leads (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique,
  status text not null default 'received'
    check (status in ('received', 'indexed', 'matched', 'unmatched', 'assigned', 'won', 'lost')),
  source text not null check (source in ('web', 'api', 'hotline')),
  lng text not null default 'zh' check (lng in ('zh', 'en')),
  submission_key text unique,
  request_hash text,
  lead jsonb not null,
  raw jsonb not null,
  assist jsonb not null default '[]',
  phone text not null,
  credit_code text,
  company_name text not null,
  industry text not null,
  consent_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  indexed_at timestamptz
);
create index leads_phone on leads (phone);
create index leads_credit_code on leads (credit_code) where credit_code is not null;
create index leads_status_created on leads (status, created_at);

-- Human-friendly references PM-YYYYMMDD-NNNN: one counter per day (Asia/Shanghai).
create table reference_counters (
  day date primary key,
  n integer not null
);

-- Transactional outbox: written with the lead, moved into BullMQ by the relay, marked done by the job.
create table outbox (
  id bigserial primary key,
  topic text not null,
  aggregate_id text not null,
  created_at timestamptz not null default now(),
  relayed_at timestamptz,
  done_at timestamptz,
  attempts integer not null default 0,
  last_error text
);
create index outbox_unrelayed on outbox (id) where relayed_at is null;
create index outbox_unfinished on outbox (relayed_at) where done_at is null;
create unique index outbox_one_open_per_topic on outbox (topic, aggregate_id) where done_at is null;

create table parks (
  id text primary key,
  name text not null,
  province text not null,
  city text not null,
  district text not null,
  address text,
  lat double precision,
  lng double precision,
  industries text[] not null default '{}',
  excluded_industries text[] not null default '{}',
  min_tax_per_mu_wan double precision,
  min_investment_per_mu_wan double precision,
  min_tax_per_1000sqm_wan double precision,
  policies text,
  wecom_webhook_url text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table spaces (
  id text primary key,
  park_id text not null references parks (id),
  kind text not null check (kind in ('factory', 'land', 'office', 'warehouse')),
  deals text[] not null,
  title text not null,
  area_sqm double precision not null check (area_sqm > 0),
  divisible_min_sqm double precision,
  floors integer,
  single_storey boolean,
  ceiling_m double precision,
  floor_load_kg double precision,
  power_kva double precision,
  crane_t double precision,
  rent_yuan_per_sqm_month double precision,
  price_yuan_per_sqm double precision,
  land_price_wan_per_mu double precision,
  available_from date,
  status text not null check (status in ('available', 'reserved', 'let')),
  notes text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index spaces_park on spaces (park_id);

create table recruiters (
  id text primary key,
  name text not null,
  email text not null,
  phone text not null,
  channel text not null check (channel in ('email', 'hotline')),
  parks text[] not null,
  industries text[] not null default '{}',
  capacity integer not null check (capacity >= 0),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
