-- Retention: what `recon prune` removes, and the seal that keeps the audit chain verifiable after.

-- One row per pruned segment of an audit chain: the rows first_seq..last_seq were removed, and the
-- segment's hash (segment_hash, the chain hash of its last row) is what the first kept row links
-- to. Each checkpoint's hash covers its content and the previous checkpoint's hash, and a
-- `retention.pruned` audit event appended in the same transaction names it, so a changed
-- checkpoint breaks the chain too. Checkpoints are never changed or removed.
create table recon.audit_checkpoint (
  chain         varchar(128) not null,
  checkpoint_no integer      not null,
  first_seq     bigint       not null,
  last_seq      bigint       not null,
  first_at      timestamp with time zone not null,
  last_at       timestamp with time zone not null,
  row_count     bigint       not null,
  segment_hash  varchar(64)  not null,
  rule          varchar(64)  not null,
  created_by    varchar(255) not null,
  created_at    timestamp with time zone not null,
  prev_hash     varchar(64)  not null,
  hash          varchar(64)  not null,
  primary key (chain, checkpoint_no),
  constraint audit_checkpoint_bounds check (first_seq <= last_seq and row_count = last_seq - first_seq + 1)
);

-- A before-image removed by retention: when, and under which window, so that rollback can say why
-- it can no longer run. The repair row itself stays until its discrepancy is pruned.
alter table recon.repair add column images_pruned_at timestamp with time zone;
alter table recon.repair add column images_pruned_rule varchar(64);

-- A cycle whose discrepancies (and their repairs) were pruned: its report and rollback say so.
alter table recon.cycle add column discrepancies_pruned_at timestamp with time zone;
alter table recon.cycle add column discrepancies_pruned_rule varchar(64);

-- Prunes find old settled discrepancies and old images by time.
create index discrepancy_spec_seen_last_idx on recon.discrepancy (spec_name, last_seen_at);
create index repair_spec_applied_idx on recon.repair (spec_name, applied_at);

/* [jooq ignore start] */
-- Audit rows stay append-only, with one exception: a row that a checkpoint has sealed may be
-- deleted (by the pruner role, the only one granted DELETE). Rows outside every checkpoint, and
-- every UPDATE and TRUNCATE, are still refused, whoever asks.
create or replace function recon.audit_event_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and exists (
      select 1 from recon.audit_checkpoint c
       where c.chain = old.chain and old.seq between c.first_seq and c.last_seq) then
    return old;
  end if;
  raise exception 'recon.audit_event is append-only: % is not allowed', tg_op
    using errcode = '42501';
end
$$;

create function recon.audit_checkpoint_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'recon.audit_checkpoint is append-only: % is not allowed', tg_op
    using errcode = '42501';
end
$$;

create trigger audit_checkpoint_no_update_delete
  before update or delete on recon.audit_checkpoint
  for each row execute function recon.audit_checkpoint_append_only();

create trigger audit_checkpoint_no_truncate
  before truncate on recon.audit_checkpoint
  for each statement execute function recon.audit_checkpoint_append_only();
/* [jooq ignore stop] */
