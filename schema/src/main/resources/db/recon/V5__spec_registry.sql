-- The spec registry: every version of every job spec that `recon spec apply` (or `recon run FILE`)
-- stored. A version is never changed or deleted; applying a spec whose canonical hash equals the
-- latest version's stores nothing. Workers resolve a cycle started by name from here, and the
-- cycle records the version it ran with.
create table recon.spec_version (
  name        varchar(128) not null,
  version     integer      not null,
  spec_hash   varchar(64)  not null,
  yaml        text         not null,
  applied_by  varchar(255) not null,
  applied_at  timestamp with time zone not null,
  primary key (name, version)
);

-- The registered version a cycle ran with; null for a cycle started with an inline spec.
alter table recon.cycle add column spec_version integer;
