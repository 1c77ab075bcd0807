-- An email notice that fails for a temporary reason (4xx, a dropped connection, a timeout) is tried
-- again until this moment, set at its first failure from NOTICE_RETRY_HOURS; then it dead-letters and
-- falls back to a hotline task (docs/decisions/020). An admin's retry of a dead letter clears it.
alter table notifications add column retry_until timestamptz;

-- Who did it, for what a person did to a lead's routing (an admin retrying a dead letter); null = the system.
alter table routing_events add column actor text;
