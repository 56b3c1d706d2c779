-- The OpenTelemetry trace id (32 lowercase hex digits) of the traced step that wrote an audit row,
-- so an auditor can go from an event to its trace, and from a trace to its events. NULL for rows
-- written without tracing, and for every row written before this migration.
--
-- It is deliberately outside the hashed content (recon.audit_event.hash covers the columns of V2
-- only): adding it breaks no existing chain, and `recon audit verify` reads the same rows as before.
-- A trace id is a pointer to diagnostics, not evidence; docs/security.md says what that means.
alter table recon.audit_event add column trace_id varchar(32);
/* [jooq ignore start] */
create index audit_event_trace_idx on recon.audit_event (trace_id) where trace_id is not null;
/* [jooq ignore stop] */
