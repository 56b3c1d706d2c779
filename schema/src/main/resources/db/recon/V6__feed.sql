-- The continuous mode. One row per feed (one per job: the feed's name is the spec's name), with the
-- positions its captures confirmed and its counters; and the job keys that changed on either side
-- and wait to be reconciled by a key-set cycle. Keys are stored in the store's key encoding
-- (StoreJson.keyText, as recon.discrepancy.key_text), key_hash is its SHA-256.
create table recon.feed (
  name               varchar(128) not null primary key,
  spec_hash          varchar(64)  not null,
  spec_version       integer,
  status             varchar(16)  not null,
  workflow_id        varchar(255) not null,
  started_by         varchar(255) not null,
  started_at         timestamp with time zone not null,
  stopped_by         varchar(255),
  stopped_at         timestamp with time zone,
  stop_reason        text,
  error              text,
  -- The source's confirmed position (an LSN such as 0/16B3748) and the target's resume token.
  source_cursor      text,
  target_cursor      text,
  -- Why the target cannot be followed (a server without change streams); null when it can.
  target_unsupported text,
  source_changes     bigint not null default 0,
  target_changes     bigint not null default 0,
  keys_stored        bigint not null default 0,
  keys_reconciled    bigint not null default 0,
  updated_at         timestamp with time zone not null
);

-- A waiting key keeps the time of its first unreconciled change. Once a key-set cycle claims it
-- (claimed_by = the cycle id) a new change marks it changed_again, with the time of the first such
-- change in again_at, so that it waits again when the cycle releases it.
create table recon.feed_key (
  feed             varchar(128) not null references recon.feed (name),
  key_hash         varchar(64)  not null,
  key_text         text         not null,
  first_changed_at timestamp with time zone not null,
  last_changed_at  timestamp with time zone not null,
  -- Which sides changed it: SOURCE, TARGET or both, comma-separated in that order.
  origins          varchar(32)  not null,
  claimed_by       varchar(255),
  changed_again    boolean      not null default false,
  again_at         timestamp with time zone,
  stored_at        timestamp with time zone not null,
  primary key (feed, key_hash)
);
-- Claims take the oldest waiting keys first.
create index feed_key_waiting_idx on recon.feed_key (feed, first_changed_at) where claimed_by is null;
create index feed_key_claimed_idx on recon.feed_key (claimed_by) where claimed_by is not null;
