package io.recon.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server (zonky's packaged binaries) on a loopback port.
 *
 * <p>With a data directory the cluster survives restarts, which is what {@code recon dev} wants;
 * without one it lives in a temporary directory and is wiped on close, which is what tests want.
 *
 * <p>It runs with logical replication on ({@code wal_level=logical}), so that the continuous mode
 * ({@code recon feed}) can read a replication slot in tests, {@code recon dev} and the demo, with
 * room for {@value #REPLICATION_SLOTS} slots and as many WAL senders: every test database of a
 * shared engine may hold a slot of its own.
 */
public final class EmbeddedPostgresEngine implements AutoCloseable {
  public static final String USER = "postgres";

  /** The most replication slots (and WAL senders) the engine allows at once. */
  public static final int REPLICATION_SLOTS = 32;

  private EmbeddedPostgres postgres;
  private final int port;
  private final Path dataDirectory;

  private EmbeddedPostgresEngine(EmbeddedPostgres postgres, int port, Path dataDirectory) {
    this.postgres = postgres;
    this.port = port;
    this.dataDirectory = dataDirectory;
  }

  /** Starts on the given port; a null data directory means a throwaway cluster. */
  public static EmbeddedPostgresEngine start(int port, Path dataDirectory) {
    Ports.requireFree("PostgreSQL", port, "RECON_SOURCE_URL");
    return new EmbeddedPostgresEngine(launch(port, dataDirectory), port, dataDirectory);
  }

  private static EmbeddedPostgres launch(int port, Path dataDirectory) {
    try {
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setPort(port)
              .setServerConfig("wal_level", "logical")
              .setServerConfig("max_replication_slots", String.valueOf(REPLICATION_SLOTS))
              .setServerConfig("max_wal_senders", String.valueOf(REPLICATION_SLOTS));
      if (dataDirectory != null) {
        Files.createDirectories(dataDirectory);
        builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
      }
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start on port " + port, e);
    }
  }

  /**
   * Stops the server (fast mode: every session is cut, as in a restart or failover) and starts it
   * again on the same port and data, for tests of what survives a restart. The port is not checked
   * first: connections the server just closed may linger on it, which PostgreSQL's own listener
   * tolerates.
   *
   * @throws IllegalStateException for a throwaway cluster, whose data a stop deletes
   */
  public synchronized void restart() {
    if (dataDirectory == null) {
      throw new IllegalStateException("only an engine with a data directory can restart");
    }
    close();
    postgres = launch(port, dataDirectory);
  }

  /** Starts a throwaway cluster on a free port. */
  public static EmbeddedPostgresEngine startEphemeral() {
    return start(Ports.free(), null);
  }

  public int port() {
    return port;
  }

  /** The JDBC URL of database {@code postgres}; the user is {@value #USER}, with no password. */
  public String jdbcUrl() {
    return jdbcUrl("postgres");
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public DataSource dataSource() {
    return postgres.getPostgresDatabase();
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
    }
  }
}
