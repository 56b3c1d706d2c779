package io.recon.activities.feed.pg;

import java.time.Instant;
import java.util.List;

/**
 * One message of PostgreSQL's {@code pgoutput} logical replication protocol, version 1, as far as
 * the capture needs it. Column values stay in their text form; {@link PgOutput} decodes them.
 */
sealed interface PgMessage {
  /** A transaction starts; its changes follow, then its {@link Commit}. */
  record Begin(long finalLsn, Instant commitTime, int xid) implements PgMessage {}

  /**
   * A transaction ends.
   *
   * @param commitLsn where its commit record is
   * @param endLsn the end of its commit record: the position to confirm once it is stored
   */
  record Commit(long commitLsn, long endLsn, Instant commitTime) implements PgMessage {}

  /**
   * The shape of a table, sent before its first change in a session and again after it changed.
   *
   * @param replicaIdentity {@code d} (default: the primary key), {@code n} (nothing), {@code f}
   *     (full row), {@code i} (an index)
   */
  record Relation(
      int oid, String namespace, String name, char replicaIdentity, List<Column> columns)
      implements PgMessage {
    /** The position of column {@code name}, or -1. */
    int indexOf(String column) {
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).name().equals(column)) {
          return i;
        }
      }
      return -1;
    }
  }

  /**
   * @param key whether the column is part of the replica identity
   */
  record Column(boolean key, String name, int typeOid, int typeModifier) {}

  record Insert(int relation, Tuple newRow) implements PgMessage {}

  /**
   * @param oldRow the old key ({@code K}, when the replica identity's columns changed) or the old
   *     row ({@code O}, under REPLICA IDENTITY FULL); null when neither was sent
   */
  record Update(int relation, Tuple oldRow, Tuple newRow) implements PgMessage {}

  /** A deleted row: its old key ({@code K}) or its whole old row ({@code O}). */
  record Delete(int relation, Tuple oldRow) implements PgMessage {}

  record Truncate(List<Integer> relations, boolean cascade, boolean restartIdentity)
      implements PgMessage {}

  /** Replication origin, type, logical message: nothing the capture acts on. */
  record Ignored(char type) implements PgMessage {}
}
