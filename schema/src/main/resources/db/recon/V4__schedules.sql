-- Schedules that `recon schedule create` made. On a real cluster the schedule itself lives in
-- Temporal (Schedules API); this row keeps the spec it runs and which backend holds it. On the
-- embedded server, which has no Schedules API and no visibility queries, the row is also how
-- `recon schedule list` finds the cron workflow that stands in for the schedule.
create table recon.schedule (
  name          varchar(128) not null primary key,
  spec_name     varchar(128) not null,
  spec_json     text         not null,
  cron          varchar(128) not null,
  backend       varchar(32)  not null,
  workflow_id   varchar(255) not null,
  created_by    varchar(255) not null,
  created_at    timestamp with time zone not null
);
