-- Escalations: one row per event and endpoint that recon posted to (or tried to), so that an event
-- is posted once even when its activity is retried or its cycle continues as new. event_id is the
-- workflow's idempotency key, <cycle id>/<event>, also sent as the Idempotency-Key header; target
-- is 'webhook' or 'alertmanager'. A 'sent' row is never posted again; a 'failed' one may be retried
-- by a later attempt, which updates it. The audit log records every outcome as well.
create table recon.escalation (
  event_id     varchar(320) not null,
  target       varchar(16)  not null,
  spec_name    varchar(128) not null,
  cycle_id     varchar(255) not null,
  event        varchar(32)  not null,
  status       varchar(16)  not null,
  attempts     integer      not null,
  http_status  integer,
  error        text,
  first_at     timestamp with time zone not null,
  updated_at   timestamp with time zone not null,
  primary key (event_id, target),
  constraint escalation_target_check check (target in ('webhook', 'alertmanager')),
  constraint escalation_status_check check (status in ('sent', 'failed'))
);
create index escalation_spec_updated_idx on recon.escalation (spec_name, updated_at);
