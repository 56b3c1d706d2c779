package io.recon.cli.bench;

import io.recon.core.config.ConfigVar;
import io.recon.core.config.ReconConfig;
import io.recon.embedded.EmbeddedMongoEngine;
import io.recon.embedded.EmbeddedPostgresEngine;
import io.recon.embedded.EmbeddedTemporalEngine;
import io.recon.embedded.Ports;
import io.recon.worker.WorkerLimits;
import io.temporal.serviceclient.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engines a bench runs on: the embedded ones on free ports, or with {@code --external} those
 * the usual variables point at. It also says which they are, since a figure means nothing without
 * its engine.
 */
public final class BenchEngines implements AutoCloseable {
  /** Pinned in the parent pom as mongo-java-server.version; the shaded jar keeps no version. */
  static final String MONGO_JAVA_SERVER = "1.47.0";

  private final ReconConfig config;
  private final Map<String, String> workerEnv;
  private final List<AutoCloseable> started;
  private final boolean external;
  private EmbeddedPostgresEngine postgres;
  private java.nio.file.Path postgresData;

  private BenchEngines(
      ReconConfig config,
      Map<String, String> workerEnv,
      List<AutoCloseable> started,
      boolean external) {
    this.config = config;
    this.workerEnv = workerEnv;
    this.started = started;
    this.external = external;
  }

  /**
   * Starts the engines, or with {@code external} uses those {@code processEnv} (the environment the
   * CLI's root read) points at.
   */
  public static BenchEngines start(
      Map<String, String> processEnv, boolean external, String taskQueue) {
    return start(processEnv, external, taskQueue, false);
  }

  /**
   * The same; with {@code restartablePostgres} the embedded PostgreSQL keeps its cluster in a
   * temporary directory instead of a throwaway one, so that {@link #restartPostgres} can stop and
   * start it on the same data (the directory is deleted on close).
   */
  public static BenchEngines start(
      Map<String, String> processEnv,
      boolean external,
      String taskQueue,
      boolean restartablePostgres) {
    if (external) {
      var env = new HashMap<>(processEnv);
      env.put(ReconConfig.RECON_TASK_QUEUE, taskQueue);
      env.put(ReconConfig.RECON_METRICS_PORT, "0");
      // The worker inherits the rest of the environment, credentials included.
      Map<String, String> workerEnv =
          Map.of(ReconConfig.RECON_TASK_QUEUE, taskQueue, ReconConfig.RECON_METRICS_PORT, "0");
      return new BenchEngines(ReconConfig.fromEnv(env), workerEnv, List.of(), true);
    }
    var started = new ArrayList<AutoCloseable>();
    try {
      EmbeddedTemporalEngine temporal = EmbeddedTemporalEngine.start(Ports.free());
      started.add(temporal);
      java.nio.file.Path data =
          restartablePostgres ? java.nio.file.Files.createTempDirectory("recon-bench-pg") : null;
      if (data != null) {
        started.add(() -> deleteTree(data));
      }
      EmbeddedPostgresEngine postgres =
          data == null
              ? EmbeddedPostgresEngine.startEphemeral()
              : EmbeddedPostgresEngine.start(Ports.free(), data);
      started.add(postgres);
      EmbeddedMongoEngine mongo = EmbeddedMongoEngine.startEphemeral();
      started.add(mongo);
      var env = new HashMap<String, String>();
      // The workers inherit the process environment, so this client must encrypt as they do.
      for (ConfigVar key : List.of(ConfigVar.RECON_PAYLOAD_KEY, ConfigVar.RECON_AUDIT_KEY)) {
        key.in(processEnv).ifPresent(v -> env.put(key.name(), v));
      }
      env.putAll(
          Map.of(
              ReconConfig.TEMPORAL_ADDRESS,
              temporal.address(),
              ReconConfig.RECON_SOURCE_URL,
              postgres.jdbcUrl(),
              ReconConfig.RECON_MONGO_URI,
              mongo.uri(),
              ReconConfig.RECON_TASK_QUEUE,
              taskQueue,
              ReconConfig.RECON_METRICS_PORT,
              "0",
              WorkerLimits.RECON_STICKY_SCHEDULE_TO_START,
              WorkerLimits.EMBEDDED_STICKY_SCHEDULE_TO_START));
      var engines = new BenchEngines(ReconConfig.fromEnv(env), Map.copyOf(env), started, false);
      engines.postgres = postgres;
      engines.postgresData = data;
      return engines;
    } catch (RuntimeException e) {
      closeAll(started);
      throw e;
    } catch (java.io.IOException e) {
      closeAll(started);
      throw new java.io.UncheckedIOException("no temporary directory for PostgreSQL", e);
    }
  }

  /**
   * Stops the embedded PostgreSQL (fast mode: every session is cut, as in a restart or failover)
   * and starts it again on the same port and data. Only on engines started restartable.
   */
  public void restartPostgres() {
    if (postgres == null || postgresData == null) {
      throw new IllegalStateException("PostgreSQL was not started restartable");
    }
    postgres.restart();
  }

  private static void deleteTree(java.nio.file.Path root) throws java.io.IOException {
    if (!java.nio.file.Files.exists(root)) {
      return;
    }
    try (var paths = java.nio.file.Files.walk(root)) {
      for (var p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.deleteIfExists(p);
      }
    }
  }

  public ReconConfig config() {
    return config;
  }

  /** What the worker JVM gets on top of the bench's own environment. */
  public Map<String, String> workerEnv() {
    return workerEnv;
  }

  boolean external() {
    return external;
  }

  /** Names and versions; PostgreSQL's version is read from the server. */
  Map<String, String> describe(String postgresVersion) {
    var out = new java.util.LinkedHashMap<String, String>();
    if (external) {
      out.put("postgres", "PostgreSQL " + postgresVersion + " at " + config.source().redactedUrl());
      out.put("mongo", "MongoDB at " + config.mongo().redactedUrl());
      out.put("temporal", "Temporal at " + config.temporalAddress());
    } else {
      out.put("postgres", "PostgreSQL " + postgresVersion + " (embedded, zonky binaries)");
      out.put(
          "mongo",
          "mongo-java-server "
              + MONGO_JAVA_SERVER
              + " (in-memory backend, in the bench JVM; _id equality, $in, ranges, $type, strays"
              + " and an unfiltered read sorted by _id by the _id index, other filters scan)");
      out.put(
          "temporal",
          "Temporal Java test server " + Version.LIBRARY_VERSION + " (in the bench JVM)");
    }
    out.put("worker", "recon worker in its own JVM");
    return out;
  }

  @Override
  public void close() {
    closeAll(started);
  }

  private static void closeAll(List<AutoCloseable> list) {
    for (int i = list.size() - 1; i >= 0; i--) {
      try {
        list.get(i).close();
      } catch (Exception ignored) {
        // Shutting down: one engine that fails to stop must not keep the others running.
      }
    }
  }
}
