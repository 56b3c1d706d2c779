package io.recon.activities.source;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The one way recon opens a connection to the source: read-only, in a transaction of its own. With
 * autocommit off and {@code setReadOnly(true)} the driver begins every transaction with {@code
 * BEGIN READ ONLY}, whatever the pool or the session defaults say, so no statement recon issues
 * against the source can write, even one that got past {@code SourceQueryCheck}.
 */
public final class ReadOnlySource {
  private ReadOnlySource() {}

  /** A connection whose next statement runs in a read-only transaction; close it when done. */
  public static Connection open(DataSource source) throws SQLException {
    Connection c = source.getConnection();
    try {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      return c;
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }
}
