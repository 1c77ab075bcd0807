-- Sends that failed without the SMTP server's verdict once the session had begun (silent past the
-- timeout, the line dropped): the server may hold the mail, so each blind re-send may deliver a copy.
-- The email sender stops re-sending after a few and hands the notice to the hotline instead
-- (worker/notify-email.job.ts; an attack of 2026-12-04 counted five copies in 90 s, ~50 in the 4 h budget).
alter table notifications add column unconfirmed_sends integer not null default 0;
