package io.recon.activities.feed;

/** Which side a captured change came from. */
public enum ChangeOrigin {
  /** The authoritative PostgreSQL source, read from its logical replication slot. */
  SOURCE,
  /** The MongoDB copy, read from its change stream. */
  TARGET
}
