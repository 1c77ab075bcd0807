-- lead.match rows of one relay pass go to BullMQ as one job (docs/decisions/073). The reconciler finds a
-- relayed row's job by this key: the batch job's, which is the job key of the batch's first row. Null
-- for a row relayed alone (its own job_key) and for every row relayed before this migration.
alter table outbox add column relay_job_key uuid;
