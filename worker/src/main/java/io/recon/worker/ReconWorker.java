package io.recon.worker;

import com.mongodb.client.MongoClient;
import com.zaxxer.hikari.HikariDataSource;
import io.recon.activities.support.Connections;
import io.recon.core.config.EndpointUnavailableException;
import io.recon.core.config.ReconConfig;
import io.recon.schema.StoreMigrator;
import io.recon.starter.TemporalConnections;
import io.recon.worker.metrics.HealthCheck;
import io.recon.worker.metrics.WorkerMetrics;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running recon worker: it checks that Temporal, PostgreSQL and MongoDB answer, migrates the
 * store, registers recon's workflows and activities on the task queue, and polls until closed.
 * Workers are stateless: run as many as the load needs, all on the same task queue.
 */
public final class ReconWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReconWorker.class);

  private final WorkerResources resources;
  private final WorkerFactory factory;
  private final WorkerMetrics metrics;
  private final List<AutoCloseable> closeables;

  private ReconWorker(
      WorkerResources resources,
      WorkerFactory factory,
      WorkerMetrics metrics,
      List<AutoCloseable> closeables) {
    this.resources = resources;
    this.factory = factory;
    this.metrics = metrics;
    this.closeables = closeables;
  }

  /** As {@link #start(ReconConfig, WorkerLimits)}, with the limits from the environment. */
  public static ReconWorker start(ReconConfig config) {
    return start(config, WorkerLimits.fromEnv());
  }

  /**
   * Connects, migrates, serves {@code /metrics} and {@code /healthz} on the configured port and
   * starts polling within {@code limits}.
   *
   * @throws EndpointUnavailableException when an engine does not answer at start
   */
  public static ReconWorker start(ReconConfig config, WorkerLimits limits) {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      WorkerMetrics metrics = WorkerMetrics.create();
      opened.add(metrics);
      WorkflowServiceStubs stubs = TemporalConnections.connect(config, metrics.temporalScope());
      opened.add(stubs::shutdown);
      HikariDataSource source =
          open(
              "PostgreSQL source",
              ReconConfig.RECON_SOURCE_URL,
              config.source().toString(),
              () -> Connections.postgres(config.source(), "recon-source", 8));
      opened.add(source);
      HikariDataSource store =
          config.store().equals(config.source())
              ? source
              : open(
                  "PostgreSQL store",
                  ReconConfig.RECON_STORE_URL,
                  config.store().toString(),
                  () -> Connections.postgres(config.store(), "recon-store", 8));
      if (store != source) {
        opened.add(store);
      }
      MongoClient mongo = connectMongo(config);
      opened.add(mongo);

      StoreMigrator.Result migrated = StoreMigrator.migrate(store);
      log.info(
          "recon store at version {} ({} migrations applied)",
          migrated.version(),
          migrated.applied());

      WorkflowClient client = TemporalConnections.client(stubs, config);
      WorkerResources resources = new WorkerResources(config, client, source, store, mongo);
      metrics.start(store, new HealthCheck(stubs, source, store, mongo), config.metricsPort());
      WorkerFactory factory =
          WorkerFactory.newInstance(
              client,
              WorkerFactoryOptions.newBuilder()
                  .setWorkerInterceptors(metrics.interceptor())
                  .build());
      Worker worker = factory.newWorker(config.taskQueue(), limits.workerOptions());
      Registrations.register(worker, resources);
      factory.start();
      log.info(
          "recon worker polling task queue {} on {}, {} activity slots, sticky execution {},"
              + " /metrics on port {}",
          config.taskQueue(),
          config.temporalAddress(),
          limits.maxConcurrentActivities(),
          limits.stickyExecution() ? limits.stickyScheduleToStart().toMillis() + " ms" : "off",
          metrics.port());
      return new ReconWorker(resources, factory, metrics, opened);
    } catch (RuntimeException e) {
      closeAll(opened);
      throw e;
    }
  }

  public WorkerResources resources() {
    return resources;
  }

  /**
   * The port of {@code /metrics} and {@code /healthz}: the configured one, or the one picked for 0.
   */
  public int metricsPort() {
    return metrics.port();
  }

  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    closeAll(closeables);
  }

  private static MongoClient connectMongo(ReconConfig config) {
    MongoClient mongo = Connections.mongo(config.mongo());
    try {
      mongo.getDatabase("admin").runCommand(new Document("ping", 1));
      return mongo;
    } catch (RuntimeException e) {
      mongo.close();
      throw new EndpointUnavailableException(
          "MongoDB", ReconConfig.RECON_MONGO_URI, config.mongo().toString(), e);
    }
  }

  private static <T> T open(
      String engine, String variable, String endpoint, java.util.function.Supplier<T> opener) {
    try {
      return opener.get();
    } catch (RuntimeException e) {
      throw new EndpointUnavailableException(engine, variable, endpoint, e);
    }
  }

  private static void closeAll(List<AutoCloseable> closeables) {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        log.warn("error while closing {}: {}", closeables.get(i), e.toString());
      }
    }
  }
}
