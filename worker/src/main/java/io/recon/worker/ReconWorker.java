package io.recon.worker;

import com.mongodb.client.MongoClient;
import com.zaxxer.hikari.HikariDataSource;
import io.recon.activities.repair.AuditCipher;
import io.recon.activities.store.CycleAbandoner;
import io.recon.activities.support.Connections;
import io.recon.activities.support.FailureBoundary;
import io.recon.activities.support.Lineage;
import io.recon.core.config.EndpointUnavailableException;
import io.recon.core.config.ReconConfig;
import io.recon.schema.StoreMigrator;
import io.recon.starter.CycleClient;
import io.recon.starter.CycleStore;
import io.recon.starter.TemporalConnections;
import io.recon.starter.tracing.Tracing;
import io.recon.worker.codec.CodecServer;
import io.recon.worker.metrics.HealthCheck;
import io.recon.worker.metrics.WorkerMetrics;
import io.recon.worker.tracing.ActivityTracing;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
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

  /** The service name of a worker's spans when {@code OTEL_SERVICE_NAME} is unset. */
  static final String SERVICE_NAME = "recon-worker";

  private final WorkerResources resources;
  private final WorkerFactory factory;
  private final WorkerMetrics metrics;
  private final FailureBoundary failures;
  private final Optional<String> codecEndpoint;
  private final List<AutoCloseable> closeables;

  private ReconWorker(
      WorkerResources resources,
      WorkerFactory factory,
      WorkerMetrics metrics,
      FailureBoundary failures,
      Optional<String> codecEndpoint,
      List<AutoCloseable> closeables) {
    this.resources = resources;
    this.factory = factory;
    this.metrics = metrics;
    this.failures = failures;
    this.codecEndpoint = codecEndpoint;
    this.closeables = closeables;
  }

  /** As {@link #start(ReconConfig, WorkerLimits)}, with the limits from the environment. */
  public static ReconWorker start(ReconConfig config) {
    return start(config, WorkerLimits.of(config));
  }

  /**
   * Connects, migrates, serves {@code /metrics} and {@code /healthz} on the configured port (and
   * the codec server when {@code RECON_PAYLOAD_KEY} is set, see {@link CodecServer}) and starts
   * polling within {@code limits}.
   *
   * @throws EndpointUnavailableException when an engine does not answer at start
   */
  public static ReconWorker start(ReconConfig config, WorkerLimits limits) {
    return start(config, limits, UnaryOperator.identity());
  }

  /**
   * As {@link #start(ReconConfig, WorkerLimits)}, with activities decorated for a test (public for
   * the CLI's tests, which plug fake feed captures in).
   */
  public static ReconWorker start(
      ReconConfig config, WorkerLimits limits, UnaryOperator<Object> decorateActivities) {
    return start(config, limits, decorateActivities, null);
  }

  /**
   * As {@link #start(ReconConfig, WorkerLimits, UnaryOperator)}, tracing into {@code tracing} (a
   * test's exporter), or, when it is null, as the configuration's {@code OTEL_*} settings ask.
   */
  static ReconWorker start(
      ReconConfig config,
      WorkerLimits limits,
      UnaryOperator<Object> decorateActivities,
      Tracing tracing) {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      WorkerMetrics metrics = WorkerMetrics.create();
      opened.add(metrics);
      Tracing traces = tracing != null ? tracing : Tracing.fromConfig(config, SERVICE_NAME);
      // Closed after the factory stops, so the spans of the last activities are exported too.
      opened.add(traces);
      WorkflowServiceStubs stubs = TemporalConnections.connect(config, metrics.temporalScope());
      opened.add(stubs::shutdown);
      HikariDataSource source =
          open(
              "PostgreSQL source",
              ReconConfig.RECON_SOURCE_URL,
              config.source().toString(),
              () -> Connections.readOnlyPostgres(config.source(), "recon-source", 8));
      opened.add(source);
      // The store gets its own pool even when it lives in the source's database: the source
      // pool is read-only, and the store must stay writable.
      HikariDataSource store =
          open(
              "PostgreSQL store",
              ReconConfig.RECON_STORE_URL,
              config.store().toString(),
              () -> Connections.postgres(config.store(), "recon-store", 8));
      opened.add(store);
      MongoClient mongo = connectMongo(config);
      opened.add(mongo);

      StoreMigrator.Result migrated = StoreMigrator.migrate(store);
      log.info(
          "recon store at version {} ({} migrations applied)",
          migrated.version(),
          migrated.applied());

      WorkflowClient client = TemporalConnections.client(stubs, config, traces);
      WorkerResources resources = new WorkerResources(config, client, source, store, mongo);
      metrics.start(store, new HealthCheck(stubs, source, store, mongo), config.metricsPort());
      // With payloads encrypted, the Temporal UI and CLI can read them only through this server.
      Optional<CodecServer> codecServer = CodecServer.startIfKeyed(config.settings());
      codecServer.ifPresent(opened::add);
      FailureBoundary failures = new FailureBoundary();
      WorkerFactory factory =
          WorkerFactory.newInstance(
              client,
              WorkerFactoryOptions.newBuilder()
                  .setWorkerInterceptors(interceptors(traces, failures, metrics.interceptor()))
                  .build());
      Worker worker = factory.newWorker(config.taskQueue(), limits.workerOptions());
      Registrations.register(worker, resources, decorateActivities, metrics.feed());
      factory.start();
      sweepLostCycles(config, client, store, mongo);
      log.info(
          "recon worker polling task queue {} on {}, {} activity slots, sticky execution {},"
              + " /metrics on port {}",
          config.taskQueue(),
          config.temporalAddress(),
          limits.maxConcurrentActivities(),
          limits.stickyExecution() ? limits.stickyScheduleToStart().toMillis() + " ms" : "off",
          metrics.port());
      return new ReconWorker(
          resources, factory, metrics, failures, codecServer.map(CodecServer::endpoint), opened);
    } catch (RuntimeException e) {
      closeAll(opened);
      throw e;
    }
  }

  /**
   * The factory's interceptors, innermost first: recon's own, then, when tracing, the one that
   * carries the trace into activity code, and Temporal's tracing interceptor outermost, so that all
   * of them run inside the span of the workflow or activity they intercept.
   */
  private static WorkerInterceptor[] interceptors(Tracing tracing, WorkerInterceptor... own) {
    List<WorkerInterceptor> all = new ArrayList<>(List.of(own));
    if (tracing.enabled()) {
      all.add(new ActivityTracing(tracing.tracer()));
      all.addAll(tracing.workerInterceptors());
    }
    return all.toArray(new WorkerInterceptor[0]);
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

  /**
   * Where the codec server answers ({@code http://host:port}), or empty when the worker runs none:
   * {@code RECON_PAYLOAD_KEY} unset or {@code RECON_CODEC_ADDRESS=off}.
   */
  public Optional<String> codecEndpoint() {
    return codecEndpoint;
  }

  @Override
  public void close() {
    // Activities still running fail as their pools close under them; that says nothing about
    // their work, so from here on their failures are retried elsewhere, not made permanent.
    failures.stopping();
    factory.shutdown();
    factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    closeAll(closeables);
  }

  /**
   * Closes, as ABANDONED, every cycle the store records open whose workflow Temporal does not know
   * or reports closed (cycles running on other workers are left alone), and settles the repair rows
   * that closed cycles left APPLYING. A sweep that cannot finish is logged, never fatal: the next
   * {@code recon status} or {@code recon run} of the job closes its cycle too.
   */
  private static void sweepLostCycles(
      ReconConfig config, WorkflowClient client, DataSource store, MongoClient mongo) {
    try {
      var abandoner = new CycleAbandoner(store, mongo, AuditCipher.fromEnv(config.settings()));
      var cycles =
          new CycleClient(
              client, config.taskQueue(), new CycleStore(store), Clock.systemUTC(), abandoner);
      CycleAbandoner.Swept swept = cycles.sweepLostCycles("recon@" + Lineage.processIdentity());
      if (!swept.abandoned().isEmpty() || swept.repairs().total() > 0) {
        log.warn(
            "closed lost cycles {} as ABANDONED; settled {} repairs left APPLYING ({} applied, {}"
                + " not applied)",
            swept.abandoned(),
            swept.repairs().total(),
            swept.repairs().applied(),
            swept.repairs().notApplied());
      }
    } catch (RuntimeException e) {
      log.warn("could not sweep lost cycles at start: {}", e.toString());
    }
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
