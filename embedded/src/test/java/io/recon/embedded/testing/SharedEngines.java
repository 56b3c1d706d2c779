package io.recon.embedded.testing;

import io.recon.embedded.EmbeddedMongoEngine;
import io.recon.embedded.EmbeddedPostgresEngine;
import io.recon.embedded.EmbeddedTemporalEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engines every integration test ({@code *IT}) shares: one embedded PostgreSQL, one
 * MongoDB-wire server and one port-bound Temporal test server per JVM, started on first use and
 * stopped when the JVM exits. Starting them once keeps the suite fast on two cores; tests isolate
 * themselves with {@link #newPostgresDatabase()} and a fresh MongoDB database name instead.
 */
public final class SharedEngines {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static EmbeddedPostgresEngine postgres;
  private static EmbeddedMongoEngine mongo;
  private static EmbeddedTemporalEngine temporal;

  private SharedEngines() {}

  public static synchronized EmbeddedPostgresEngine postgres() {
    if (postgres == null) {
      postgres = EmbeddedPostgresEngine.startEphemeral();
      closeOnExit(postgres);
    }
    return postgres;
  }

  public static synchronized EmbeddedMongoEngine mongo() {
    if (mongo == null) {
      mongo = EmbeddedMongoEngine.startEphemeral();
      closeOnExit(mongo);
    }
    return mongo;
  }

  public static synchronized EmbeddedTemporalEngine temporal() {
    if (temporal == null) {
      temporal = EmbeddedTemporalEngine.startEphemeral();
      closeOnExit(temporal);
    }
    return temporal;
  }

  /** Creates an empty PostgreSQL database and returns its JDBC URL (user postgres, no password). */
  public static String newPostgresDatabase() {
    String name = "it_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
    try (Connection c = postgres().dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + name, e);
    }
    return postgres.jdbcUrl(name);
  }

  /** A MongoDB database name no other test in this JVM uses. */
  public static String newMongoDatabaseName() {
    return "it_" + SEQUENCE.incrementAndGet();
  }

  private static void closeOnExit(AutoCloseable engine) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    engine.close();
                  } catch (Exception ignored) {
                    // The JVM is exiting; a failed stop changes nothing for the test results.
                  }
                }));
  }
}
