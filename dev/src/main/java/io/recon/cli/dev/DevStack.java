package io.recon.cli.dev;

import io.recon.core.config.Endpoint;
import io.recon.core.config.ReconConfig;
import io.recon.embedded.EmbeddedMongoEngine;
import io.recon.embedded.EmbeddedPostgresEngine;
import io.recon.embedded.EmbeddedTemporalEngine;
import io.recon.embedded.Ports;
import io.recon.worker.ReconWorker;
import io.recon.worker.WorkerLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The local stack of {@code recon dev} and {@code recon demo}: the embedded engines whose variables
 * are unset, and a worker connected to all three. Closing it stops the worker first, then the
 * engines in reverse order.
 */
public final class DevStack implements AutoCloseable {
  private final ReconConfig config;
  private final List<String> started;
  private final List<AutoCloseable> closeables;
  private final ReconWorker worker;

  private DevStack(
      ReconConfig config,
      List<String> started,
      List<AutoCloseable> closeables,
      ReconWorker worker) {
    this.config = config;
    this.started = started;
    this.closeables = closeables;
    this.worker = worker;
  }

  /** Ports and the data directory of the engines the stack may start. */
  public record Layout(int temporalPort, int postgresPort, int mongoPort, Path postgresData) {}

  public static DevStack start(ReconConfig base, Layout layout) {
    List<AutoCloseable> closeables = new ArrayList<>();
    List<String> started = new ArrayList<>();
    try {
      // Check every port first, so a taken one fails before anything has started.
      if (!base.isSet(ReconConfig.TEMPORAL_ADDRESS)) {
        Ports.requireFree("Temporal", layout.temporalPort(), DevCommand.TEMPORAL_PORT_HINT);
      }
      if (!base.isSet(ReconConfig.RECON_SOURCE_URL)) {
        Ports.requireFree("PostgreSQL", layout.postgresPort(), DevCommand.POSTGRES_PORT_HINT);
      }
      if (!base.isSet(ReconConfig.RECON_MONGO_URI)) {
        Ports.requireFree("MongoDB", layout.mongoPort(), DevCommand.MONGO_PORT_HINT);
      }
      String temporal = base.temporalAddress();
      if (!base.isSet(ReconConfig.TEMPORAL_ADDRESS)) {
        EmbeddedTemporalEngine engine = EmbeddedTemporalEngine.start(layout.temporalPort());
        closeables.add(engine);
        temporal = engine.address();
        started.add("Temporal");
      }
      Endpoint source = base.source();
      Endpoint store = base.store();
      if (!base.isSet(ReconConfig.RECON_SOURCE_URL)) {
        EmbeddedPostgresEngine engine =
            EmbeddedPostgresEngine.start(layout.postgresPort(), layout.postgresData());
        closeables.add(engine);
        source = new Endpoint(engine.jdbcUrl(), EmbeddedPostgresEngine.USER, null);
        if (!base.isSet(ReconConfig.RECON_STORE_URL)) {
          store = source;
        }
        started.add("PostgreSQL");
      }
      Endpoint mongo = base.mongo();
      if (!base.isSet(ReconConfig.RECON_MONGO_URI)) {
        EmbeddedMongoEngine engine = EmbeddedMongoEngine.start(layout.mongoPort());
        closeables.add(engine);
        mongo = new Endpoint(engine.uri(), null, null);
        started.add("MongoDB");
      }
      ReconConfig config = base.withEndpoints(temporal, source, store, mongo);
      // The embedded Temporal server never moves a task off a dead worker's sticky queue.
      WorkerLimits limits =
          started.contains("Temporal")
              ? WorkerLimits.of(base).withoutStickyExecution()
              : WorkerLimits.of(base);
      ReconWorker worker = ReconWorker.start(config, limits);
      return new DevStack(config, started, closeables, worker);
    } catch (RuntimeException e) {
      closeAll(closeables);
      throw e;
    }
  }

  public ReconConfig config() {
    return config;
  }

  ReconWorker worker() {
    return worker;
  }

  boolean embedded(String engine) {
    return started.contains(engine);
  }

  @Override
  public void close() {
    worker.close();
    closeAll(closeables);
  }

  private static void closeAll(List<AutoCloseable> closeables) {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception ignored) {
        // Shutting down: one engine that fails to stop must not keep the others running.
      }
    }
  }
}
