-- Least-privilege roles for recon. Run once per server as a superuser (or a role with CREATEROLE),
-- after `recon migrate` has created schema "recon", for example:
--   psql "$ADMIN_URL" -f roles.sql
-- The source reader is granted schema "public"; edit the three lines below for another schema.
-- They are group roles (NOLOGIN): grant them to the login users your workers and operators use,
--   create user recon_worker login password '...';  grant recon_store_writer, recon_source_reader to recon_worker;
-- Migrations (DDL) run as the owner of schema "recon", never as these roles.

-- Reads the authoritative source, and nothing else.
create role recon_source_reader nologin;
grant usage on schema public to recon_source_reader;
grant select on all tables in schema public to recon_source_reader;
alter default privileges in schema public grant select on tables to recon_source_reader;

-- Streams the source's changes for the continuous mode (`recon feed`). A LOGIN role, because
-- PostgreSQL never passes the REPLICATION attribute on through membership. It reads what
-- recon_source_reader reads and may open logical replication connections: create, stream and
-- drop its slot. It cannot write a table or create a publication (a DBA runs
-- CREATE PUBLICATION recon_<job> FOR TABLE ...). Allow it in pg_hba.conf for the source database
-- only, never for the `replication` pseudo-database, so it cannot stream physical WAL or take a
-- base backup of the whole server. Give it a password and point RECON_SOURCE_USER at it for the
-- workers that run feeds:
--   alter role recon_source_replicator password '...';
create role recon_source_replicator login replication in role recon_source_reader;

-- Writes the recon store. It may append to the audit log but never change or delete a row of it;
-- the append-only trigger enforces the same even for roles that were granted more.
create role recon_store_writer nologin;
grant usage on schema recon to recon_store_writer;
grant select, insert, update on recon.cycle, recon.partition, recon.discrepancy, recon.watermark,
  recon.repair, recon.decision to recon_store_writer;
-- Schedules are created and deleted by operators through `recon schedule`.
grant select, insert, delete on recon.schedule to recon_store_writer;
-- Spec versions are appended by `recon spec apply` and read by workers; never changed.
grant select, insert on recon.spec_version to recon_store_writer;
-- The continuous mode: feeds are updated as they run; a waiting key is deleted once reconciled.
grant select, insert, update on recon.feed to recon_store_writer;
grant select, insert, update, delete on recon.feed_key to recon_store_writer;
grant select, insert on recon.audit_event to recon_store_writer;
-- Escalations a worker posted, so each event is posted once; a failed one is updated on retry.
grant select, insert, update on recon.escalation to recon_store_writer;
grant usage on all sequences in schema recon to recon_store_writer;

-- Reads the audit log and the cycles it anchors to, for `recon audit verify` and reviewers.
create role recon_audit_reader nologin;
grant usage on schema recon to recon_audit_reader;
grant select on recon.audit_event, recon.cycle to recon_audit_reader;

-- Prunes what is past retention (`recon prune`), and nothing else deletes from these tables. It
-- deletes settled discrepancies and their repairs, clears repair images, and deletes audit rows,
-- but only rows a checkpoint it wrote first has sealed (the append-only trigger refuses others).
-- It may not change an audit row or a checkpoint. Grant it to the login in RECON_PRUNER_USER:
--   create user recon_prune login password '...';  grant recon_pruner to recon_prune;
create role recon_pruner nologin;
grant usage on schema recon to recon_pruner;
grant select on recon.cycle, recon.spec_version to recon_pruner;
grant update (discrepancies_pruned_at, discrepancies_pruned_rule) on recon.cycle to recon_pruner;
grant select, delete on recon.discrepancy to recon_pruner;
grant select, delete on recon.repair to recon_pruner;
grant update (before_image, after_image, images_pruned_at, images_pruned_rule, updated_at)
  on recon.repair to recon_pruner;
grant select, insert, delete on recon.audit_event to recon_pruner;
grant select, insert on recon.audit_checkpoint to recon_pruner;

-- `recon audit verify` reads the checkpoints too.
grant select on recon.audit_checkpoint to recon_audit_reader;
grant select on recon.audit_checkpoint to recon_store_writer;
