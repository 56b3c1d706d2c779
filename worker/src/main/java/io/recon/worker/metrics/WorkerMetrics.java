package io.recon.worker.metrics;

import com.uber.m3.tally.Scope;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.interceptors.WorkerInterceptor;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * A worker's observability, wired in two steps because Temporal's metrics scope must exist before
 * the connection and recon's recorders need the store opened after it: {@link #create()} gives the
 * registry and the scope for {@code TemporalConnections}, {@link #start} the interceptor, the gauge
 * refresher and the HTTP endpoint.
 */
public final class WorkerMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final Scope temporalScope;
  private final FeedMetrics feed;
  private GaugeRefresher refresher;
  private ActivityObserver observer;
  private MetricsServer server;
  private HealthCheck health;

  private WorkerMetrics(PrometheusMeterRegistry registry, Scope temporalScope) {
    this.registry = registry;
    this.temporalScope = temporalScope;
    this.feed = new FeedMetrics(registry);
  }

  public static WorkerMetrics create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TemporalMetricsScope.publishLatencyBuckets(registry);
    return new WorkerMetrics(registry, TemporalMetricsScope.create(registry));
  }

  /** The scope to give the service stubs, so the SDK's metrics land in this worker's registry. */
  public Scope temporalScope() {
    return temporalScope;
  }

  /**
   * The continuous mode's meters, for the feed activities to report through ({@code FeedObserver});
   * usable before {@link #start}.
   */
  public FeedMetrics feed() {
    return feed;
  }

  /**
   * Starts recording recon's metrics from the store and serving {@code /metrics} and {@code
   * /healthz} on {@code port} (0: a free one). Closing this closes {@code health} too.
   */
  public void start(DataSource store, HealthCheck health, int port) {
    this.health = health;
    Clock clock = Clock.systemUTC();
    ReconMeters meters = new ReconMeters(registry);
    StoreReadings readings = new JdbcStoreReadings(store);
    refresher = new GaugeRefresher(meters, readings, clock);
    observer = new ActivityObserver(new ActivityMetrics(meters, readings, refresher, clock, feed));
    server = MetricsServer.start(port, registry, health);
    refresher.start();
  }

  /** The interceptor to register on the worker factory; {@link #start} must have run. */
  public WorkerInterceptor interceptor() {
    return observer;
  }

  /** The port {@code /metrics} listens on. */
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
    if (refresher != null) {
      refresher.close();
    }
    if (health != null) {
      health.close();
    }
    try {
      temporalScope.close();
    } catch (Exception e) {
      // Closing flushes the last report; nothing scrapes it after the worker stops.
    }
    registry.close();
  }
}
