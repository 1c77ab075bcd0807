-- Consent (PIPL) recorded with every lead on every channel (docs/decisions/016): when (consent_at,
-- already there), to which privacy-notice version, how — written (the form's box, "consent": true in
-- the API) or oral (the hotline agent asked the caller) — and, for oral consent, which staff account
-- recorded it.
alter table leads
  add column consent_version text,
  add column consent_method text,
  add column consent_recorded_by uuid references users (id);

-- Leads stored before this change: the web form always required the box (written, version unknown);
-- an API lead without consent_at never had any consent and is marked so instead of being made up.
update leads set consent_method = case when consent_at is null then 'unrecorded' else 'written' end;

alter table leads
  alter column consent_method set not null,
  add constraint leads_consent_method check (consent_method in ('written', 'oral', 'unrecorded')),
  -- A recorded consent has its time and version; oral consent names who took it, written never does.
  add constraint leads_consent_recorded check (
    consent_method = 'unrecorded'
    or (consent_at is not null and consent_version is not null
        and (consent_method = 'oral') = (consent_recorded_by is not null))
  );
