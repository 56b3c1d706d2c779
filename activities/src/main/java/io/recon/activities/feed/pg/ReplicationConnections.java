package io.recon.activities.feed.pg;

import io.recon.activities.support.Failures;
import io.recon.workflows.failure.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;

/**
 * Replication connections to the source ({@code replication=database}, simple query mode, as the
 * walsender speaks no extended protocol) and the slot commands run on them. Failures are typed
 * here: configuration is permanent and names what to fix; an unreachable server, or a slot still
 * held by a capture whose worker died (the server frees it after {@code wal_sender_timeout}), is
 * retryable.
 */
final class ReplicationConnections {
  private ReplicationConnections() {}

  static Connection open(PgCaptureSettings settings) {
    Properties p = new Properties();
    if (settings.user() != null) {
      PGProperty.USER.set(p, settings.user());
    }
    if (settings.password() != null) {
      PGProperty.PASSWORD.set(p, settings.password());
    }
    PGProperty.REPLICATION.set(p, "database");
    PGProperty.ASSUME_MIN_SERVER_VERSION.set(p, "10");
    PGProperty.PREFER_QUERY_MODE.set(p, "simple");
    PGProperty.CONNECT_TIMEOUT.set(p, 5);
    PGProperty.APPLICATION_NAME.set(p, "recon-feed");
    try {
      return DriverManager.getConnection(settings.url(), p);
    } catch (SQLException e) {
      throw classify("opening a replication connection as " + settings.user(), e);
    }
  }

  /** Creates a logical {@code pgoutput} slot; one another worker just created is fine. */
  static void createSlot(PGConnection pg, String slot) throws SQLException {
    try {
      pg.getReplicationAPI()
          .createReplicationSlot()
          .logical()
          .withSlotName(slot)
          .withOutputPlugin("pgoutput")
          .make();
    } catch (SQLException e) {
      if (!"42710".equals(e.getSQLState())) {
        throw e;
      }
    }
  }

  static boolean dropSlot(PgCaptureSettings settings, String slot) {
    Connection c = open(settings);
    try {
      c.unwrap(PGConnection.class).getReplicationAPI().dropReplicationSlot(slot);
      return true;
    } catch (SQLException e) {
      if ("42704".equals(e.getSQLState())) {
        return false;
      }
      throw classify("dropping replication slot " + slot, e);
    } finally {
      closeQuietly(c);
    }
  }

  /**
   * The failure for {@code error} while {@code context}: the states a capture meets that mean a
   * setting to fix, or a slot held by another stream; everything else as {@link Failures} decides.
   */
  static RuntimeException classify(String context, Throwable error) {
    if (error instanceof ApplicationFailure f) {
      return f;
    }
    String state = error instanceof SQLException e ? e.getSQLState() : null;
    String message = oneLine(error.getMessage());
    if ("55006".equals(state)) {
      return ApplicationFailure.newFailure(
          context
              + ": the slot is in use by another connection ("
              + message
              + "); a previous attempt's stream is still open, or two workers run the same feed",
          "SlotInUse");
    }
    if ("42501".equals(state)) {
      return Failures.permanent(
          FailureType.UNAUTHORIZED,
          context + ": " + message + " (the login needs the REPLICATION attribute; see roles.sql)");
    }
    if ("55000".equals(state) || "53400".equals(state) || "42704".equals(state)) {
      return Failures.permanent(FailureType.CAPTURE_SETUP, context + ": " + message);
    }
    return Failures.classify(context, error);
  }

  static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException | RuntimeException e) {
      // Closing a broken replication connection can only fail the same way again.
    }
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
  }
}
