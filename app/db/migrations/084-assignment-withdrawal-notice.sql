-- An assignment whose park no longer fits the lead after a need edit is ended (docs/decisions/108): the
-- recruiter who held it is told by a notice of its own kind.
alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check
  check (kind in ('assignment', 'reroute-notice', 'escalation', 'wecom', 'withdrawal-notice'));
